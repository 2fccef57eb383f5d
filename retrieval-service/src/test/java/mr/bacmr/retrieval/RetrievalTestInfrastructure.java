package mr.bacmr.retrieval;

import java.util.HashMap;
import java.util.Map;

import mr.bacmr.testing.BacmrTestInfrastructure;
import mr.bacmr.testing.TestJwt;
import mr.bacmr.testing.TestServices;

/**
 * The one test resource of every retrieval {@code @QuarkusTest} (so the app and its model start once): the shared
 * real infrastructure, plus the real ingestion service (its packaged jar, as a child process) as the canonical chunk
 * store, reached with a service-role token.
 */
public class RetrievalTestInfrastructure extends BacmrTestInfrastructure {

    public static final String INGESTION_URL = "bacmr.test.ingestion.url";

    @Override
    public void init(Map<String, String> initArgs) {
        Map<String, String> args = new HashMap<>(initArgs);
        args.putIfAbsent("service", "retrieval");
        super.init(args);
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        TestServices.RunningService ingestion = TestServices.start("ingestion-service");
        config.put("quarkus.rest-client.ingestion.url", ingestion.url());
        config.put(INGESTION_URL, ingestion.url());
        config.put("bacmr.retrieval.ingestion.service-token", TestJwt.token("retrieval-service", "service", null));
        return config;
    }
}
