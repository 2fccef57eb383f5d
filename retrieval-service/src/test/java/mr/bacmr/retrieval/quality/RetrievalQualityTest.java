package mr.bacmr.retrieval.quality;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import mr.bacmr.common.embedding.EmbeddingProviderConfig;

/**
 * Hybrid retrieval on XQuAD Arabic (240 passages, 1,190 questions) with the bundled model must not fall below a floor
 * a little under what was measured (docs/benchmarks.md): a regression in analysis, indexing or fusion shows here.
 * Runs in its own JVM (surefire execution model-tests): the model's native tokenizer binds to one class loader.
 */
class RetrievalQualityTest {

    /**
     * Measured 0.970 recall@5 for the hybrid as served (Arabic queries weigh the bundled model's vectors 0: BM25 0.970,
     * vectors 0.135, plain RRF 0.532); the floor leaves a little room.
     */
    static final double HYBRID_RECALL_AT_5_FLOOR = 0.95;

    /** Plain RRF (k = 60, both lists weighted 1) measured 0.529–0.537: the fusion itself is guarded too. */
    static final double PLAIN_RRF_RECALL_AT_5_FLOOR = 0.50;

    @Test
    void hybridRecallOnArabicXquadStaysAboveItsFloor() throws Exception {
        Path file = QaSet.locate("xquad.ar.json");
        assumeTrue(file != null, "xquad.ar.json neither in ../shared/corpus/qa nor bundled: skipped");
        RetrievalEvaluation.Report report = new RetrievalEvaluation(EmbeddingProviderConfig.inProcess())
                .evaluate(QaSet.read("XQuAD ar", "ar", file));
        System.out.println(RetrievalEvaluation.line(report));
        assertTrue(report.set().questions().size() == 1190 && report.set().passages().size() == 240);
        assertTrue(report.service().recallAt5() >= HYBRID_RECALL_AT_5_FLOOR, RetrievalEvaluation.line(report));
        assertTrue(report.rrf().recallAt5() >= PLAIN_RRF_RECALL_AT_5_FLOOR, RetrievalEvaluation.line(report));
        assertTrue(report.rrf().recallAt5() >= report.vector().recallAt5(), "plain fusion is no worse than vectors alone");
    }
}
