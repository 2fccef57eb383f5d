package mr.bacmr.billing.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

import mr.bacmr.billing.domain.LedgerEntry;
import mr.bacmr.billing.domain.LedgerKind;
import mr.bacmr.billing.domain.Wallet;

/** Appends to the ledger (it is never updated): one entry per change of a wallet's balance. */
@ApplicationScoped
public class LedgerStore {

    /**
     * Appends an entry of {@code amount} (signed) that left the wallet at {@code after}; call it with the wallet row
     * locked, so entries of one user are numbered in the order their balances were computed.
     */
    public Uni<LedgerEntry> append(SqlClient tx, Wallet after, LedgerKind kind, long amount, String reference) {
        return tx.preparedQuery("""
                        INSERT INTO ledger_entries (user_id, kind, amount, balance_after, reference)
                        VALUES ($1, $2, $3, $4, $5)
                        RETURNING id, kind, amount, balance_after, reference, created_at""")
                .execute(Tuple.of(after.userId(), kind.name(), amount, after.balance(), reference))
                .map(rows -> toEntry(rows.iterator().next()));
    }

    /** The top-up made with a payment reference, whoever's wallet it went to. */
    public Uni<Optional<TopUpEntry>> findTopUp(SqlClient tx, String paymentRef) {
        return tx.preparedQuery("""
                        SELECT user_id, id, kind, amount, balance_after, reference, created_at
                        FROM ledger_entries WHERE kind = 'TOPUP' AND reference = $1""")
                .execute(Tuple.of(paymentRef))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(
                        new TopUpEntry(rows.iterator().next().getString("user_id"), toEntry(rows.iterator().next()))));
    }

    /** A top-up's ledger entry and whose wallet it credited. */
    public record TopUpEntry(String userId, LedgerEntry entry) {
    }

    static LedgerEntry toEntry(Row row) {
        return new LedgerEntry(row.getLong("id"), row.getString("kind"), row.getLong("amount"),
                row.getLong("balance_after"), row.getString("reference"),
                row.getOffsetDateTime("created_at").toInstant());
    }
}
