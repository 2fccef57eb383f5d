package mr.bacmr.retrieval.client;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import mr.bacmr.common.web.RequestIds;
import mr.bacmr.retrieval.RetrievalTestInfrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Retrieval calls billing and ingestion; the request id must travel with those calls. The client here calls this
 * service itself, which echoes the id it received, so the echo proves what the client sent.
 */
@QuarkusTest
@WithTestResource(RetrievalTestInfrastructure.class)
class RequestIdForwardingTests {

    @Path("/q/health/live")
    public interface Liveness {
        @GET
        Response live();
    }

    @Test
    void restClientsForwardTheCurrentRequestId() {
        Liveness client = QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create("http://localhost:" + RestAssured.port))
                .build(Liveness.class);
        String requestId = "forwarded-" + UUID.randomUUID();
        RequestIds.bind(requestId);
        try (Response response = client.live()) {
            assertEquals(requestId, response.getHeaderString(RequestIds.HEADER));
        } finally {
            RequestIds.bind(null);
        }
        try (Response response = client.live()) {
            assertEquals(36, response.getHeaderString(RequestIds.HEADER).length(), "without one, the callee makes one");
        }
    }
}
