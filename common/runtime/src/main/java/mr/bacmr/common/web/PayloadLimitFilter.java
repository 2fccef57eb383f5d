package mr.bacmr.common.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A body larger than {@code quarkus.http.limits.max-body-size} is refused with a {@code payload-too-large} problem,
 * like every other error, whether its length is declared or not. Quarkus checks the same limit itself (route order -2)
 * but answers a bare 413 with no body; this filter runs before it, after the request id is bound. A declared length is
 * checked at once. A body sent without one (chunked) is read here by Vert.x's {@link BodyHandler}, which fails the
 * request as soon as the bytes pass the limit; JAX-RS then takes the body it read (every body these services accept is
 * JSON under the limit, so nothing is buffered that JAX-RS would not have buffered).
 */
@ApplicationScoped
public class PayloadLimitFilter {

    /** After {@link RequestIdHttpFilter}, and before Quarkus's own limit check (filter priority p runs at order -p). */
    static final int PRIORITY = RequestIdHttpFilter.PRIORITY - 1;

    private final long limit;
    private final ObjectMapper mapper;
    private final BodyHandler chunkedBodies;

    PayloadLimitFilter(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize,
                       ObjectMapper mapper) {
        this.limit = maxBodySize.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
        this.mapper = mapper;
        this.chunkedBodies = BodyHandler.create(false).setBodyLimit(limit);
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    /** First of all failure handlers: the body handler's 413 becomes the problem, any other failure goes on. */
    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(rc -> {
            if (rc.statusCode() == 413 && !rc.response().headWritten()) {
                refuse(rc);
            } else {
                rc.next();
            }
        });
    }

    void handle(RoutingContext rc) {
        String declared = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            if (declaredLength(declared) > limit) {
                refuse(rc);
                return;
            }
        } else if (limit != Long.MAX_VALUE && rc.request().headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            chunkedBodies.handle(rc);   // reads the body, then rc.next(); or fails the request with 413
            return;
        }
        rc.next();
    }

    private void refuse(RoutingContext rc) {
        Problem problem = new Problem(ProblemType.PAYLOAD_TOO_LARGE, Problems.titleFor(413), 413,
                "The request body is larger than this service accepts (" + limit + " bytes)", rc.normalizedPath(),
                rc.get(RequestIds.MDC_KEY), null);
        String body;
        try {
            body = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        // the body is never read (or not to its end): close the connection rather than drain it
        rc.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body);
    }

    /** The declared length, or 0 when it is not a number (Quarkus then refuses the request as malformed). */
    private static long declaredLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
