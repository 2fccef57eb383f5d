package mr.bacmr.retrieval.client;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

import mr.bacmr.retrieval.config.RetrievalConfig;

/** The token handed to this service by configuration (env BACMR_INGESTION_SERVICE_TOKEN). */
@ApplicationScoped
@DefaultBean
public class ConfiguredServiceToken implements ServiceTokenSource {

    private final Optional<String> token;

    public ConfiguredServiceToken(RetrievalConfig config) {
        this.token = config.ingestion().serviceToken().filter(value -> !value.isBlank());
    }

    @Override
    public Optional<String> token() {
        return token;
    }
}
