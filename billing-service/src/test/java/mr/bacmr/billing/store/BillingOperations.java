package mr.bacmr.billing.store;

import com.fasterxml.jackson.databind.JsonNode;

/** The calls a concurrent workload makes, over HTTP or straight into the domain services. */
interface BillingOperations {

    Reply reserve(String user, long amount, String key, int ttlS);

    Reply finalize(String id, long actual, String idempotencyKey);

    Reply release(String id, String idempotencyKey);

    Reply topUp(String user, long amount, String paymentRef);

    /**
     * One answer: status, problem slug (for errors), body (for successes), whether it was an idempotent replay.
     */
    record Reply(int status, String problem, JsonNode body, boolean replayed, String rawBody) {

        boolean ok() {
            return status == 200 || status == 201;
        }
    }
}
