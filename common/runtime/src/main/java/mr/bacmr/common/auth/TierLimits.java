package mr.bacmr.common.auth;

/**
 * What a tier may do (ARCHITECTURE.md §3.3).
 *
 * @param maxTopK       the largest {@code top_k} a search may return
 * @param rerank        whether the reranker may be asked for
 * @param asksPerDay    RAG answers per UTC day
 * @param contextTokens tokens of retrieved context given to the chat model
 */
public record TierLimits(int maxTopK, boolean rerank, int asksPerDay, int contextTokens) {

    /** The {@code top_k} actually served: the request's, capped by the tier. */
    public int capTopK(int requested) {
        return Math.max(1, Math.min(requested, maxTopK));
    }
}
