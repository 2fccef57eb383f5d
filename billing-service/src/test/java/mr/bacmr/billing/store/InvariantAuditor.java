package mr.bacmr.billing.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import mr.bacmr.testing.TestPostgres;

/**
 * The invariants of ARCHITECTURE.md §5.3, checked with the owner's SQL on a set of users — independently of the
 * service's own reconciliation code, so that a bug in one is not hidden by the same bug in the other.
 */
public final class InvariantAuditor {

    /** A reservation as stored. */
    record StoredReservation(String status, long amount, long captured) {
    }

    private static final List<String[]> CHECKS = List.of(
            new String[] {"balance == sum(ledger)", """
                    SELECT w.user_id, w.balance, coalesce(sum(l.amount), 0) FROM wallets w
                    LEFT JOIN ledger_entries l ON l.user_id = w.user_id
                    WHERE w.user_id = ANY(?) GROUP BY w.user_id, w.balance
                    HAVING w.balance <> coalesce(sum(l.amount), 0)"""},
            new String[] {"held == sum(pending reservations)", """
                    SELECT w.user_id, w.held, coalesce(sum(r.amount) FILTER (WHERE r.status = 'PENDING'), 0)
                    FROM wallets w LEFT JOIN reservations r ON r.user_id = w.user_id
                    WHERE w.user_id = ANY(?) GROUP BY w.user_id, w.held
                    HAVING w.held <> coalesce(sum(r.amount) FILTER (WHERE r.status = 'PENDING'), 0)"""},
            new String[] {"available >= 0", """
                    SELECT user_id, balance, held FROM wallets WHERE user_id = ANY(?) AND (balance < held OR held < 0)"""},
            new String[] {"each resolved reservation's capture matches its ledger entry", """
                    SELECT r.id, r.captured, coalesce(-sum(l.amount), 0) FROM reservations r
                    LEFT JOIN ledger_entries l ON l.kind = 'CAPTURE' AND l.reference = r.id::text
                    WHERE r.user_id = ANY(?) GROUP BY r.id, r.captured, r.status
                    HAVING r.captured <> coalesce(-sum(l.amount), 0) OR count(l.id) > 1
                        OR (r.status <> 'FINALIZED' AND count(l.id) > 0)"""},
            new String[] {"balance_after is the running sum", """
                    SELECT id, balance_after, running FROM (
                        SELECT id, balance_after, sum(amount) OVER (PARTITION BY user_id ORDER BY id) AS running
                        FROM ledger_entries WHERE user_id = ANY(?)) l
                    WHERE balance_after <> running"""});

    private final String database;
    private final String[] users;

    public InvariantAuditor(String database, List<String> users) {
        this.database = database;
        this.users = users.toArray(String[]::new);
    }

    public List<String> violations() throws SQLException {
        List<String> violations = new ArrayList<>();
        try (Connection connection = TestPostgres.connect(database)) {
            Array userArray = connection.createArrayOf("text", users);
            for (String[] check : CHECKS) {
                try (PreparedStatement statement = connection.prepareStatement(check[1])) {
                    statement.setArray(1, userArray);
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            violations.add(check[0] + " broken: " + rows.getString(1) + " has " + rows.getLong(2)
                                    + ", expected " + rows.getLong(3));
                        }
                    }
                }
            }
        }
        return violations;
    }

    /** PENDING reservations of these users that expired at or before the database time {@code asOf}. */
    long pendingPastExpiry(java.time.OffsetDateTime asOf) throws SQLException {
        try (Connection connection = TestPostgres.connect(database);
             PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM reservations "
                     + "WHERE user_id = ANY(?) AND status = 'PENDING' AND expires_at <= ?")) {
            statement.setArray(1, connection.createArrayOf("text", users));
            statement.setObject(2, asOf);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    java.time.OffsetDateTime databaseNow() throws SQLException {
        try (Connection connection = TestPostgres.connect(database);
             ResultSet rows = connection.createStatement().executeQuery("SELECT now()")) {
            rows.next();
            return rows.getObject(1, java.time.OffsetDateTime.class);
        }
    }

    /** The latest expiry among these users' reservations that were still pending. */
    boolean shortHoldsPastExpiry(int maxTtlSeconds) throws SQLException {
        try (Connection connection = TestPostgres.connect(database);
             PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM reservations "
                     + "WHERE user_id = ANY(?) AND expires_at - created_at <= make_interval(secs => ?) "
                     + "AND expires_at > now()")) {
            statement.setArray(1, connection.createArrayOf("text", users));
            statement.setInt(2, maxTtlSeconds);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1) == 0;
            }
        }
    }

    Map<String, StoredReservation> reservations() throws SQLException {
        Map<String, StoredReservation> stored = new HashMap<>();
        try (Connection connection = TestPostgres.connect(database);
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT id::text, status, amount, captured FROM reservations WHERE user_id = ANY(?)")) {
            statement.setArray(1, connection.createArrayOf("text", users));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    stored.put(rows.getString(1), new StoredReservation(rows.getString(2), rows.getLong(3), rows.getLong(4)));
                }
            }
        }
        return stored;
    }

    Map<String, long[]> wallets() throws SQLException {
        Map<String, long[]> wallets = new HashMap<>();
        try (Connection connection = TestPostgres.connect(database);
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT user_id, balance, held FROM wallets WHERE user_id = ANY(?)")) {
            statement.setArray(1, connection.createArrayOf("text", users));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    wallets.put(rows.getString(1), new long[] {rows.getLong(2), rows.getLong(3)});
                }
            }
        }
        return wallets;
    }
}
