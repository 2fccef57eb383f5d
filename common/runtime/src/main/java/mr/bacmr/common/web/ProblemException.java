package mr.bacmr.common.web;

import java.net.URI;
import java.util.Map;

/**
 * Thrown by domain and API code to answer with a precise problem; everything it carries is safe to show a client.
 * {@code headers} lets a problem set e.g. {@code Retry-After}.
 */
public class ProblemException extends RuntimeException {

    private final URI type;
    private final int status;
    private final String title;
    private final Map<String, String> headers;

    public ProblemException(int status, URI type, String title, String detail) {
        this(status, type, title, detail, Map.of());
    }

    public ProblemException(int status, URI type, String title, String detail, Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.headers = Map.copyOf(headers);
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(404, ProblemType.NOT_FOUND, "Not found", what + " " + id + " does not exist");
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, ProblemType.MALFORMED_REQUEST, "Malformed request", detail);
    }

    public URI type() {
        return type;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
