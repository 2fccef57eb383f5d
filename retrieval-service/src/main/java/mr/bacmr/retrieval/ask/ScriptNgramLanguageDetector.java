package mr.bacmr.retrieval.ask;

import com.optimaize.langdetect.DetectedLanguage;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfile;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;

import io.smallrye.mutiny.Uni;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The local language detector, the same approach as ingestion's (so a question and the chunks it should match get
 * the same label): script first — mostly Arabic letters is {@code ar}, which covers Hassaniya, written in Arabic
 * script and not separable from MSA by n-grams — then, for Latin script, optimaize n-gram profiles restricted to
 * French and English, the only Latin-script languages of the corpus. A question of a few words is still told when
 * the n-grams are confident; below {@link #MIN_LETTERS} letters it is not guessed at all. Produced by
 * {@code AskJudgeComponents}.
 */
public class ScriptNgramLanguageDetector implements LanguageDetector {

    static final int MIN_LETTERS = 6;
    private static final double MIN_PROBABILITY = 0.7;

    private final com.optimaize.langdetect.LanguageDetector latin;
    private final TextObjectFactory shortText = CommonTextObjectFactories.forDetectingShortCleanText();

    public ScriptNgramLanguageDetector() {
        try {
            List<LanguageProfile> profiles = new LanguageProfileReader().read(List.of("fr", "en"));
            latin = LanguageDetectorBuilder.create(NgramExtractors.standard()).withProfiles(profiles).build();
        } catch (IOException e) {
            throw new UncheckedIOException("language profiles missing from the classpath", e);
        }
    }

    /** Cheap CPU work, so done at once: the result is already resolved. */
    @Override
    public Uni<Optional<String>> detect(String text) {
        return Uni.createFrom().item(detectNow(text));
    }

    private Optional<String> detectNow(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        int arabic = 0;
        int latinLetters = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                Character.UnicodeScript script = Character.UnicodeScript.of(c);
                if (script == Character.UnicodeScript.ARABIC) {
                    arabic++;
                } else if (script == Character.UnicodeScript.LATIN) {
                    latinLetters++;
                }
            }
        }
        if (arabic > 0 && arabic >= latinLetters) {
            return Optional.of("ar"); // Arabic script is unambiguous on this platform, however short the text
        }
        if (latinLetters < MIN_LETTERS) {
            return Optional.empty();
        }
        // the profiles are mostly lower-case n-grams: an all-caps question reads as English otherwise
        List<DetectedLanguage> candidates = latin.getProbabilities(shortText.forText(text.toLowerCase(Locale.ROOT)));
        if (candidates.isEmpty() || candidates.get(0).getProbability() < MIN_PROBABILITY) {
            return Optional.empty();
        }
        return Optional.of(candidates.get(0).getLocale().getLanguage());
    }
}
