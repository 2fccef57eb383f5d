package mr.bacmr.retrieval.config;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import mr.bacmr.retrieval.client.LlmReranker;
import mr.bacmr.retrieval.domain.Reranker;
import mr.bacmr.retrieval.index.LexicalProximityReranker;

/** The reranker chosen by {@code bacmr.retrieval.rerank.provider}. */
public class RerankComponents {

    @Produces
    @ApplicationScoped
    @DefaultBean
    Reranker reranker(RetrievalConfig config) {
        RetrievalConfig.Rerank.Llm llm = config.rerank().llm();
        return switch (config.rerank().provider()) {
            case "local" -> new LexicalProximityReranker();
            case "llm" -> new LlmReranker(llm.baseUrl().filter(url -> !url.isBlank()).orElseThrow(() ->
                    new IllegalArgumentException("bacmr.retrieval.rerank.provider=llm needs "
                            + "bacmr.retrieval.rerank.llm.base-url (BACMR_RERANK_LLM_BASE_URL)")),
                    llm.apiKey().orElse(null), llm.model(), llm.timeout());
            // an unknown provider is refused rather than silently replaced by the local one
            default -> throw new IllegalArgumentException("reranker provider " + config.rerank().provider()
                    + " is not available; this build has: local, llm");
        };
    }
}
