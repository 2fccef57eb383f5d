package mr.bacmr.common.web;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.core.Response;

/** Builds problem responses; the one place that decides what a problem response looks like. */
public final class Problems {

    public static Response response(int status, URI type, String title, String detail, String instance,
                                    List<Problem.FieldError> errors) {
        Problem body = new Problem(type, title, status, detail, instance, RequestIds.current(),
                errors == null || errors.isEmpty() ? null : errors);
        Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA_TYPE).entity(body);
        if (status == 401) {
            builder.header("WWW-Authenticate", "Bearer");
        }
        return builder.build();
    }

    public static Response response(int status, String detail, String instance) {
        return response(status, ProblemType.forStatus(status), titleFor(status), detail, instance, null);
    }

    public static String titleFor(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known != null ? known.getReasonPhrase() : "HTTP " + status;
    }

    private Problems() {
    }
}
