package mr.bacmr.retrieval.ask;

import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;

import java.util.List;

import org.junit.jupiter.api.Test;

import static mr.bacmr.retrieval.ask.Hits.hit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LexicalAnswerValidatorTest {

    private final AnswerValidator validator = new LexicalAnswerValidator(new ScriptNgramLanguageDetector(), 0.6);
    private final PackedContext context = new ContextPacker(new TokenCounter()).pack(List.of(hit("h", "fr",
            "La Mauritanie a obtenu son indépendance le 28 novembre 1960. Sa capitale est Nouakchott, "
                    + "fondée en 1958 au bord de l'océan Atlantique.")), 2_000);

    /** With the local detector the verdict is there at once: nothing to wait for. */
    private Validation validate(String answer, String language, PackedContext context) {
        UniAssertSubscriber<Validation> verdict = validator.validate(answer, language, context)
                .subscribe().withSubscriber(UniAssertSubscriber.create());
        return verdict.assertCompleted().getItem();
    }

    @Test
    void anAnswerInTheSourcesWordsIsGrounded() {
        Validation validation = validate(
                "La capitale de la Mauritanie est Nouakchott [1], fondée en 1958 au bord de l'Atlantique [1].",
                "fr", context);

        assertTrue(validation.grounded(), "score " + validation.score());
        assertTrue(validation.languageOk());
        assertTrue(validation.passed());
        assertEquals(Validation.LEXICAL, validation.judge());
    }

    @Test
    void anAnswerFromMemoryIsNot() {
        Validation validation = validate(
                "Le Sénégal voisin exporte surtout des arachides et du poisson, selon les économistes modernes.",
                "fr", context);

        assertFalse(validation.grounded(), "score " + validation.score());
        assertTrue(validation.score() < 0.3);
    }

    @Test
    void anAnswerInAnotherLanguageFailsTheLanguageCheck() {
        Validation validation = validate(
                "The capital of Mauritania is Nouakchott, founded in 1958 on the Atlantic ocean.", "fr", context);

        assertFalse(validation.languageOk());
        assertFalse(validation.passed());
        assertFalse(validate("عاصمة موريتانيا هي نواكشوط", "fr", context).languageOk());
    }

    @Test
    void anEmptyAnswerScoresZero() {
        assertEquals(0.0, validate("[1]", "fr", context).score());
    }
}
