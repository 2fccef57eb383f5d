package mr.bacmr.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh database per test run on the real PostgreSQL server ({@code BACMR_DB_HOST}:{@code BACMR_DB_PORT},
 * default 127.0.0.1:5432 — the machine's server, or the throw-away one {@code ./bacmr test} starts).
 */
public final class TestPostgres {

    public static String host() {
        return env("BACMR_DB_HOST", "127.0.0.1");
    }

    public static int port() {
        return Integer.parseInt(env("BACMR_DB_PORT", "5432"));
    }

    public static String user() {
        return env("BACMR_DB_USER", "postgres");
    }

    public static String password() {
        return env("BACMR_DB_PASSWORD", "");
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    public static String reactiveUrl(String database) {
        return "postgresql://" + host() + ":" + port() + "/" + database;
    }

    /** Creates {@code bacmr_test_<prefix>_<random>} and returns its name. */
    public static String createDatabase(String prefix) {
        String name = ("bacmr_test_" + prefix + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        execute("CREATE DATABASE " + name);
        return name;
    }

    public static void dropDatabase(String name) {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    public static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user(), password());
    }

    private static void execute(String sql) {
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + host() + ":" + port() + " refused `" + sql
                    + "`; is it running? (./bacmr test starts one when none answers)", e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private TestPostgres() {
    }
}
