package mr.bacmr.common.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A body declared larger than {@code quarkus.http.limits.max-body-size} is refused with a {@code payload-too-large}
 * problem, like every other error. Quarkus checks the same limit itself (route order -2) but answers a bare 413 with
 * no body; this filter runs before it, after the request id is bound. A body sent without a length (chunked) that
 * grows past the limit is still cut by Quarkus while it is read, with that bare 413: by then the response is Quarkus's.
 */
@ApplicationScoped
public class PayloadLimitFilter {

    /** After {@link RequestIdHttpFilter}, and before Quarkus's own limit check (filter priority p runs at order -p). */
    static final int PRIORITY = RequestIdHttpFilter.PRIORITY - 1;

    private final long limit;
    private final ObjectMapper mapper;

    PayloadLimitFilter(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize,
                       ObjectMapper mapper) {
        this.limit = maxBodySize.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
        this.mapper = mapper;
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    void handle(RoutingContext rc) {
        String declared = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && declaredLength(declared) > limit) {
            refuse(rc);
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
        // the body is never read: close the connection rather than drain it
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
