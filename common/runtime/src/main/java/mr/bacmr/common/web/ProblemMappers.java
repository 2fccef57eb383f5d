package mr.bacmr.common.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.Comparator;
import java.util.List;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error leaves as {@code application/problem+json} with a stable type and the request id, never a stack trace.
 * Authentication runs lazily ({@code quarkus.http.auth.proactive=false}) so that 401s come through here too.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response response = Problems.response(e.status(), e.type(), e.title(), e.getMessage(), path(uri), null);
        e.headers().forEach((name, value) -> response.getHeaders().putSingle(name, value));
        return response;
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return Problems.response(401, ProblemType.UNAUTHORIZED, "Unauthorized",
                "The bearer token is missing, expired, or not signed by a trusted key", path(uri), null);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return Problems.response(401, ProblemType.UNAUTHORIZED, "Unauthorized",
                "This endpoint needs a bearer token", path(uri), null);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Problems.response(403, ProblemType.FORBIDDEN, "Forbidden",
                "Your role may not use this endpoint", path(uri), null);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return Problems.response(400, ProblemType.VALIDATION_FAILED, "Validation failed",
                "The request has invalid fields", path(uri), errors);
    }

    /** Valid JSON with a value of the wrong type: the problem names the field, as the client wrote it, and what it takes. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        String field = jsonPath(e.getPath());
        if (field.isEmpty()) {
            return malformedJson(uri);
        }
        return Problems.response(400, ProblemType.MALFORMED_REQUEST, "Malformed request",
                "The body is not valid JSON of the expected shape", path(uri),
                List.of(new Problem.FieldError(field, expectation(e.getTargetType()))));
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        return malformedJson(uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            Log.errorf(e, "request failed with %d", status);
            return Problems.response(status, "The service could not complete the request", path(uri));
        }
        Response response = Problems.response(status, e.getMessage(), path(uri));
        // Keep protocol headers such as Allow (405) or Retry-After that the original response carried.
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                response.getHeaders().put(name, values);
            }
        });
        return response;
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        Log.errorf(e, "unexpected error on %s", path(uri));
        return Problems.response(500, ProblemType.INTERNAL, "Internal Server Error",
                "The service could not complete the request; quote the request id when reporting it", path(uri), null);
    }

    private static Response malformedJson(UriInfo uri) {
        return Problems.response(400, ProblemType.MALFORMED_REQUEST, "Malformed request",
                "The body is not valid JSON of the expected shape", path(uri), null);
    }

    /** {@code filters.document_id}, {@code items[2].amount}: the path Jackson was at, in the body's own names. */
    private static String jsonPath(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference step : path) {
            if (step.getFieldName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(step.getFieldName());
            } else if (step.getIndex() >= 0) {
                field.append('[').append(step.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    /** What a field of {@code type} takes, in words a client developer reads (never a Java class name). */
    private static String expectation(Class<?> type) {
        if (type == null) {
            return "has a value of the wrong type";
        }
        if (type == java.util.UUID.class) {
            return "must be a UUID";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == java.math.BigInteger.class) {
            return "must be a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "must be a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "must be a date-time in ISO 8601 form";
        }
        if (type.isEnum()) {
            return "is not one of the values this field takes";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "must be a list";
        }
        return "must be an object";
    }

    private static String fieldOf(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        int lastDot = path.lastIndexOf('.');
        String field = lastDot >= 0 ? path.substring(lastDot + 1) : path;
        // Report the field as the client wrote it: our JSON is snake_case.
        return field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }
}
