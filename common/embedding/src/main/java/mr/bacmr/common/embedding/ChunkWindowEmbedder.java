package mr.bacmr.common.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Embeds whole chunks with a model whose input is shorter than a chunk.
 *
 * <p>The bundled all-MiniLM-L6-v2-q model truncates its input to 128 word pieces without a word of
 * warning, so a 512-token chunk embedded directly is represented by its first ~65 French (~26
 * Arabic) words. Here every chunk is split into windows that fit ({@link WindowSplitter}), the
 * windows of all chunks in a call are embedded together in batches of {@code batchSize} (one
 * {@code embedAll} per batch, however the windows fall across chunks), and each chunk's vector is
 * the re-normalised mean of its unit window vectors.
 */
public final class ChunkWindowEmbedder {

    private final EmbeddingModel model;
    private final String modelName;
    private final WindowSplitter splitter;
    private final int batchSize;

    public ChunkWindowEmbedder(EmbeddingModel model, String modelName, WindowSplitter splitter, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1");
        }
        this.model = model;
        this.modelName = modelName;
        this.splitter = splitter;
        this.batchSize = batchSize;
    }

    public String modelName() {
        return modelName;
    }

    public WindowSplitter splitter() {
        return splitter;
    }

    /** The windows a chunk text is embedded as. */
    public List<String> windows(String chunkText) {
        return splitter.split(chunkText);
    }

    /** One {@link ChunkEmbedding} per chunk, in the same order. */
    public List<ChunkEmbedding> embed(List<? extends TextToEmbed> chunks) {
        List<TextSegment> segments = new ArrayList<>();
        int[] firstWindow = new int[chunks.size() + 1];
        for (int c = 0; c < chunks.size(); c++) {
            firstWindow[c] = segments.size();
            for (String window : windows(chunks.get(c).text())) {
                segments.add(TextSegment.from(window));
            }
        }
        firstWindow[chunks.size()] = segments.size();

        List<float[]> vectors = embedInBatches(segments);

        List<ChunkEmbedding> result = new ArrayList<>(chunks.size());
        for (int c = 0; c < chunks.size(); c++) {
            List<float[]> windowVectors = new ArrayList<>();
            for (int w = firstWindow[c]; w < firstWindow[c + 1]; w++) {
                windowVectors.add(Vectors.normalize(vectors.get(w)));
            }
            float[] pooled = Vectors.meanOfNormalized(windowVectors);
            result.add(new ChunkEmbedding(chunks.get(c).id(), pooled, List.copyOf(windowVectors),
                    modelName, pooled.length));
        }
        return result;
    }

    private List<float[]> embedInBatches(List<TextSegment> segments) {
        List<float[]> vectors = new ArrayList<>(segments.size());
        for (int from = 0; from < segments.size(); from += batchSize) {
            List<TextSegment> batch = segments.subList(from, Math.min(from + batchSize, segments.size()));
            List<Embedding> embeddings = model.embedAll(batch).content();
            if (embeddings.size() != batch.size()) {
                throw new IllegalStateException("model returned " + embeddings.size()
                        + " vectors for " + batch.size() + " windows");
            }
            for (Embedding embedding : embeddings) {
                vectors.add(embedding.vector());
            }
        }
        return vectors;
    }
}
