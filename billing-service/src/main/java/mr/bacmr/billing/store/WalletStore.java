package mr.bacmr.billing.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import mr.bacmr.billing.domain.LedgerEntry;
import mr.bacmr.billing.domain.Wallet;
import mr.bacmr.common.web.Page;
import mr.bacmr.common.web.PageRequest;

/**
 * Wallets and their ledger. Writers lock the wallet row first ({@link #lock}), compute the new balance and hold in
 * {@link Wallet}, and write them back ({@link #save}); the lock is what makes that read-compute-write atomic.
 * A user without a wallet row has an empty wallet, not an error.
 */
@ApplicationScoped
public class WalletStore {

    private final String lockSql;

    public WalletStore() {
        this(RowLocking.FOR_UPDATE);
    }

    WalletStore(RowLocking locking) {
        this.lockSql = "SELECT user_id, balance, held FROM wallets w WHERE user_id = $1" + locking.forUpdateOf("w");
    }

    public Uni<Wallet> find(SqlClient tx, String userId) {
        return tx.preparedQuery("SELECT user_id, balance, held FROM wallets WHERE user_id = $1")
                .execute(Tuple.of(userId))
                .map(rows -> rows.size() == 0 ? Wallet.empty(userId) : toWallet(rows.iterator().next()));
    }

    /** Locks the wallet row until the transaction ends; empty when the user has no wallet yet. */
    public Uni<Optional<Wallet>> lock(SqlClient tx, String userId) {
        return tx.preparedQuery(lockSql).execute(Tuple.of(userId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toWallet(rows.iterator().next())));
    }

    /** Creates the wallet if missing, then locks it. */
    public Uni<Wallet> createAndLock(SqlClient tx, String userId) {
        return tx.preparedQuery("INSERT INTO wallets (user_id) VALUES ($1) ON CONFLICT (user_id) DO NOTHING")
                .execute(Tuple.of(userId))
                .chain(() -> lock(tx, userId))
                .map(Optional::orElseThrow);
    }

    /** Writes a wallet computed from its locked row. */
    public Uni<Void> save(SqlClient tx, Wallet wallet) {
        return tx.preparedQuery("""
                        UPDATE wallets SET balance = $2, held = $3, version = version + 1, updated_at = now()
                        WHERE user_id = $1""")
                .execute(Tuple.of(wallet.userId(), wallet.balance(), wallet.held()))
                .invoke(rows -> {
                    if (rows.rowCount() != 1) {
                        throw new IllegalStateException("wallet " + wallet.userId() + " vanished while locked");
                    }
                })
                .replaceWithVoid();
    }

    public Uni<List<LedgerEntry>> recentEntries(SqlClient tx, String userId, int limit) {
        return entries(tx, userId, limit, 0);
    }

    public Uni<Page<LedgerEntry>> ledger(SqlClient tx, String userId, PageRequest page) {
        // One connection runs one query at a time: the count follows the page, inside the same snapshot-free tx.
        return entries(tx, userId, page.size(), page.offset())
                .chain(items -> tx.preparedQuery("SELECT count(*) FROM ledger_entries WHERE user_id = $1")
                        .execute(Tuple.of(userId))
                        .map(rows -> new Page<>(items, page.page(), page.size(), rows.iterator().next().getLong(0))));
    }

    private Uni<List<LedgerEntry>> entries(SqlClient tx, String userId, int limit, long offset) {
        return tx.preparedQuery("""
                        SELECT id, kind, amount, balance_after, reference, created_at
                        FROM ledger_entries WHERE user_id = $1 ORDER BY id DESC LIMIT $2 OFFSET $3""")
                .execute(Tuple.of(userId, limit, offset))
                .map(rows -> {
                    List<LedgerEntry> entries = new ArrayList<>(rows.size());
                    rows.forEach(row -> entries.add(LedgerStore.toEntry(row)));
                    return entries;
                });
    }

    static Wallet toWallet(Row row) {
        return new Wallet(row.getString("user_id"), row.getLong("balance"), row.getLong("held"));
    }
}
