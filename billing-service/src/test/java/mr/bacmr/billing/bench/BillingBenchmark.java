package mr.bacmr.billing.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import mr.bacmr.billing.store.InvariantAuditor;
import mr.bacmr.testing.TestJwt;
import mr.bacmr.testing.TestKafka;
import mr.bacmr.testing.TestPostgres;

/**
 * Reserve+finalize pairs per second through HTTP, 16 concurrent clients, against the packaged billing-service on a
 * fresh database of the real PostgreSQL — measured in the same run as {@code pgbench -b tpcb-like -c 16 -T 30} on
 * the same server, then every invariant checked. Not a test: run it with {@code ./bacmr bench billing}; it rewrites
 * its section of docs/benchmarks.md.
 */
public final class BillingBenchmark {

    static final String BEGIN = "<!-- billing-benchmark:begin -->";
    static final String END = "<!-- billing-benchmark:end -->";
    static final int CLIENTS = 16;
    static final int SECONDS = 30;
    static final int WARM_UP_SECONDS = 5;
    static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "target/quarkus-app/quarkus-run.jar");
        Path report = Path.of(args.length > 1 ? args[1] : "../docs/benchmarks.md");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package billing-service first");
        }
        String pgbench = which("pgbench");
        String database = TestPostgres.createDatabase("billing_bench");
        String pgbenchDatabase = TestPostgres.createDatabase("billing_pgbench");
        Process service = null;
        try {
            int port = freePort();
            service = start(jar, database, port);
            URI base = URI.create("http://127.0.0.1:" + port + "/");
            awaitReady(base, service);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            List<String> users = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                String user = "bench-" + i + "-" + UUID.randomUUID().toString().substring(0, 8);
                users.add(user);
                post(http, base.resolve("v1/admin/wallets/" + user + "/topups"), TestJwt.token("bench-admin", "admin", null),
                        "{\"amount\":1000000000,\"payment_ref\":\"bench-" + user + "\"}", 201);
            }

            System.out.println("warming up " + WARM_UP_SECONDS + " s");
            load(http, base, users, WARM_UP_SECONDS);
            System.out.println("billing: reserve+finalize pairs, " + CLIENTS + " clients, " + SECONDS + " s");
            Result billing = load(http, base, users, SECONDS);
            System.out.printf(Locale.ROOT, "billing: %.1f pairs/s (p50 %.1f ms, p99 %.1f ms, %d errors)%n",
                    billing.pairsPerSecond(), billing.p50(), billing.p99(), billing.errors());

            run(List.of(pgbench, "-h", TestPostgres.host(), "-p", String.valueOf(TestPostgres.port()), "-U",
                    TestPostgres.user(), "-i", "-q", pgbenchDatabase));
            System.out.println("pgbench -b tpcb-like -c " + CLIENTS + " -T " + SECONDS);
            String pgbenchOutput = run(List.of(pgbench, "-h", TestPostgres.host(), "-p",
                    String.valueOf(TestPostgres.port()), "-U", TestPostgres.user(), "-b", "tpcb-like", "-c",
                    String.valueOf(CLIENTS), "-T", String.valueOf(SECONDS), pgbenchDatabase));
            double pgbenchTps = tps(pgbenchOutput);
            System.out.printf(Locale.ROOT, "pgbench: %.1f tps%n", pgbenchTps);

            List<String> violations = new InvariantAuditor(database, users).violations();
            JsonNode run = JSON.readTree(post(http, base.resolve("v1/admin/reconciliation"),
                    TestJwt.token("bench-admin", "admin", null), "", 201));
            int drift = run.get("drift_count").asInt();
            long pending = run.get("reservations_checked").asLong();
            System.out.println("invariant violations: " + violations + ", reconciliation drift: " + drift);
            writeReport(report, billing, pgbenchTps, violations.size(), drift, pending, pgbenchOutput);
            if (!violations.isEmpty() || drift != 0 || billing.errors() > 0) {
                throw new IllegalStateException("the benchmark broke an invariant or had errors: " + violations);
            }
        } finally {
            if (service != null) {
                service.destroy();
                service.waitFor(30, TimeUnit.SECONDS);
            }
            TestPostgres.dropDatabase(database);
            TestPostgres.dropDatabase(pgbenchDatabase);
        }
    }

    record Result(long pairs, double seconds, long errors, double p50, double p99) {
        double pairsPerSecond() {
            return pairs / seconds;
        }
    }

    /** {@link #CLIENTS} threads, each on its own wallet, reserve then finalize for {@code seconds}. */
    static Result load(HttpClient http, URI base, List<String> users, int seconds) throws Exception {
        String token = TestJwt.token("bench-client", "service", null);
        ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long started = System.nanoTime();
        List<Future<long[]>> clients = new ArrayList<>();
        for (String user : users) {
            clients.add(threads.submit(() -> {
                List<Long> latencies = new ArrayList<>();
                long errors = 0;
                while (System.nanoTime() < deadline) {
                    long t0 = System.nanoTime();
                    try {
                        String reserved = post(http, base.resolve("internal/v1/reservations"), token,
                                "{\"user_id\":\"" + user + "\",\"amount\":10,\"operation\":\"bench\","
                                        + "\"idempotency_key\":\"" + UUID.randomUUID() + "\"}", 201);
                        String id = JSON.readTree(reserved).get("id").asText();
                        post(http, base.resolve("internal/v1/reservations/" + id + "/finalize"), token,
                                "{\"actual\":7}", 200);
                        latencies.add(System.nanoTime() - t0);
                    } catch (Exception e) {
                        errors++;
                    }
                }
                long[] result = new long[latencies.size() + 1];
                result[0] = errors;
                for (int i = 0; i < latencies.size(); i++) {
                    result[i + 1] = latencies.get(i);
                }
                return result;
            }));
        }
        List<Long> all = new ArrayList<>();
        long errors = 0;
        for (Future<long[]> client : clients) {
            long[] result = client.get();
            errors += result[0];
            for (int i = 1; i < result.length; i++) {
                all.add(result[i]);
            }
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        threads.shutdownNow();
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Result(sorted.length, elapsed, errors, percentile(sorted, 0.50), percentile(sorted, 0.99));
    }

    static String post(HttpClient http, URI uri, String token, String body, int expected)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    static Process start(Path jar, String database, int port) throws IOException {
        Path log = Files.createTempFile("billing-bench-", ".log");
        System.out.println("starting billing-service on port " + port + " (log: " + log + ")");
        ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-Xmx512m", "-jar", jar.toString());
        builder.environment().putAll(java.util.Map.of(
                "QUARKUS_HTTP_PORT", String.valueOf(port),
                "BACMR_DB_HOST", TestPostgres.host(),
                "BACMR_DB_PORT", String.valueOf(TestPostgres.port()),
                "BACMR_DB_NAME", database,
                "KAFKA_BOOTSTRAP_SERVERS", TestKafka.bootstrapServers(),
                "BACMR_JWT_PUBLIC_KEY_LOCATION", TestJwt.publicKeyFile(),
                "BACMR_JWT_ISSUER", TestJwt.ISSUER,
                "BACMR_JWT_AUDIENCE", TestJwt.AUDIENCE,
                "BACMR_WALLET_LOW_THRESHOLD", "0",
                "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false"));
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        return process;
    }

    static void awaitReady(URI base, Process service) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("billing-service exited with " + service.exitValue());
            }
            try {
                if (http.send(HttpRequest.newBuilder(base.resolve("q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            service.waitFor(250, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException("billing-service did not become ready");
    }

    static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }

    static double tps(String pgbenchOutput) {
        Matcher tps = Pattern.compile("tps = ([0-9.]+)").matcher(pgbenchOutput);
        if (!tps.find()) {
            throw new IllegalStateException("no tps in pgbench output:\n" + pgbenchOutput);
        }
        return Double.parseDouble(tps.group(1));
    }

    static void writeReport(Path report, Result billing, double pgbenchTps, int violations, int drift, long reservations,
                            String pgbenchOutput) throws IOException {
        String latency = pgbenchOutput.lines().filter(line -> line.startsWith("latency average"))
                .findFirst().orElse("latency average = ?");
        String section = String.join("\n",
                BEGIN,
                String.format(Locale.ROOT, "Measured %s on %d cores, %s %s, PostgreSQL at %s:%d (%s), with "
                                + "`./bacmr bench billing`.",
                        LocalDate.now(), Runtime.getRuntime().availableProcessors(),
                        System.getProperty("java.vm.name"), System.getProperty("java.version"), TestPostgres.host(),
                        TestPostgres.port(), postgresVersion()),
                "Billing: the packaged service (`java -Xmx512m -jar quarkus-run.jar`) on a fresh database, "
                        + CLIENTS + " client threads in the benchmark JVM, each on its own wallet, each looping `POST "
                        + "/internal/v1/reservations` (10 credits) then `POST …/{id}/finalize` (7) over HTTP/1.1 with a "
                        + "service JWT, for " + SECONDS + " s after a " + WARM_UP_SECONDS + " s warm-up. pgbench: "
                        + "`pgbench -i` (scale 1) on a scratch database of the same server, then `pgbench -b tpcb-like -c "
                        + CLIENTS + " -T " + SECONDS + "`, right after, in the same run. Service, clients and PostgreSQL "
                        + "share the machine's cores.",
                "",
                "| measure | value |",
                "|---|---|",
                String.format(Locale.ROOT, "| reserve+finalize pairs/s (HTTP, %d clients) | %.1f |", CLIENTS,
                        billing.pairsPerSecond()),
                String.format(Locale.ROOT, "| pair latency p50 / p99 | %.1f ms / %.1f ms |", billing.p50(), billing.p99()),
                String.format(Locale.ROOT, "| pairs measured, errors | %d, %d |", billing.pairs(), billing.errors()),
                String.format(Locale.ROOT, "| pgbench tpcb-like tps (%d clients) | %.1f (%s) |", CLIENTS, pgbenchTps,
                        latency),
                String.format(Locale.ROOT, "| pairs/s ÷ pgbench tps | %.2f× (target ≥ 0.5×) |",
                        billing.pairsPerSecond() / pgbenchTps),
                String.format(Locale.ROOT, "| invariant violations after the run (auditor, reconciliation drift) | %d, %d "
                        + "(over %d reservations) |", violations, drift, reservations),
                END);
        String text = Files.exists(report) ? Files.readString(report) : "# Benchmarks\n";
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin >= 0 && end > begin) {
            text = text.substring(0, begin) + section + text.substring(end + END.length());
        } else {
            text = text.stripTrailing() + "\n\n## Billing reservations\n\n" + section + "\n";
        }
        Files.writeString(report, text);
        System.out.println("wrote " + report.toAbsolutePath());
    }

    static String postgresVersion() {
        try (var connection = TestPostgres.connect("postgres");
             var rows = connection.createStatement().executeQuery("SHOW server_version")) {
            rows.next();
            return "PostgreSQL " + rows.getString(1).split(" ")[0] + ", fsync and synchronous_commit as configured";
        } catch (Exception e) {
            return "PostgreSQL";
        }
    }

    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))] / 1e6;
    }

    static String which(String tool) throws Exception {
        for (String dir : System.getenv("PATH").split(":")) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException(tool + " is not installed: apt-get install -y postgresql-client");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
