package mr.bacmr.retrieval.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import mr.bacmr.retrieval.RetrievalTestInfrastructure;
import mr.bacmr.retrieval.client.LlmReranker;
import mr.bacmr.retrieval.index.LexicalProximityReranker;

/**
 * {@code bacmr.retrieval.rerank.provider} picks the reranker from the real config mapping: local by default, the LLM
 * adapter with its model's name (part of the rerank cache key), and a refusal to start for an LLM without a base URL
 * or an unknown provider, rather than a silent fall back to local. In the app, for SmallRye Fault Tolerance.
 */
@QuarkusTest
@WithTestResource(RetrievalTestInfrastructure.class)
class RerankComponentsTests {

    private static RetrievalConfig config(Map<String, String> rerank) {
        Map<String, String> properties = new HashMap<>(rerank);
        properties.put("bacmr.retrieval.index.path", "unused");
        return new SmallRyeConfigBuilder()
                .withMapping(RetrievalConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter()) // Quarkus' "15m" form, as in the app
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build()
                .getConfigMapping(RetrievalConfig.class);
    }

    @Test
    void localIsTheDefault() {
        assertInstanceOf(LexicalProximityReranker.class, new RerankComponents().reranker(config(Map.of())));
    }

    @Test
    void llmGradesWithTheConfiguredModel() {
        var reranker = new RerankComponents().reranker(config(Map.of(
                "bacmr.retrieval.rerank.provider", "llm",
                "bacmr.retrieval.rerank.llm.base-url", "http://127.0.0.1:9/v1",
                "bacmr.retrieval.rerank.llm.model", "gpt-4.1-mini")));
        assertInstanceOf(LlmReranker.class, reranker);
        assertEquals("llm:gpt-4.1-mini", reranker.name());
    }

    @Test
    void anLlmWithoutABaseUrlOrAnUnknownProviderIsRefused() {
        IllegalArgumentException noUrl = assertThrows(IllegalArgumentException.class, () -> new RerankComponents()
                .reranker(config(Map.of("bacmr.retrieval.rerank.provider", "llm"))));
        assertTrue(noUrl.getMessage().contains("BACMR_RERANK_LLM_BASE_URL"), noUrl.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> new RerankComponents()
                .reranker(config(Map.of("bacmr.retrieval.rerank.provider", "cohere"))));
        assertTrue(unknown.getMessage().contains("local, llm"), unknown.getMessage());
    }
}
