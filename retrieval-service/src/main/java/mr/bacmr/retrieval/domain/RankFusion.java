package mr.bacmr.retrieval.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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
        return fuse(candidates.lexical(), candidates.vector(), IndexMatch::chunkId, limit, vectorWeight).stream()
                .map(fused -> withScore(fused.item(), fused.score()))
                .toList();
    }

    /** An item of the fused list with its fused score. */
    public record Fused<T>(T item, double score) {
    }

    /**
     * Fusion of any two ranked lists whose items share an {@code identity} (a chunk id, or a document number inside
     * one index snapshot, so an index can fuse before it reads any metadata). Ties keep first-seen order: lexical
     * before vector. The item kept for a chunk is its first occurrence.
     */
    public <T> List<Fused<T>> fuse(List<T> lexical, List<T> vector, Function<T, ?> identity, int limit,
                                   double vectorWeight) {
        // one entry per distinct item, in first-seen order (so the stable sort keeps ties lexical-first)
        Map<Object, Scored<T>> byId = new LinkedHashMap<>(2 * (lexical.size() + vector.size()));
        List<List<T>> lists = List.of(lexical, vector);
        for (int l = 0; l < lists.size(); l++) {
            List<T> list = lists.get(l);
            double weight = l == 0 ? 1.0 : vectorWeight;
            for (int rank = 0; rank < list.size(); rank++) {
                T item = list.get(rank);
                byId.computeIfAbsent(identity.apply(item), id -> new Scored<>(item)).score += weight / (k + rank + 1);
            }
        }
        List<Fused<T>> fused = new ArrayList<>(byId.size());
        for (Scored<T> scored : byId.values()) {
            fused.add(new Fused<>(scored.item, scored.score));
        }
        fused.sort(Comparator.comparingDouble((Fused<T> f) -> f.score()).reversed());
        return fused.size() > limit ? List.copyOf(fused.subList(0, limit)) : fused;
    }

    private static final class Scored<T> {
        final T item;
        double score;

        Scored(T item) {
            this.item = item;
        }
    }

    static IndexMatch withScore(IndexMatch match, double score) {
        return new IndexMatch(match.chunkId(), match.documentId(), match.title(), match.page(), match.language(),
                match.tokenCount(), score);
    }
}
