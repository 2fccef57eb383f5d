package mr.bacmr.retrieval.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;

import java.util.List;

import org.junit.jupiter.api.Test;

import mr.bacmr.retrieval.RetrievalTestInfrastructure;
import mr.bacmr.retrieval.config.RetrievalConfig;
import mr.bacmr.retrieval.index.VectorStorage;
import mr.bacmr.testing.Endpoint;
import mr.bacmr.testing.ServiceContractTests;
import mr.bacmr.testing.TestJwt;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(RetrievalTestInfrastructure.class)
class RetrievalServiceContractTests extends ServiceContractTests {

    private static final Endpoint SEARCH = Endpoint.post("/v1/search", "{\"query\":\"théorème de Pythagore\",\"top_k\":50}");

    @Inject
    Vertx vertx;

    @Inject
    RetrievalConfig config;

    RetrievalServiceContractTests() {
        super(new Contract(SEARCH, "student",
                Endpoint.get("/internal/v1/index/stats"), "student", List.of("1")));
    }

    /** The HTTP server runs on Linux epoll (netty-transport-native-epoll), not NIO: measured cheaper per search. */
    @Test
    void servesOnTheNativeTransport() {
        assertTrue(vertx.isNativeTransportEnabled(), "Vert.x fell back to NIO: " + vertx.unavailableNativeTransportCause());
    }

    /** application.properties, the config default and the code's default name the same vector storage: int8. */
    @Test
    void keepsVectorsAsTheDocumentedDefaultSays() {
        assertEquals(VectorStorage.INT8, VectorStorage.DEFAULT);
        assertEquals(VectorStorage.DEFAULT, config.index().vectors());
    }

    @Test
    void capsTopKByTier() {
        SEARCH.call(TestJwt.token("s1", "student", "free")).then()
                .statusCode(200).body("top_k", equalTo(5)).body("capped", equalTo(true)).body("tier", equalTo("free"));
        SEARCH.call(TestJwt.token("s1", "student", "premium")).then()
                .statusCode(200).body("top_k", equalTo(20)).body("capped", equalTo(true));
        Endpoint.post("/v1/search", "{\"query\":\"x\",\"top_k\":3}").call(TestJwt.token("s1", "student", "standard"))
                .then().statusCode(200).body("top_k", equalTo(3)).body("capped", equalTo(false));
    }

    @Test
    void aTokenWithoutTierIsFree() {
        SEARCH.call(TestJwt.token("s1", "student", null)).then().statusCode(200).body("tier", equalTo("free"));
    }

    @Test
    void refusesInvalidBodiesWithFieldErrors() {
        Endpoint.post("/v1/search", "{\"query\":\"  \",\"top_k\":0}").call(TestJwt.token("s1", "student", "free"))
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://bacmr.mr/problems/validation-failed"))
                .body("errors.field", hasItem("query"))
                .body("errors.field", hasItem("top_k"));
        Endpoint.post("/v1/search", "{\"query\": tru").call(TestJwt.token("s1", "student", "free"))
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://bacmr.mr/problems/malformed-request"));
        Endpoint.post("/v1/search", "").call(TestJwt.token("s1", "student", "free"))
                .then().statusCode(400).contentType("application/problem+json");
    }

    /** Well-formed JSON with a value of the wrong type names the field (the body's own path) and what it takes. */
    @Test
    void namesTheFieldOfAValueOfTheWrongType() {
        Endpoint.post("/v1/search", "{\"query\":\"x\",\"filters\":{\"document_id\":\"nope\"}}")
                .call(TestJwt.token("s1", "student", "free"))
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://bacmr.mr/problems/malformed-request"))
                .body("errors[0].field", equalTo("filters.document_id"))
                .body("errors[0].message", equalTo("must be a UUID"));
        Endpoint.post("/v1/search", "{\"query\":\"x\",\"top_k\":\"many\"}").call(TestJwt.token("s1", "student", "free"))
                .then().statusCode(400)
                .body("errors[0].field", equalTo("top_k"))
                .body("errors[0].message", equalTo("must be a whole number"));
    }

    /** A search sent chunked under the limit is read and answered as any other (the limit reads chunked bodies). */
    @Test
    void answersASearchSentChunked() throws Exception {
        byte[] body = "{\"query\":\"photosynthèse\",\"top_k\":3}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.net.http.HttpResponse<String> response = sendChunked("/v1/search", body, "chunked-search");
        org.junit.jupiter.api.Assertions.assertEquals(200, response.statusCode(), response.body());
        org.junit.jupiter.api.Assertions.assertTrue(response.body().contains("\"results\""), response.body());
    }
}
