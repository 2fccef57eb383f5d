package mr.bacmr.billing.store;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.util.UUID;

import mr.bacmr.billing.domain.ReservationService;
import mr.bacmr.billing.domain.ReserveCommand;
import mr.bacmr.billing.domain.StoredResponse;
import mr.bacmr.billing.domain.TopUpService;
import mr.bacmr.common.web.ProblemException;

/** The workload's calls straight into the domain services (used with a deliberately broken store). */
final class DirectBillingOperations implements BillingOperations {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final DbCaller SERVICE = DbCaller.service("workload");
    private static final DbCaller ADMIN = DbCaller.admin("workload-admin");

    private final ReservationService reservations;
    private final TopUpService topUps;
    private final ObjectMapper mapper;

    DirectBillingOperations(ReservationService reservations, TopUpService topUps, ObjectMapper mapper) {
        this.reservations = reservations;
        this.topUps = topUps;
        this.mapper = mapper;
    }

    @Override
    public Reply reserve(String user, long amount, String key, int ttlS) {
        return call(() -> stored(reservations.reserve(SERVICE, new ReserveCommand(user, amount, "ask", key, ttlS, "req"))
                .await().atMost(WAIT)));
    }

    @Override
    public Reply finalize(String id, long actual, String idempotencyKey) {
        return call(() -> stored(reservations.finalize(SERVICE, UUID.fromString(id), actual, idempotencyKey)
                .await().atMost(WAIT)));
    }

    @Override
    public Reply release(String id, String idempotencyKey) {
        return call(() -> stored(reservations.release(SERVICE, UUID.fromString(id), idempotencyKey).await().atMost(WAIT)));
    }

    @Override
    public Reply topUp(String user, long amount, String paymentRef) {
        return call(() -> {
            TopUpService.Result result = topUps.topUp(ADMIN, user, amount, paymentRef).await().atMost(WAIT);
            return new Reply(201, null, mapper.valueToTree(result.topUp()), result.replayed(), null);
        });
    }

    private Reply stored(StoredResponse response) throws Exception {
        return new Reply(response.status(), null, mapper.readTree(response.body()), response.replayed(), response.body());
    }

    private static Reply call(ThrowingSupplier<Reply> call) {
        try {
            return call.get();
        } catch (ProblemException e) {
            String type = e.type().toString();
            return new Reply(e.status(), type.substring(type.lastIndexOf('/') + 1), null, false, null);
        } catch (Exception e) {
            return new Reply(500, "error: " + e.getMessage(), null, false, null);
        }
    }

    private interface ThrowingSupplier<T> {
        T get() throws Exception;
    }
}
