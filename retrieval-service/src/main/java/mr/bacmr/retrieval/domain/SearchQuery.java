package mr.bacmr.retrieval.domain;

/**
 * What to search for: {@code topK} hits (already capped by the caller's tier), optionally reranked.
 *
 * @param filters never null: use {@link SearchFilters#NONE}
 */
public record SearchQuery(String text, int topK, SearchFilters filters, boolean rerank) {

    public SearchQuery {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("query text is blank");
        }
        if (topK < 1) {
            throw new IllegalArgumentException("topK must be >= 1");
        }
        filters = filters == null ? SearchFilters.NONE : filters;
    }
}
