package mr.bacmr.ingestion.embedding;

import mr.bacmr.common.embedding.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mr.bacmr.ingestion.chunking.Chunk;
import mr.bacmr.ingestion.chunking.TokenChunker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each provider built from configuration and run for real (the OpenAI one against a local HTTP server). */
class EmbeddingModelsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void configNeverPrintsTheApiKey() {
        EmbeddingProviderConfig config = EmbeddingProviderConfig.openAi("http://127.0.0.1:1/v1", "sk-secret-123", "m");
        assertFalse(config.toString().contains("sk-secret-123"));
        assertThrows(IllegalArgumentException.class,
                () -> new EmbeddingProviderConfig("cohere", null, null, null, null, null, 0, 0, 0, null, 0));
        assertThrows(IllegalArgumentException.class, () -> EmbeddingProviderConfig.openAi(null, "k", "m"));
    }

    @Test
    void openAiCompatibleProviderGetsOneWindowPerChunkInOneRequest() throws Exception {
        List<JsonNode> requests = new CopyOnWriteArrayList<>();
        List<String> authorizations = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/embeddings", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                JsonNode request = JSON.readTree(in);
                requests.add(request);
                authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
                byte[] body = JSON.writeValueAsBytes(fakeEmbeddings(request));
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } finally {
                exchange.close();
            }
        });
        server.start();
        try {
            String baseUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
            EmbeddingProviderConfig config = EmbeddingProviderConfig.openAi(baseUrl, "sk-test", "text-embedding-3-small");
            ChunkWindowEmbedder embedder = EmbeddingModels.windowEmbedder(config);
            assertEquals(8191, embedder.splitter().maxTokens());

            String page = "La photosynthèse est le processus par lequel les plantes vertes fabriquent leur matière. ".repeat(40);
            List<Chunk> chunks = new TokenChunker().chunk("file", 1, page, "fr");
            assertTrue(chunks.size() >= 2);
            List<ChunkEmbedding> embeddings = embedder.embed(chunks);

            assertEquals(1, requests.size(), "all chunks in one batch request");
            assertEquals("Bearer sk-test", authorizations.get(0));
            assertEquals("text-embedding-3-small", requests.get(0).path("model").asText());
            assertEquals(chunks.size(), requests.get(0).path("input").size(), "one window per chunk");
            assertEquals(chunks.get(0).text(), requests.get(0).path("input").get(0).asText());
            for (ChunkEmbedding e : embeddings) {
                assertEquals(1, e.windowVectors().size());
                assertEquals(8, e.dims());
                assertEquals("text-embedding-3-small", e.model());
                assertEquals(1.0, Vectors.norm(e.vector()), 1e-5);
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void onnxProviderLoadsAModelAndTokenizerFromFiles(@TempDir Path dir) throws Exception {
        // the bundled model's own files, copied out of its jar, stand in for an operator's model
        Path onnx = copyResource(ThreadLimitedOnnxEmbeddingModel.BUNDLED_MINILM_ONNX, dir);
        Path tokenizer = copyResource(HuggingFaceWordPieceCounter.BUNDLED_MINILM_TOKENIZER, dir);
        EmbeddingProviderConfig config = EmbeddingProviderConfig.onnx(null, onnx.toString(), tokenizer.toString());

        EmbeddingModel fromFiles = EmbeddingModels.create(config);
        String text = "Le professeur explique la leçon de grammaire aux élèves de deuxième année.";
        double cosine = Vectors.cosine(fromFiles.embed(text).content().vector(),
                BundledModel.model().embed(text).content().vector());
        assertEquals(1.0, cosine, 1e-5);
        assertEquals(384, fromFiles.dimension());
        assertEquals("all-minilm-l6-v2-q.onnx", EmbeddingModels.modelName(config));
        assertEquals(120, EmbeddingModels.maxWindowTokens(config, EmbeddingModels.counter(config)),
                "the limit comes from the tokenizer.json it is given");
    }

    private static Path copyResource(String name, Path dir) throws Exception {
        Path target = dir.resolve(name);
        try (InputStream in = EmbeddingModelsTest.class.getClassLoader().getResourceAsStream(name)) {
            Files.copy(in, target);
        }
        return target;
    }

    /** A deterministic 8-dim vector per input, in the OpenAI response shape. */
    private static ObjectNode fakeEmbeddings(JsonNode request) {
        ObjectNode response = JSON.createObjectNode().put("object", "list").put("model", request.path("model").asText());
        ArrayNode data = response.putArray("data");
        int tokens = 0;
        for (int i = 0; i < request.path("input").size(); i++) {
            String input = request.path("input").get(i).asText();
            tokens += input.length() / 4;
            ArrayNode vector = data.addObject().put("object", "embedding").put("index", i).putArray("embedding");
            byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
            for (int d = 0; d < 8; d++) {
                vector.add((bytes[(d * 31) % bytes.length] % 17) / 17.0 + 0.01);
            }
        }
        response.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        return response;
    }
}
