package mr.bacmr.ingestion.embedding;

import mr.bacmr.common.embedding.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import mr.bacmr.ingestion.chunking.Chunk;
import mr.bacmr.ingestion.chunking.Sha256;
import mr.bacmr.ingestion.chunking.TokenChunker;
import mr.bacmr.ingestion.testing.Corpus;
import org.junit.jupiter.api.Test;

/** The window embedder with the real bundled model and its real tokenizer. */
class ChunkWindowEmbedderTest {

    // ~170 words on neither topic: pushes both tails well past the model's 128 word pieces
    private static final String SHARED_PREFIX = """
            This chapter explains how the revision weeks before the national examination are organised \
            in our school. Every morning starts at eight with a short assembly in the courtyard, where \
            the head teacher reads the day's timetable and reminds everyone of the rules of the library. \
            Students then go to their classrooms, where each group works through the exercises prepared \
            by their teachers during the previous week. The exercises are printed on loose sheets that \
            must be kept in a folder, numbered and dated, because the teachers check the folders every \
            Thursday afternoon. A break of twenty minutes is given at ten, and students may buy bread, \
            tea and fruit at the small stall near the gate. After the break, the groups change rooms and \
            meet a different teacher, so that each student sees every subject at least twice a week. \
            Lunch is served at one, and the afternoon is kept for individual work, past papers and \
            questions to the teachers, who stay in the staff room until five. On Saturdays a full mock \
            examination is held in the large hall, in silence, under the same conditions as the real one, \
            and the marked papers are returned on Monday with comments written in red ink.""";

    private static final String PHOTOSYNTHESIS = " The last lesson covers photosynthesis: green plants capture "
            + "sunlight with the chlorophyll in their leaves and turn water and carbon dioxide into glucose, "
            + "releasing oxygen.";
    private static final String REVOLUTION = " The last lesson covers the French Revolution: in 1789 the people of "
            + "Paris stormed the Bastille, the monarchy of Louis XVI fell and the Republic was proclaimed.";

    @Test
    void windowsLetTheTailOfAChunkDecideWhatIsRetrieved() {
        EmbeddingModel model = BundledModel.model();
        HuggingFaceWordPieceCounter counter = BundledModel.counter();
        assertTrue(counter.count(SHARED_PREFIX) > 150, "the shared prefix alone exceeds the model's input");

        Chunk plants = chunk("plants", SHARED_PREFIX + PHOTOSYNTHESIS);
        Chunk history = chunk("history", SHARED_PREFIX + REVOLUTION);

        // 1. Direct embedding: the model truncates at 128 word pieces, so it never sees the tails
        float[] plantsDirect = model.embed(plants.text()).content().vector();
        float[] historyDirect = model.embed(history.text()).content().vector();
        double directCosine = Vectors.cosine(plantsDirect, historyDirect);
        System.out.printf("direct embedding of the two chunks: cosine %.6f (truncated to the shared prefix)%n", directCosine);
        assertTrue(directCosine > 0.99, "direct embeddings are (near-)identical: " + directCosine);

        // 2. Window pooling: the tail is embedded, and retrieval follows it
        ChunkWindowEmbedder embedder = EmbeddingModels.windowEmbedder(BundledModel.CONFIG, model);
        List<ChunkEmbedding> pooled = embedder.embed(List.of(plants, history));
        double pooledCosine = Vectors.cosine(pooled.get(0).vector(), pooled.get(1).vector());
        System.out.printf("window-pooled vectors of the two chunks: cosine %.6f, windows %d and %d%n", pooledCosine,
                pooled.get(0).windowVectors().size(), pooled.get(1).windowVectors().size());
        assertTrue(pooledCosine < directCosine);

        float[] plantQuery = model.embed("How do plants use chlorophyll and sunlight to make glucose and oxygen?")
                .content().vector();
        float[] historyQuery = model.embed("When did the people of Paris storm the Bastille and end the monarchy?")
                .content().vector();
        assertRanksFirst(plantQuery, pooled, "plants");
        assertRanksFirst(historyQuery, pooled, "history");
    }

    @Test
    void textbookChunksAreEmbeddedWhole() throws Exception {
        String text = Corpus.frenchTextbookText();
        List<Chunk> french = new TokenChunker().chunk("book", 1, text, "fr").subList(10, 22);
        List<Chunk> arabic = new TokenChunker().chunk("xquad", 1, String.join("\n\n", Corpus.arabicContexts()), "ar")
                .subList(0, 4);
        List<Chunk> chunks = new ArrayList<>(french);
        chunks.addAll(arabic);

        CountingEmbeddingModel counting = new CountingEmbeddingModel(BundledModel.model());
        ChunkWindowEmbedder embedder = EmbeddingModels.windowEmbedder(BundledModel.CONFIG, counting);
        int limit = embedder.splitter().maxTokens();
        assertEquals(120, limit, "128 word pieces less [CLS], [SEP] and a 6-piece margin");

        int windows = 0;
        for (Chunk chunk : chunks) {
            List<String> chunkWindows = embedder.windows(chunk.text());
            assertWindowsCover(chunk.text(), chunkWindows);
            for (String window : chunkWindows) {
                int pieces = BundledModel.counter().count(window);
                assertTrue(pieces <= limit, "window of " + pieces + " word pieces");
            }
            windows += chunkWindows.size();
        }

        List<ChunkEmbedding> embeddings = embedder.embed(chunks);

        assertEquals(chunks.size(), embeddings.size());
        int embeddedWindows = 0;
        for (int i = 0; i < chunks.size(); i++) {
            ChunkEmbedding e = embeddings.get(i);
            assertEquals(chunks.get(i).id(), e.chunkId());
            assertEquals(384, e.dims());
            assertEquals(384, e.vector().length);
            assertEquals("all-minilm-l6-v2-q", e.model());
            assertEquals(1.0, Vectors.norm(e.vector()), 1e-4, "pooled vector is unit length");
            assertEquals(embedder.windows(chunks.get(i).text()).size(), e.windowVectors().size());
            for (float[] w : e.windowVectors()) {
                assertEquals(1.0, Vectors.norm(w), 1e-4);
            }
            embeddedWindows += e.windowVectors().size();
        }
        assertEquals(windows, embeddedWindows);
        assertEquals(windows, counting.texts.get(), "each window embedded once");
        int batches = (windows + BundledModel.CONFIG.batchSize() - 1) / BundledModel.CONFIG.batchSize();
        assertEquals(batches, counting.embedAllCalls.get(), "windows of different chunks share embedAll calls");
        assertTrue(counting.embedAllCalls.get() < windows);
        System.out.printf("%d chunks (%d French, %d Arabic) → %d windows (%.1f French, %.1f Arabic per chunk) in %d embedAll calls%n",
                chunks.size(), french.size(), arabic.size(), windows,
                french.stream().mapToInt(c -> embedder.windows(c.text()).size()).average().orElse(0),
                arabic.stream().mapToInt(c -> embedder.windows(c.text()).size()).average().orElse(0),
                counting.embedAllCalls.get());
    }

    @Test
    void aChunkThatFitsIsOneWindowWithTheModelsOwnVector() {
        Chunk small = chunk("small", "La photosynthèse produit du glucose et libère de l’oxygène.");
        ChunkWindowEmbedder embedder = EmbeddingModels.windowEmbedder(BundledModel.CONFIG, BundledModel.model());
        ChunkEmbedding e = embedder.embed(List.of(small)).get(0);
        assertEquals(1, e.windowVectors().size());
        Embedding direct = BundledModel.model().embed(small.text()).content();
        assertEquals(1.0, Vectors.cosine(direct.vector(), e.vector()), 1e-6);
        assertTrue(embedder.embed(List.of()).isEmpty());
    }

    private static void assertRanksFirst(float[] query, List<ChunkEmbedding> candidates, String expectedId) {
        ChunkEmbedding best = null;
        double bestScore = -2;
        StringBuilder scores = new StringBuilder();
        for (ChunkEmbedding c : candidates) {
            double score = Vectors.cosine(query, c.vector());
            scores.append(String.format(" %s=%.4f", c.chunkId(), score));
            if (score > bestScore) {
                bestScore = score;
                best = c;
            }
        }
        System.out.println("query → " + expectedId + " expected;" + scores);
        assertEquals(expectedId, best.chunkId(), "ranking:" + scores);
    }

    /** Windows are substrings of the chunk, in order, from its first to its last char, without gaps. */
    private static void assertWindowsCover(String text, List<String> windows) {
        int searchFrom = 0;
        int covered = 0;
        for (String w : windows) {
            int at = text.indexOf(w, searchFrom);
            assertTrue(at >= 0, "window is a substring of the chunk");
            assertTrue(at <= covered || text.substring(covered, at).isBlank(), "no gap between windows");
            assertTrue(at == 0 || Character.isWhitespace(text.charAt(at - 1)), "window starts at a word");
            int end = at + w.length();
            assertTrue(end == text.length() || Character.isWhitespace(text.charAt(end)), "window ends at a word");
            covered = Math.max(covered, end);
            searchFrom = at + 1;
        }
        assertEquals(text.length(), covered, "windows reach the end of the chunk");
    }

    private static Chunk chunk(String id, String text) {
        return new Chunk(id, "file", 1, 0, text, 0, 0, text.length(), "en", Sha256.hex(text));
    }
}
