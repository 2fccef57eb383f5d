package mr.bacmr.billing.store;

import mr.bacmr.common.auth.Caller;
import mr.bacmr.common.auth.Role;

/**
 * Who a transaction runs for, as row-level security sees it ({@code app.user_id}, {@code app.role}): students and
 * teachers reach their own rows, admins and the service (its jobs included) what their policies allow.
 */
public record DbCaller(String userId, String role) {

    public static final DbCaller SWEEPER = service("system:reservation-sweeper");
    public static final DbCaller USAGE_CONSUMER = service("system:usage-consumer");
    public static final DbCaller RECONCILER = service("system:reconciliation");

    public static DbCaller of(Caller caller) {
        return new DbCaller(caller.userId(), caller.role().claim());
    }

    /** Another service calling, or one of this service's own jobs. */
    public static DbCaller service(String name) {
        return new DbCaller(name, Role.SERVICE.claim());
    }

    public static DbCaller admin(String userId) {
        return new DbCaller(userId, Role.ADMIN.claim());
    }
}
