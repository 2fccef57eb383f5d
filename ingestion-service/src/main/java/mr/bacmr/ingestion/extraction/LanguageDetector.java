package mr.bacmr.ingestion.extraction;

import com.optimaize.langdetect.DetectedLanguage;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfile;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * Tells "ar", "fr", "en" or "other" for a text.
 *
 * <p>Script decides first: text mostly in Arabic letters is "ar" (Modern Standard Arabic and
 * Hassaniya, which is written in Arabic script, both count as "ar"; n-gram profiles cannot tell
 * them apart reliably and the platform treats them alike). Text mostly in Latin letters goes to the
 * optimaize n-gram detector, restricted to French and English: the only Latin-script languages of
 * the corpus, and a smaller choice is more reliable on short texts. Too few letters is "other".
 * Thread-safe; build once, the profiles are loaded from the library's jar.
 */
public final class LanguageDetector {

    public static final int DEFAULT_MIN_LETTERS = 8;
    private static final int SHORT_TEXT_LETTERS = 200;
    private static final double MIN_PROBABILITY = 0.6;

    private final com.optimaize.langdetect.LanguageDetector latinDetector;
    private final TextObjectFactory shortTextFactory = CommonTextObjectFactories.forDetectingShortCleanText();
    private final TextObjectFactory longTextFactory = CommonTextObjectFactories.forDetectingOnLargeText();
    private final int minLetters;

    public LanguageDetector(int minLetters) {
        this.minLetters = minLetters;
        try {
            List<LanguageProfile> profiles = new LanguageProfileReader().read(List.of("fr", "en"));
            latinDetector = LanguageDetectorBuilder.create(NgramExtractors.standard())
                    .withProfiles(profiles)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("language profiles missing from the classpath", e);
        }
    }

    public LanguageDetector() {
        this(DEFAULT_MIN_LETTERS);
    }

    public String detect(String text) {
        if (text == null || text.isBlank()) {
            return "other";
        }
        int arabic = 0;
        int latin = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isLetter(c)) {
                continue;
            }
            Character.UnicodeScript script = Character.UnicodeScript.of(c);
            if (script == Character.UnicodeScript.ARABIC) {
                arabic++;
            } else if (script == Character.UnicodeScript.LATIN) {
                latin++;
            }
        }
        if (arabic + latin < minLetters) {
            return "other";
        }
        if (arabic >= latin) {
            return "ar";
        }
        return detectLatin(text, latin);
    }

    private String detectLatin(String text, int latinLetters) {
        TextObjectFactory factory = latinLetters < SHORT_TEXT_LETTERS ? shortTextFactory : longTextFactory;
        // the profiles are mostly lower-case n-grams: "LE DISCOURS EXPLICATIF" reads as English otherwise
        List<DetectedLanguage> candidates = latinDetector.getProbabilities(factory.forText(text.toLowerCase(Locale.ROOT)));
        if (candidates.isEmpty() || candidates.get(0).getProbability() < MIN_PROBABILITY) {
            return "other";
        }
        return candidates.get(0).getLocale().getLanguage();
    }
}
