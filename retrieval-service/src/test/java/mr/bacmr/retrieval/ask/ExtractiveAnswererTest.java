package mr.bacmr.retrieval.ask;

import java.util.List;

import org.junit.jupiter.api.Test;

import static mr.bacmr.retrieval.ask.Hits.hit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExtractiveAnswererTest {

    private final ContextPacker packer = new ContextPacker(new TokenCounter());
    private final ExtractiveAnswerer answerer = new ExtractiveAnswerer(2);

    private static final String HISTORY = "La Mauritanie est un pays d'Afrique de l'Ouest. Sa capitale est Nouakchott, "
            + "fondée en 1958. Le pays compte environ quatre millions d'habitants.";
    private static final String BIOLOGY = "La photosynthèse se déroule dans les chloroplastes. Les plantes vertes "
            + "fabriquent leur matière organique grâce à la lumière.";
    private static final String GEOGRAPHY = "Nouakchott, la capitale, se trouve au bord de l'océan Atlantique. "
            + "Le fleuve Sénégal marque la frontière sud.";

    @Test
    void quotesTheSentencesThatShareTheQuestionsWordsInSourceOrder() {
        PackedContext context = packer.pack(List.of(hit("h", "fr", HISTORY), hit("b", "fr", BIOLOGY),
                hit("g", "fr", GEOGRAPHY)), 2_000);

        ExtractiveAnswer answer = answerer.answer("Quelle est la capitale de la Mauritanie ?", "fr", context);

        assertEquals(List.of("La Mauritanie est un pays d'Afrique de l'Ouest.", "Sa capitale est Nouakchott, fondée en 1958."),
                answer.highlights().get(1));
        assertFalse(answer.highlights().containsKey(2), "biology has nothing to say: " + answer.highlights());
        assertTrue(answer.text().startsWith("Voici les passages"));
        assertTrue(answer.text().contains("Sa capitale est Nouakchott, fondée en 1958. [1]"), answer.text());
    }

    @Test
    void answersArabicQuestionsFromArabicSources() {
        String text = "نواكشوط هي عاصمة موريتانيا منذ سنة 1958. يمر نهر السنغال في جنوب البلاد.";
        PackedContext context = packer.pack(List.of(hit("ar", "ar", text)), 2_000);

        ExtractiveAnswer answer = answerer.answer("ما هي عاصمة موريتانيا؟", "ar", context);

        assertEquals(List.of("نواكشوط هي عاصمة موريتانيا منذ سنة 1958."), answer.highlights().get(1));
        assertTrue(answer.text().startsWith("هذه أهم المقاطع"));
    }

    @Test
    void withNoSharedWordsItQuotesTheOpeningOfTheBestPassage() {
        PackedContext context = packer.pack(List.of(hit("b", "fr", BIOLOGY), hit("h", "fr", HISTORY)), 2_000);

        ExtractiveAnswer answer = answerer.answer("How do leaves make sugar?", "en", context);

        assertEquals(List.of(1), List.copyOf(answer.highlights().keySet()));
        assertEquals("La photosynthèse se déroule dans les chloroplastes.", answer.highlights().get(1).get(0));
    }

    @Test
    void withoutSourcesItSaysSoInTheAskedLanguage() {
        PackedContext none = packer.pack(List.of(), 2_000);

        assertTrue(answerer.answer("?", "fr", none).text().startsWith("Je n'ai trouvé"));
        assertTrue(answerer.answer("?", "en", none).text().startsWith("I found no passage"));
        assertTrue(answerer.answer("?", "ar", none).text().startsWith("لم أجد"));
        assertTrue(answerer.answer("?", "ar", none).highlights().isEmpty());
    }
}
