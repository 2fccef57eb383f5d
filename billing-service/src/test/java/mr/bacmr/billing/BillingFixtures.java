package mr.bacmr.billing;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

import mr.bacmr.testing.TestJwt;
import mr.bacmr.testing.TestPostgres;

import static io.restassured.RestAssured.given;

/**
 * Helpers over the real API and database. Reads of the database go through the owner's JDBC connection, outside
 * row-level security, so tests see what is really stored, whoever it belongs to.
 */
public final class BillingFixtures {

    public static final String SERVICE = "retrieval-service";
    public static final String ADMIN = "admin-1";

    public static String user() {
        return "student-" + UUID.randomUUID();
    }

    public static String serviceToken() {
        return TestJwt.token(SERVICE, "service", null);
    }

    public static String adminToken() {
        return TestJwt.token(ADMIN, "admin", "premium");
    }

    public static String studentToken(String user) {
        return TestJwt.token(user, "student", "free");
    }

    public static RequestSpecification asService() {
        return given().auth().oauth2(serviceToken()).contentType("application/json");
    }

    public static Response topUp(String user, long amount) {
        return topUp(user, amount, "pay-" + UUID.randomUUID());
    }

    public static Response topUp(String user, long amount, String paymentRef) {
        return given().auth().oauth2(adminToken()).contentType("application/json")
                .body(Map.of("amount", amount, "payment_ref", paymentRef))
                .when().post("/v1/admin/wallets/" + user + "/topups");
    }

    /** A funded wallet for a fresh user. */
    public static String fundedUser(long credits) {
        String user = user();
        topUp(user, credits).then().statusCode(201);
        return user;
    }

    public static Response reserve(String user, long amount, String key) {
        return reserve(user, amount, key, null);
    }

    public static Response reserve(String user, long amount, String key, Integer ttlS) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user_id", user);
        body.put("amount", amount);
        body.put("operation", "ask");
        body.put("idempotency_key", key);
        if (ttlS != null) {
            body.put("ttl_s", ttlS);
        }
        return asService().body(body).when().post("/internal/v1/reservations");
    }

    public static String reserved(String user, long amount) {
        return reserve(user, amount, "key-" + UUID.randomUUID()).then().statusCode(201).extract().path("id");
    }

    public static Response finalizeReservation(String id, long actual) {
        return asService().body(Map.of("actual", actual)).when().post("/internal/v1/reservations/" + id + "/finalize");
    }

    public static Response release(String id) {
        return asService().when().post("/internal/v1/reservations/" + id + "/release");
    }

    /** The answer is a problem of this status and type ({@code https://bacmr.mr/problems/<slug>}). */
    public static void assertProblem(Response response, int status, String slug) {
        response.then().statusCode(status)
                .contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.equalTo("https://bacmr.mr/problems/" + slug))
                .body("status", org.hamcrest.Matchers.equalTo(status));
    }

    /** {@code [balance, held]} as stored, or {@code [0, 0]} without a wallet. */
    public static long[] wallet(String user) {
        List<Map<String, Object>> rows = query("SELECT balance, held FROM wallets WHERE user_id = ?", user);
        return rows.isEmpty() ? new long[] {0, 0}
                : new long[] {(Long) rows.get(0).get("balance"), (Long) rows.get(0).get("held")};
    }

    public static long ledgerEntries(String user) {
        return count("SELECT count(*) FROM ledger_entries WHERE user_id = ?", user);
    }

    public static long count(String sql, Object... args) {
        return (Long) query(sql, args).get(0).values().iterator().next();
    }

    public static void execute(String sql, Object... args) {
        try (Connection connection = owner(); PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, args);
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public static List<Map<String, Object>> query(String sql, Object... args) {
        try (Connection connection = owner(); PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, args);
            try (ResultSet rows = statement.executeQuery()) {
                List<Map<String, Object>> result = new ArrayList<>();
                while (rows.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                        row.put(rows.getMetaData().getColumnLabel(i), rows.getObject(i));
                    }
                    result.add(row);
                }
                return result;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public static String database() {
        return ConfigProvider.getConfig().getValue("bacmr.test.database", String.class);
    }

    private static Connection owner() throws SQLException {
        return TestPostgres.connect(database());
    }

    private static void bind(PreparedStatement statement, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            statement.setObject(i + 1, args[i]);
        }
    }

    private BillingFixtures() {
    }
}
