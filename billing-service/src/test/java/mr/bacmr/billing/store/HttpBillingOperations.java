package mr.bacmr.billing.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import mr.bacmr.billing.BillingFixtures;

/** The workload's calls over real HTTP to the running service, as retrieval and quiz make them. */
final class HttpBillingOperations implements BillingOperations {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final ObjectMapper mapper;
    private final String serviceToken = BillingFixtures.serviceToken();
    private final String adminToken = BillingFixtures.adminToken();

    HttpBillingOperations(URI base, ObjectMapper mapper) {
        this.base = base;
        this.mapper = mapper;
    }

    @Override
    public Reply reserve(String user, long amount, String key, int ttlS) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user_id", user);
        body.put("amount", amount);
        body.put("operation", "ask");
        body.put("idempotency_key", key);
        body.put("ttl_s", ttlS);
        return post("internal/v1/reservations", serviceToken, body, null);
    }

    @Override
    public Reply finalize(String id, long actual, String idempotencyKey) {
        return post("internal/v1/reservations/" + id + "/finalize", serviceToken, Map.of("actual", actual), idempotencyKey);
    }

    @Override
    public Reply release(String id, String idempotencyKey) {
        return post("internal/v1/reservations/" + id + "/release", serviceToken, null, idempotencyKey);
    }

    @Override
    public Reply topUp(String user, long amount, String paymentRef) {
        return post("v1/admin/wallets/" + user + "/topups", adminToken, Map.of("amount", amount, "payment_ref", paymentRef),
                null);
    }

    private Reply post(String path, String token, Object body, String idempotencyKey) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body)));
            if (idempotencyKey != null) {
                request.header("Idempotency-Key", idempotencyKey);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? null : mapper.readTree(response.body());
            boolean ok = response.statusCode() < 300;
            String problem = ok || json == null || !json.hasNonNull("type") ? null
                    : json.get("type").asText().substring(json.get("type").asText().lastIndexOf('/') + 1);
            return new Reply(response.statusCode(), problem, ok ? json : null,
                    response.headers().firstValue("Idempotent-Replayed").isPresent(), response.body());
        } catch (Exception e) {
            return new Reply(599, "client-error: " + e, null, false, null);
        }
    }
}
