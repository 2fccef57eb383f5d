package mr.bacmr.retrieval.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import mr.bacmr.retrieval.domain.IndexMatch;
import mr.bacmr.retrieval.domain.IndexQuery;
import mr.bacmr.retrieval.domain.IndexedChunk;
import mr.bacmr.retrieval.domain.RankFusion;
import mr.bacmr.retrieval.domain.SearchFilters;

/**
 * The served path fuses on document numbers and reads citations for the survivors only; it must give exactly what
 * fusing the two fully-cited candidate lists gives (same chunks, order, scores and citations), over several segments
 * and chunks with several window vectors (block-join children), in French and Arabic, with and without filters.
 */
class HybridFusionTest {

    static final String[] WORDS = ("photosynthèse plante cellule énergie lumière eau carbone glucose feuille racine "
            + "révolution république constitution citoyen droit dérivée fonction limite intégrale équation").split(" ");
    static final String[] ARABIC = "النيل نهر الماء الشمس النبات الخلية الطاقة التاريخ الدستور الدولة".split(" ");

    @Test
    void earlyFusionServesWhatFusingTheCitedListsServes() throws IOException {
        Path dir = Files.createTempDirectory("hybrid-fusion-");
        SplittableRandom random = new SplittableRandom(11);
        RankFusion fusion = new RankFusion(RankFusion.DEFAULT_K);
        UUID[] documents = {UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()};
        try (LuceneChunkIndex index = new LuceneChunkIndex(dir, "test-model", 0.05, 16)) {
            for (int i = 0; i < 600; i++) {
                boolean arabic = i % 5 == 0;
                List<float[]> windows = new ArrayList<>();
                for (int w = 0; w <= i % 3; w++) {
                    windows.add(vector(random));
                }
                index.upsert(new IndexedChunk("chunk-" + i, documents[i % 3], "Manuel " + i % 3,
                        i % 2 == 0 ? "sciences" : "histoire", "7C", arabic ? "ar" : "fr", 1 + i % 40, 300,
                        text(random, arabic ? ARABIC : WORDS, 40), windows));
                if (i % 150 == 149) {
                    index.checkpoint(Map.of(0, (long) i));   // a commit per batch: several segments
                }
            }
            index.awaitVisible();
            // a steady snapshot: background merges of the NRT segments would otherwise change the HNSW graphs (and
            // so the approximate kNN lists) between the two searches compared below
            index.compact(3);
            assertTrue(index.segments() > 1, "several segments: " + index.segments());

            int compared = 0;
            for (int q = 0; q < 60; q++) {
                boolean arabic = q % 4 == 0;
                String text = text(random, arabic ? ARABIC : WORDS, 3);
                float[] vector = q % 7 == 3 ? null : vector(random);
                SearchFilters filters = q % 3 == 0 ? new SearchFilters("sciences", null, null, null) : SearchFilters.NONE;
                double weight = q % 2 == 0 ? 1.0 : 0.5;
                int limit = q % 2 == 0 ? 10 : 30;
                IndexQuery query = new IndexQuery(text, vector, filters, 50, 50);
                List<IndexMatch> expected = fusion.fuse(index.candidates(query), limit, weight);
                List<IndexMatch> served = index.hybrid(query, fusion, limit, weight);
                assertEquals(expected, served, "query " + q + ": " + text);
                assertFalse(served.isEmpty(), "query " + q + " found something");
                compared += served.size();
            }
            assertTrue(compared > 600, "enough hits compared: " + compared);
        }
    }

    private static String text(SplittableRandom random, String[] words, int count) {
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < count; w++) {
            text.append(w == 0 ? "" : " ").append(words[random.nextInt(words.length)]);
        }
        return text.toString();
    }

    private static float[] vector(SplittableRandom random) {
        float[] v = new float[8];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return v;
    }
}
