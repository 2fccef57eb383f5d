package mr.bacmr.common.web;

import java.net.URI;

/**
 * Stable problem {@code type}s (RFC 9457). Clients switch on these URIs, so a type is never renamed;
 * services add their own precise types through {@link #of(String)}.
 */
public final class ProblemType {

    public static final String BASE = "https://bacmr.mr/problems/";

    public static final URI UNAUTHORIZED = of("unauthorized");
    public static final URI FORBIDDEN = of("forbidden");
    public static final URI NOT_FOUND = of("not-found");
    public static final URI METHOD_NOT_ALLOWED = of("method-not-allowed");
    public static final URI NOT_ACCEPTABLE = of("not-acceptable");
    public static final URI UNSUPPORTED_MEDIA_TYPE = of("unsupported-media-type");
    public static final URI MALFORMED_REQUEST = of("malformed-request");
    public static final URI VALIDATION_FAILED = of("validation-failed");
    public static final URI PAYLOAD_TOO_LARGE = of("payload-too-large");
    public static final URI CONFLICT = of("conflict");
    public static final URI RATE_LIMITED = of("rate-limited");
    public static final URI SERVICE_UNAVAILABLE = of("service-unavailable");
    public static final URI INTERNAL = of("internal-error");

    public static URI of(String slug) {
        return URI.create(BASE + slug);
    }

    /** The type for a bare HTTP status, when nothing more precise is known. */
    public static URI forStatus(int status) {
        return switch (status) {
            case 400 -> MALFORMED_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 422 -> VALIDATION_FAILED;
            case 429 -> RATE_LIMITED;
            case 503 -> SERVICE_UNAVAILABLE;
            default -> status >= 500 ? INTERNAL : of("http-" + status);
        };
    }

    private ProblemType() {
    }
}
