package mr.bacmr.retrieval.api;

import java.util.List;

import mr.bacmr.retrieval.domain.SearchHit;

/**
 * Results with what was actually served.
 *
 * @param topK              after the tier cap
 * @param capped            the request asked for more than the tier allows
 * @param reranked          the reranker ordered the results
 * @param rerankIgnored     rerank was asked by a tier without it (free): served without rerank
 * @param textUnavailable   some results lack text and snippet: the canonical chunk store did not answer
 * @param vectorUnavailable the query could not be embedded now: BM25 results only
 */
public record SearchResponse(String query, int topK, boolean capped, String tier, boolean reranked,
                             boolean rerankIgnored, boolean textUnavailable, boolean vectorUnavailable,
                             List<SearchHit> results) {
}
