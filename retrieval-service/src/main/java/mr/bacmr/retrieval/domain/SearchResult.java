package mr.bacmr.retrieval.domain;

import java.util.List;

/**
 * Hits, best first.
 *
 * @param reranked          whether the reranker ordered them (false when not asked, or when it was unavailable)
 * @param vectorUnavailable the query could not be embedded (model down or breaker open): lexical results only
 */
public record SearchResult(List<SearchHit> hits, boolean reranked, boolean vectorUnavailable) {

    public SearchResult(List<SearchHit> hits, boolean reranked) {
        this(hits, reranked, false);
    }

    /** Some hit came without its text: the canonical chunk store was unreachable. */
    public boolean textUnavailable() {
        return hits.stream().anyMatch(hit -> hit.text() == null);
    }
}
