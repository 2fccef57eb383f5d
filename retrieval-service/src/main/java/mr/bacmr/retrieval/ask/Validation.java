package mr.bacmr.retrieval.ask;

/**
 * How far an answer can be trusted: {@code grounded} when enough of it is found in its sources ({@code score},
 * 0..1), {@code languageOk} when it is written in the asked language.
 */
public record Validation(boolean grounded, boolean languageOk, double score) {

    /** An extractive answer quotes its sources in their own words, so it is grounded by construction. */
    public static Validation quoted(boolean languageOk) {
        return new Validation(true, languageOk, 1.0);
    }

    public boolean passed() {
        return grounded && languageOk;
    }
}
