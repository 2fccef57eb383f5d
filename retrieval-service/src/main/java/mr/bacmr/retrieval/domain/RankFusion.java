package mr.bacmr.retrieval.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion (Cormack et al., 2009): a chunk scores {@code Σ 1 / (k + rank)} over the lists it is in
 * (rank from 1). Only ranks count, so BM25 and cosine scores never need to be made comparable.
 */
public final class RankFusion {

    public static final int DEFAULT_K = 60;

    private final int k;

    public RankFusion(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1");
        }
        this.k = k;
    }

    /** The fused list, best first (ties keep first-seen order: lexical before vector), at most {@code limit}. */
    public List<IndexMatch> fuse(IndexCandidates candidates, int limit) {
        return fuse(candidates, limit, 1.0);
    }

    /**
     * Weighted fusion: the vector list's terms count {@code vectorWeight} times (1 = plain RRF). Lowered where the
     * embedding model is known to be weak (Arabic with the bundled model), so its noise cannot outvote BM25.
     */
    public List<IndexMatch> fuse(IndexCandidates candidates, int limit, double vectorWeight) {
        Map<String, IndexMatch> byId = new LinkedHashMap<>();
        Map<String, Double> scores = new LinkedHashMap<>();
        List<List<IndexMatch>> lists = List.of(candidates.lexical(), candidates.vector());
        for (int l = 0; l < lists.size(); l++) {
            List<IndexMatch> list = lists.get(l);
            double weight = l == 0 ? 1.0 : vectorWeight;
            for (int rank = 0; rank < list.size(); rank++) {
                IndexMatch match = list.get(rank);
                byId.putIfAbsent(match.chunkId(), match);
                scores.merge(match.chunkId(), weight / (k + rank + 1), Double::sum);
            }
        }
        List<IndexMatch> fused = new ArrayList<>(byId.size());
        byId.forEach((id, match) -> fused.add(withScore(match, scores.get(id))));
        fused.sort(Comparator.comparingDouble(IndexMatch::score).reversed());
        return fused.size() > limit ? List.copyOf(fused.subList(0, limit)) : fused;
    }

    static IndexMatch withScore(IndexMatch match, double score) {
        return new IndexMatch(match.chunkId(), match.documentId(), match.title(), match.page(), match.language(),
                match.tokenCount(), score);
    }
}
