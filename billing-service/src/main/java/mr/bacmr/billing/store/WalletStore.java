package mr.bacmr.billing.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import mr.bacmr.billing.domain.LedgerEntry;
import mr.bacmr.billing.domain.Wallet;

/** Reads wallets and their ledger; a user without a wallet row has an empty wallet, not an error. */
@ApplicationScoped
public class WalletStore {

    private final Pool pool;

    public WalletStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<Wallet> find(String userId) {
        return pool.preparedQuery("SELECT user_id, balance, held FROM wallets WHERE user_id = $1")
                .execute(Tuple.of(userId))
                .map(rows -> rows.size() == 0
                        ? Wallet.empty(userId)
                        : toWallet(rows.iterator().next()));
    }

    public Uni<List<LedgerEntry>> recentEntries(String userId, int limit) {
        return pool.preparedQuery("""
                        SELECT id, kind, amount, balance_after, reference, created_at
                        FROM ledger_entries WHERE user_id = $1 ORDER BY id DESC LIMIT $2""")
                .execute(Tuple.of(userId, limit))
                .map(rows -> {
                    List<LedgerEntry> entries = new ArrayList<>(rows.size());
                    rows.forEach(row -> entries.add(toEntry(row)));
                    return entries;
                });
    }

    private static Wallet toWallet(Row row) {
        return new Wallet(row.getString("user_id"), row.getLong("balance"), row.getLong("held"));
    }

    private static LedgerEntry toEntry(Row row) {
        return new LedgerEntry(row.getLong("id"), row.getString("kind"), row.getLong("amount"),
                row.getLong("balance_after"), row.getString("reference"),
                row.getOffsetDateTime("created_at").toInstant().atOffset(ZoneOffset.UTC).toInstant());
    }
}
