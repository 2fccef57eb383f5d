package mr.bacmr.billing.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.Function;

/**
 * Every database access of the service goes through here: one transaction whose first statement tells row-level
 * security who is calling. {@code set_config(…, true)} is transaction-local, so the caller can never leak into the
 * next transaction that borrows the pooled connection.
 */
@ApplicationScoped
public class BillingTransactions {

    private static final String BIND_CALLER =
            "SELECT set_config('app.user_id', $1, true), set_config('app.role', $2, true)";

    private final Pool pool;

    public BillingTransactions(Pool pool) {
        this.pool = pool;
    }

    public <T> Uni<T> run(DbCaller caller, Function<SqlConnection, Uni<T>> work) {
        // Both are subscribed at once: the connection sends the caller and the work's first statement back to back
        // (one round trip), and runs them in that order. If either fails, the transaction rolls back.
        return pool.withTransaction(conn -> Uni.combine().all().unis(bind(conn, caller), work.apply(conn))
                .asTuple().map(both -> both.getItem2()));
    }

    /** As {@link #run}, on one consistent snapshot of the whole database (reconciliation reads many tables). */
    public <T> Uni<T> runOnSnapshot(DbCaller caller, Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(conn -> conn.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").execute()
                .chain(() -> bind(conn, caller))
                .chain(() -> work.apply(conn)));
    }

    private static Uni<Void> bind(SqlConnection conn, DbCaller caller) {
        return conn.preparedQuery(BIND_CALLER).execute(Tuple.of(caller.userId(), caller.role())).replaceWithVoid();
    }
}
