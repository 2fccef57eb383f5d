package mr.bacmr.retrieval.api;

import java.util.List;

import mr.bacmr.retrieval.domain.SearchHit;

/**
 * Results with what was actually served: {@code top_k} after the tier cap, and {@code capped} when the request
 * asked for more than the tier allows.
 */
public record SearchResponse(String query, int topK, boolean capped, String tier, List<SearchHit> results) {
}
