package mr.bacmr.retrieval.ask;

/**
 * How far an answer can be trusted: {@code grounded} when enough of it is found in its sources ({@code score},
 * 0..1), {@code languageOk} when it is written in the asked language. {@code judge} says who decided:
 * {@value #LEXICAL}, {@code llm:<model>}, or {@value #QUOTED} for an extractive answer — an LLM judge that failed
 * leaves the lexical verdict, so clients and the asks table can tell which one they see.
 */
public record Validation(boolean grounded, boolean languageOk, double score, String judge) {

    public static final String LEXICAL = "lexical";
    public static final String QUOTED = "quoted";

    /** An extractive answer quotes its sources in their own words, so it is grounded by construction. */
    public static Validation quoted(boolean languageOk) {
        return new Validation(true, languageOk, 1.0, QUOTED);
    }

    public boolean passed() {
        return grounded && languageOk;
    }
}
