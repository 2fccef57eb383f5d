package mr.bacmr.retrieval.domain;

import io.smallrye.mutiny.Uni;

import java.util.List;

/**
 * Orders retrieval candidates by how well their canonical text answers the query (S20 "GPT-mini" role): a local
 * scoring adapter, or a chat model by configuration.
 */
public interface Reranker {

    /** Stable name, part of the rerank cache key: two rerankers never share cached orders. */
    String name();

    /** One relevance score per candidate, in the candidates' order; higher is better. */
    Uni<List<Double>> score(String query, List<Candidate> candidates);

    /**
     * @param text       canonical text; null when it could not be fetched
     * @param fusedScore the reciprocal-rank-fusion score the candidate came with
     */
    record Candidate(String chunkId, String language, String text, double fusedScore) {
    }
}
