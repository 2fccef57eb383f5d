package mr.bacmr.billing.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import java.net.URI;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

import mr.bacmr.common.web.ProblemException;
import mr.bacmr.common.web.ProblemType;

/**
 * Turns billing's error answers into exceptions: its 4xx problems (insufficient credits, expired, already resolved,
 * key reused, not found, …) become {@link ProblemException}s with billing's own type, status and detail, to be passed
 * through to the caller; a 5xx is a {@link BillingUnavailableException}, retried and counted by the breaker.
 */
public class BillingProblemMapper implements ResponseExceptionMapper<RuntimeException> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public RuntimeException toThrowable(Response response) {
        int status = response.getStatus();
        if (status >= 500) {
            return new BillingUnavailableException("billing-service answered " + status);
        }
        JsonNode problem = readProblem(response);
        if (status == 401 || status == 403) {
            // Our own credentials were refused: a configuration fault of this service, not the end user's.
            return new ProblemException(503, BillingClient.BILLING_UNAVAILABLE, "Billing unavailable",
                    "billing-service refused this service's credentials (" + status + ")");
        }
        URI type = problem.hasNonNull("type") ? URI.create(problem.get("type").asText()) : ProblemType.forStatus(status);
        String title = problem.hasNonNull("title") ? problem.get("title").asText() : "HTTP " + status;
        String detail = problem.hasNonNull("detail") ? problem.get("detail").asText() : "billing-service answered " + status;
        return new ProblemException(status, type, title, detail);
    }

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }

    private static JsonNode readProblem(Response response) {
        try {
            String body = response.readEntity(String.class);
            JsonNode node = body == null || body.isBlank() ? null : JSON.readTree(body);
            return node != null && node.isObject() ? node : JSON.createObjectNode();
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }
}
