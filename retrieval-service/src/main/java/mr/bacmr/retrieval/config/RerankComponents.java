package mr.bacmr.retrieval.config;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import mr.bacmr.retrieval.domain.Reranker;
import mr.bacmr.retrieval.index.LexicalProximityReranker;

/** The reranker chosen by {@code bacmr.retrieval.rerank.provider}. */
public class RerankComponents {

    @Produces
    @ApplicationScoped
    @DefaultBean
    Reranker reranker(RetrievalConfig config) {
        return switch (config.rerank().provider()) {
            case "local" -> new LexicalProximityReranker();
            // the LLM adapter (bacmr.retrieval.rerank.llm.*) is not built yet: refuse rather than silently run local
            default -> throw new IllegalArgumentException("reranker provider " + config.rerank().provider()
                    + " is not available; this build has: local");
        };
    }
}
