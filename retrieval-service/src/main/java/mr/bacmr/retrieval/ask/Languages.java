package mr.bacmr.retrieval.ask;

import java.util.Map;

/** The languages answers are given in, and what a prompt or a canned sentence needs to know about each. */
public final class Languages {

    public static final String ARABIC = "ar";
    public static final String FRENCH = "fr";
    public static final String ENGLISH = "en";

    private static final Map<String, String> NAMES = Map.of(
            ARABIC, "Arabic (Modern Standard Arabic; the question may be in Hassaniya)",
            FRENCH, "French",
            ENGLISH, "English");

    public static boolean isSupported(String language) {
        return NAMES.containsKey(language);
    }

    /** How the prompt names the language the answer must be written in. */
    public static String promptName(String language) {
        return NAMES.getOrDefault(language, NAMES.get(FRENCH));
    }

    /** A fixed sentence in the asked language: {@code fr}, {@code ar}, {@code en} variants in that order. */
    public static String say(String language, String french, String arabic, String english) {
        return switch (language) {
            case ARABIC -> arabic;
            case ENGLISH -> english;
            default -> french;
        };
    }

    private Languages() {
    }
}
