package mr.bacmr.retrieval;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import mr.bacmr.retrieval.testing.FaultyLink;
import mr.bacmr.retrieval.testing.OpenAiChatStub;
import mr.bacmr.testing.BacmrTestInfrastructure;
import mr.bacmr.testing.TestJwt;
import mr.bacmr.testing.TestServices;

/**
 * The one test resource of every retrieval {@code @QuarkusTest} (so the app and its model start once): the shared
 * real infrastructure; the real ingestion service (its packaged jar, as a child process) as the canonical chunk
 * store, reached with a service-role token; the real billing service, reached through a {@link FaultyLink} that ask
 * tests cut to make billing unreachable; and a local OpenAI-compatible chat stub, the one hosted API we cannot reach.
 */
public class RetrievalTestInfrastructure extends BacmrTestInfrastructure {

    public static final String INGESTION_URL = "bacmr.test.ingestion.url";
    public static final String BILLING_URL = "bacmr.test.billing.url";
    public static final String BILLING_LINK_CONTROL = "bacmr.test.billing.link-control";

    /** Ask tests' timings: a chat call gives up after 1 s; the breaker, once open, stays open until reset. */
    public static final String CHAT_TIMEOUT = "1s";

    private OpenAiChatStub chat;
    private FaultyLink billingLink;

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

        TestServices.RunningService billing = TestServices.start("billing-service");
        URI billingUri = URI.create(billing.url());
        billingLink = new FaultyLink(billingUri.getHost(), billingUri.getPort());
        config.put("quarkus.rest-client.billing.url", billingLink.url());
        config.put(BILLING_URL, billing.url());
        config.put(BILLING_LINK_CONTROL, billingLink.controlUrl());

        chat = new OpenAiChatStub();
        config.put("bacmr.chat.base-url", chat.baseUrl());
        config.put("bacmr.chat.api-key", "sk-test");
        config.put("bacmr.chat.model", "gpt-4o-mini");
        config.put("bacmr.chat.timeout", CHAT_TIMEOUT);
        config.put("bacmr.chat.breaker.request-volume-threshold", "4");
        config.put("bacmr.chat.breaker.failure-ratio", "0.5");
        config.put("bacmr.chat.breaker.delay", "10m");
        // A planned extractive answer (breaker open) costs 1 credit in tests, so that path reserves and finalizes too.
        config.put("bacmr.pricing.extractive", "1");
        return config;
    }

    @Override
    public void stop() {
        if (chat != null) {
            chat.close();
        }
        if (billingLink != null) {
            billingLink.close();
        }
        super.stop();
    }
}
