package mr.bacmr.retrieval.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class RankFusionTest {

    static final UUID DOC = UUID.randomUUID();

    static IndexMatch m(String id) {
        return new IndexMatch(id, DOC, "t", 1, "fr", 10, 0);
    }

    @Test
    void aChunkInBothListsBeatsOneOnTopOfASingleListAndTiesKeepTheLexicalOrder() {
        IndexCandidates candidates = new IndexCandidates(List.of(m("a"), m("b"), m("c")), List.of(m("c"), m("d")));
        List<IndexMatch> fused = new RankFusion(60).fuse(candidates, 10);
        assertEquals(List.of("c", "a", "b", "d"), fused.stream().map(IndexMatch::chunkId).toList());
        assertEquals(1.0 / 63 + 1.0 / 61, fused.get(0).score(), 1e-12);
        assertEquals(1.0 / 61, fused.get(1).score(), 1e-12);
    }

    @Test
    void aZeroVectorWeightKeepsTheLexicalOrderAndLimitCuts() {
        IndexCandidates candidates = new IndexCandidates(List.of(m("a"), m("b"), m("c")), List.of(m("c"), m("d")));
        List<IndexMatch> fused = new RankFusion(60).fuse(candidates, 3, 0.0);
        assertEquals(List.of("a", "b", "c"), fused.stream().map(IndexMatch::chunkId).toList());
    }

    @Test
    void arabicScriptQueriesGetTheArabicWeight() {
        VectorWeights weights = new VectorWeights(1.0, 0.0);
        assertEquals(0.0, weights.forQuery("ما هو أطول نهر في العالم؟"));
        assertEquals(1.0, weights.forQuery("le théorème de Pythagore"));
        assertEquals(1.0, weights.forQuery("2024 ?"));
    }
}
