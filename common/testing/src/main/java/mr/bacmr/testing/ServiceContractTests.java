package mr.bacmr.testing;

import io.restassured.RestAssured;
import io.restassured.response.Response;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every BacMR service promises at its edge (ARCHITECTURE.md §4): migrations on a fresh database, JWT
 * authentication with problem+json errors, roles, request ids, health and metrics. A service's {@code @QuarkusTest}
 * extends this and names one endpoint its caller may use and one a caller with another role may not.
 */
public abstract class ServiceContractTests {

    static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    /**
     * What a service promises at its edge.
     *
     * @param protectedEndpoint      an endpoint {@code allowedRole} may call (2xx)
     * @param roleRestrictedEndpoint an endpoint {@code forbiddenRole} may not call (403)
     * @param expectedMigrations     its own migration versions, as in flyway_schema_history
     */
    public record Contract(Endpoint protectedEndpoint, String allowedRole, Endpoint roleRestrictedEndpoint,
                           String forbiddenRole, List<String> expectedMigrations) {
    }

    private final Contract contract;

    protected ServiceContractTests(Contract contract) {
        this.contract = contract;
    }

    protected Endpoint protectedEndpoint() {
        return contract.protectedEndpoint();
    }

    protected String allowedRole() {
        return contract.allowedRole();
    }

    protected Endpoint roleRestrictedEndpoint() {
        return contract.roleRestrictedEndpoint();
    }

    protected String forbiddenRole() {
        return contract.forbiddenRole();
    }

    protected List<String> expectedMigrations() {
        return contract.expectedMigrations();
    }

    protected String validToken() {
        return TestJwt.token(USER, allowedRole(), "standard");
    }

    static final String USER = "contract-user-" + UUID.randomUUID();

    @Test
    void migratesAFreshDatabase() throws Exception {
        String database = ConfigProvider.getConfig().getValue("bacmr.test.database", String.class);
        assertTrue(database.startsWith("bacmr_test_"), database);
        List<String> applied = new ArrayList<>();
        try (Connection connection = TestPostgres.connect(database); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")) {
            while (rows.next()) {
                applied.add(rows.getString(1));
            }
        }
        assertTrue(applied.containsAll(expectedMigrations()), "applied " + applied);
        assertTrue(applied.contains("0.1"), "the common outbox migration ran: " + applied);
    }

    @Test
    void answersAValidToken() {
        protectedEndpoint().call(validToken()).then().statusCode(org.hamcrest.Matchers.both(
                org.hamcrest.Matchers.greaterThanOrEqualTo(200)).and(org.hamcrest.Matchers.lessThan(300)));
    }

    @Test
    void refusesAMissingToken() {
        assertUnauthorized(protectedEndpoint().call(null));
    }

    @Test
    void refusesAnExpiredToken() {
        assertUnauthorized(protectedEndpoint().call(TestJwt.expiredToken("u1", allowedRole(), "free")));
    }

    @Test
    void refusesATokenSignedByAnotherKey() {
        assertUnauthorized(protectedEndpoint().call(TestJwt.foreignToken("u1", allowedRole(), "free")));
    }

    @Test
    void refusesATokenFromAnotherIssuer() {
        assertUnauthorized(protectedEndpoint().call(
                TestJwt.tokenFromIssuer("https://evil.example", "u1", allowedRole(), "free")));
    }

    @Test
    void refusesGarbageAsAToken() {
        assertUnauthorized(protectedEndpoint().call("not.a.jwt"));
    }

    @Test
    void refusesTheWrongRoleWithAProblem() {
        roleRestrictedEndpoint().call(TestJwt.token("u2", forbiddenRole(), "premium"))
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://bacmr.mr/problems/forbidden"))
                .body("status", equalTo(403))
                .body("request_id", notNullValue());
    }

    @Test
    void echoesAGivenRequestIdAndLogsItAsJson() throws Exception {
        String requestId = "contract-" + UUID.randomUUID();
        Response response = protectedEndpoint().call(validToken(), java.util.Map.of("X-Request-ID", requestId));
        assertEquals(requestId, response.header("X-Request-ID"));

        Path log = Path.of(ConfigProvider.getConfig().getValue("quarkus.log.file.path", String.class));
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(log)
                && Files.readAllLines(log).stream().anyMatch(line -> line.contains("\"request_id\":\"" + requestId + "\"")
                && line.contains(protectedEndpoint().path().split("\\?")[0]) && line.startsWith("{")
                && line.contains("\"user_id\":\"" + USER + "\"") && line.contains("\"service\":\"")));
    }

    @Test
    void generatesARequestIdWhenNoneOrAnUnsafeOneIsGiven() {
        given().when().get("/q/health/live").then().header("X-Request-ID", matchesPattern(UUID_PATTERN));
        given().header("X-Request-ID", "has spaces\tand\"quotes").when().get("/q/health/live")
                .then().header("X-Request-ID", matchesPattern(UUID_PATTERN));
    }

    @Test
    void errorsCarryTheRequestId() {
        protectedEndpoint().call(null, java.util.Map.of("X-Request-ID", "abc"))
                .then().statusCode(401).header("X-Request-ID", "abc").body("request_id", equalTo("abc"));
    }

    @Test
    void unknownPathsAreNotFoundProblems() {
        given().auth().oauth2(validToken()).when().get("/v1/no-such-thing-" + UUID.randomUUID())
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://bacmr.mr/problems/not-found"));
    }

    @Test
    void refusesABodyOverTheLimitWithAProblem() {
        byte[] body = new byte[1024 * 1024 + 1];   // one byte over the default 1 MB (BACMR_MAX_BODY_SIZE)
        java.util.Arrays.fill(body, (byte) ' ');
        given().auth().oauth2(validToken()).header("X-Request-ID", "too-big").contentType("application/json").body(body)
                .when().post(protectedEndpoint().path().split("\\?")[0])
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("https://bacmr.mr/problems/payload-too-large"))
                .body("status", equalTo(413))
                .body("request_id", equalTo("too-big"));
    }

    /** Sent without a length (chunked), the same body is cut while it is read, with the same problem. */
    @Test
    void refusesAChunkedBodyOverTheLimitWithAProblem() throws Exception {
        byte[] body = new byte[1024 * 1024 + 1];
        java.util.Arrays.fill(body, (byte) ' ');
        HttpResponse<String> response = sendChunked(protectedEndpoint().path().split("\\?")[0], body,
                "chunked-too-big");
        assertEquals(413, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.body().contains("\"type\":\"https://bacmr.mr/problems/payload-too-large\""),
                response.body());
        assertTrue(response.body().contains("\"request_id\":\"chunked-too-big\""), response.body());
    }

    /** POSTs {@code body} to {@code path} as the allowed role, chunked (the publisher gives no length), over HTTP/1.1. */
    protected HttpResponse<String> sendChunked(String path, byte[] body, String requestId) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return client.send(HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + path))
                        .header("Authorization", "Bearer " + validToken())
                        .header("Content-Type", "application/json")
                        .header("X-Request-ID", requestId)
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void isReadyWithDatabaseAndKafkaChecked() {
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(
                        org.hamcrest.Matchers.containsStringIgnoringCase("database"),
                        org.hamcrest.Matchers.containsStringIgnoringCase("kafka")));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void exposesPrometheusMetrics() {
        protectedEndpoint().call(validToken());
        given().accept("text/plain").when().get("/q/metrics").then()
                .statusCode(200)
                .contentType(startsWith("text/plain"))
                .body(containsString("http_server_requests_seconds_count"))
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void publishesOpenApi() {
        given().queryParam("format", "json").when().get("/q/openapi").then()
                .statusCode(200)
                .body("openapi", startsWith("3."));
    }

    private static void assertUnauthorized(Response response) {
        response.then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo("https://bacmr.mr/problems/unauthorized"))
                .body("status", equalTo(401))
                .body("request_id", matchesPattern(UUID_PATTERN))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("stack")));
    }
}
