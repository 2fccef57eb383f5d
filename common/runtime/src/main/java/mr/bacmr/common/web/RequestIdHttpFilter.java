package mr.bacmr.common.web;

import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Binds the request id before anything else runs (auth, JAX-RS, health), so every response carries it —
 * errors included — and writes one access line per request with the id in the log context.
 */
@ApplicationScoped
public class RequestIdHttpFilter {

    /** Above Quarkus' own filters so the id is there even when a later handler fails the request. */
    static final int PRIORITY = 10_000;

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    void handle(RoutingContext rc) {
        String requestId = RequestIds.acceptOrGenerate(rc.request().getHeader(RequestIds.HEADER));
        rc.put(RequestIds.MDC_KEY, requestId);
        RequestIds.bind(requestId);
        rc.response().putHeader(RequestIds.HEADER, requestId);
        long started = System.nanoTime();
        rc.addEndHandler(done -> {
            RequestIds.bind(requestId);
            if (!rc.normalizedPath().startsWith("/q/")) {
                Log.infof("%s %s %d %dms", rc.request().method(), rc.normalizedPath(),
                        rc.response().getStatusCode(), (System.nanoTime() - started) / 1_000_000);
            }
        });
        rc.next();
    }
}
