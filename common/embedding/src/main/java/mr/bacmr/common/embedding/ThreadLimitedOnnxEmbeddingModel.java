package mr.bacmr.common.embedding;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executor;

/**
 * langchain4j's in-process ONNX embedding model with an ONNX Runtime session limited to a given
 * number of intra-op threads.
 *
 * <p>Why: langchain4j embeds the texts of one {@code embedAll} call in parallel on its executor,
 * and its own sessions also use every core inside each call. On a small machine the two pools
 * fight; one ONNX thread per call with one executor thread per core is faster (measured in
 * EmbeddingThroughputTest). Same model files, same tokenizer, same vectors.
 */
public final class ThreadLimitedOnnxEmbeddingModel extends AbstractInProcessEmbeddingModel {

    public static final String BUNDLED_MINILM_ONNX = "all-minilm-l6-v2-q.onnx";
    public static final String BUNDLED_MINILM_NAME = "all-minilm-l6-v2-q";

    private final OnnxBertBiEncoder encoder;
    private final Integer dimension;
    private final String modelName;

    private ThreadLimitedOnnxEmbeddingModel(Executor executor, OnnxBertBiEncoder encoder,
                                            Integer dimension, String modelName) {
        super(executor);
        this.encoder = encoder;
        this.dimension = dimension;
        this.modelName = modelName;
    }

    /** The bundled all-MiniLM-L6-v2-q files, read from the model jar's resources. */
    public static ThreadLimitedOnnxEmbeddingModel bundledMiniLm(Executor executor, int intraOpThreads) {
        ClassLoader loader = ThreadLimitedOnnxEmbeddingModel.class.getClassLoader();
        try (InputStream model = loader.getResourceAsStream(BUNDLED_MINILM_ONNX);
             InputStream tokenizer = loader.getResourceAsStream(HuggingFaceWordPieceCounter.BUNDLED_MINILM_TOKENIZER)) {
            if (model == null || tokenizer == null) {
                throw new IllegalStateException("bundled all-MiniLM-L6-v2-q files not on the classpath");
            }
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession session = env.createSession(model.readAllBytes(), options(intraOpThreads));
            return new ThreadLimitedOnnxEmbeddingModel(executor,
                    new OnnxBertBiEncoder(env, session, tokenizer, PoolingMode.MEAN), 384, BUNDLED_MINILM_NAME);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load the bundled ONNX model", e);
        }
    }

    /** Any BERT-style ONNX model with its tokenizer.json. */
    public static ThreadLimitedOnnxEmbeddingModel fromFiles(Path onnxModel, Path tokenizerJson, PoolingMode pooling,
                                                            String modelName, Executor executor, int intraOpThreads) {
        try (InputStream tokenizer = Files.newInputStream(tokenizerJson)) {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession session = env.createSession(onnxModel.toString(), options(intraOpThreads));
            return new ThreadLimitedOnnxEmbeddingModel(executor,
                    new OnnxBertBiEncoder(env, session, tokenizer, pooling), null, modelName);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load ONNX model " + onnxModel, e);
        }
    }

    private static OrtSession.SessionOptions options(int intraOpThreads) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(Math.max(1, intraOpThreads));
        options.setInterOpNumThreads(1);
        return options;
    }

    @Override
    protected OnnxBertBiEncoder model() {
        return encoder;
    }

    @Override
    protected Integer knownDimension() {
        return dimension;   // null for a custom model: the base class then measures it once
    }

    @Override
    public String modelName() {
        return modelName;
    }
}
