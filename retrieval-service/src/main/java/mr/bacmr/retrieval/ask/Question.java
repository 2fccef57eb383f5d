package mr.bacmr.retrieval.ask;

import mr.bacmr.retrieval.domain.SearchFilters;

/**
 * A student's question: its text, the search filters it is restricted to, and the answer language when the
 * student chose one (else it is detected).
 */
public record Question(String text, SearchFilters filters, String language) {
}
