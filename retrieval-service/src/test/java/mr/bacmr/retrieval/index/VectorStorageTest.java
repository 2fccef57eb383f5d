package mr.bacmr.retrieval.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;

import mr.bacmr.retrieval.domain.IndexMatch;
import mr.bacmr.retrieval.domain.IndexQuery;
import mr.bacmr.retrieval.domain.IndexedChunk;
import mr.bacmr.retrieval.domain.SearchFilters;

/**
 * The vector storage setting decides the format of the segments written from then on, an index written with one
 * setting stays searchable under the other (segments of both formats side by side, then merged into the new one), and
 * an int8 graph still finds each chunk by a vector near its own and ranks its hits by their exact float scores.
 */
class VectorStorageTest {

    static final int DIMS = 64;

    @Test
    void int8SegmentsAreQuantisedAndFindTheirChunks() throws IOException {
        Path dir = Files.createTempDirectory("vector-storage-");
        List<float[]> vectors = vectors(300, new SplittableRandom(5));
        try (LuceneChunkIndex index = int8Index(dir, vectors)) {
            assertFindsItsChunks(index, vectors, 0, 300);
        }
        assertEquals(List.of("Lucene99HnswScalarQuantizedVectorsFormat"), formats(dir));
    }

    @Test
    void changingTheStorageKeepsOldSegmentsSearchableAndMergesIntoTheNewFormat() throws IOException {
        Path dir = Files.createTempDirectory("vector-storage-");
        List<float[]> vectors = vectors(400, new SplittableRandom(9));
        try (LuceneChunkIndex index = new LuceneChunkIndex(dir, "test-model", 0.05, 16, VectorStorage.FLOAT32)) {
            add(index, vectors, 0, 200);
            index.checkpoint(Map.of(0, 200L));
        }
        assertEquals(List.of("Lucene99HnswVectorsFormat"), formats(dir));
        try (LuceneChunkIndex index = new LuceneChunkIndex(dir, "test-model", 0.05, 16, VectorStorage.INT8)) {
            add(index, vectors, 200, 400);
            index.checkpoint(Map.of(0, 400L));
            index.awaitVisible();
            assertEquals(400, index.size(), "the first 200 chunks survived the reopen");
            assertEquals(List.of("Lucene99HnswScalarQuantizedVectorsFormat", "Lucene99HnswVectorsFormat"), formats(dir));
            assertFindsItsChunks(index, vectors, 0, 400);
            index.compact(1);
            index.checkpoint(Map.of(0, 400L));
            assertFindsItsChunks(index, vectors, 0, 400);
        }
        assertEquals(List.of("Lucene99HnswScalarQuantizedVectorsFormat"), formats(dir));
    }

    @Test
    void int8HitsCarryTheirExactFloatScoresBestFirst() throws IOException {
        Path dir = Files.createTempDirectory("vector-storage-");
        List<float[]> vectors = vectors(300, new SplittableRandom(11));
        try (LuceneChunkIndex index = int8Index(dir, vectors)) {
            assertHitsCarryExactScores(index, vectors, new SplittableRandom(3));
        }
    }

    /** The 50 nearest of random queries score as the float graph would score them, best first. */
    private static void assertHitsCarryExactScores(LuceneChunkIndex index, List<float[]> vectors, SplittableRandom random) {
        for (int q = 0; q < 5; q++) {
            float[] query = vectors(1, random).get(0);
            List<IndexMatch> nearest = index.candidates(new IndexQuery(null, query, SearchFilters.NONE, 10, 50)).vector();
            assertEquals(50, nearest.size());
            double previous = Double.MAX_VALUE;
            for (IndexMatch match : nearest) {
                float[] vector = vectors.get(Integer.parseInt(match.chunkId().substring("chunk-".length())));
                // what the float graph would score: DOT_PRODUCT of the unit vectors, (1 + cos) / 2
                double exact = (1 + org.apache.lucene.util.VectorUtil.dotProduct(ChunkDocuments.unit(query),
                        ChunkDocuments.unit(vector))) / 2;
                assertEquals(exact, match.score(), 1e-5, "score of " + match.chunkId());
                assertTrue(match.score() <= previous, "best first");
                previous = match.score();
            }
        }
    }

    @Test
    void int8SegmentsAreRescoredWhateverTheSettingSaysNow() throws IOException {
        Path dir = Files.createTempDirectory("vector-storage-");
        List<float[]> vectors = vectors(300, new SplittableRandom(13));
        int8Index(dir, vectors).close();
        // the setting changed back to float32: the int8 segment stays until it merges, and is still rescored
        try (LuceneChunkIndex index = new LuceneChunkIndex(dir, "test-model", 0.05, 16, VectorStorage.FLOAT32)) {
            assertHitsCarryExactScores(index, vectors, new SplittableRandom(3));
        }
        assertEquals(List.of("Lucene99HnswScalarQuantizedVectorsFormat"), formats(dir));
    }

    @Test
    void onlyQuantisedSegmentsAreTakenForQuantised() throws IOException {
        Path floats = Files.createTempDirectory("vector-storage-");
        Path int8 = Files.createTempDirectory("vector-storage-");
        List<float[]> vectors = vectors(50, new SplittableRandom(17));
        try (LuceneChunkIndex index = new LuceneChunkIndex(floats, "test-model", 0.05, 16, VectorStorage.FLOAT32)) {
            add(index, vectors, 0, vectors.size());
            index.checkpoint(Map.of(0, 50L));
        }
        int8Index(int8, vectors).close();
        assertEquals(List.of(false), quantised(floats));
        assertEquals(List.of(true), quantised(int8));
    }

    private static List<Boolean> quantised(Path dir) throws IOException {
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir))) {
            return reader.leaves().stream()
                    .map(leaf -> ExactRescoring.quantised(leaf.reader(), ChunkDocuments.VECTOR)).toList();
        }
    }

    /** An int8 index at {@code dir} holding a chunk per vector, searchable. */
    private static LuceneChunkIndex int8Index(Path dir, List<float[]> vectors) {
        LuceneChunkIndex index = new LuceneChunkIndex(dir, "test-model", 0.05, 16, VectorStorage.INT8);
        add(index, vectors, 0, vectors.size());
        index.checkpoint(Map.of(0, (long) vectors.size()));
        index.awaitVisible();
        return index;
    }

    /** Each chunk's own vector, slightly moved, finds that chunk first. */
    private static void assertFindsItsChunks(LuceneChunkIndex index, List<float[]> vectors, int from, int to) {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = from; i < to; i += 7) {
            float[] near = vectors.get(i).clone();
            for (int d = 0; d < DIMS; d++) {
                near[d] += (float) (random.nextGaussian() * 0.01);
            }
            List<IndexMatch> nearest = index.candidates(new IndexQuery(null, near, SearchFilters.NONE, 10, 10)).vector();
            assertEquals("chunk-" + i, nearest.get(0).chunkId(), "nearest to chunk " + i);
        }
    }

    private static void add(LuceneChunkIndex index, List<float[]> vectors, int from, int to) {
        UUID document = UUID.randomUUID();
        for (int i = from; i < to; i++) {
            index.upsert(new IndexedChunk("chunk-" + i, document, "Manuel", "sciences", "7C", "fr", 1, 100,
                    "texte " + i, List.of(vectors.get(i))));
        }
    }

    /** The vector formats the segments of the last commit recorded for the vector field, each once, sorted. */
    private static List<String> formats(Path dir) throws IOException {
        java.util.SortedSet<String> formats = new java.util.TreeSet<>();
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir))) {
            for (LeafReaderContext leaf : reader.leaves()) {
                formats.add(leaf.reader().getFieldInfos().fieldInfo(ChunkDocuments.VECTOR)
                        .getAttribute(PerFieldKnnVectorsFormat.PER_FIELD_FORMAT_KEY));
            }
        }
        return List.copyOf(formats);
    }

    private static List<float[]> vectors(int count, SplittableRandom random) {
        List<float[]> vectors = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            float[] vector = new float[DIMS];
            for (int d = 0; d < DIMS; d++) {
                vector[d] = (float) random.nextGaussian();
            }
            vectors.add(vector);
        }
        return vectors;
    }
}
