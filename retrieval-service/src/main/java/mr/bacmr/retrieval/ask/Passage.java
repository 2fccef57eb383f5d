package mr.bacmr.retrieval.ask;

import mr.bacmr.retrieval.domain.SearchHit;

/**
 * A retrieved passage given to the answer as source {@code [number]}: the hit it comes from, and the text actually
 * used (cut to the budget when {@code truncated}).
 */
public record Passage(int number, SearchHit hit, String text, int tokens, boolean truncated) {
}
