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
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import mr.bacmr.billing.store.InvariantAuditor;
import mr.bacmr.testing.BenchmarkReport;
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
    static final int SECONDS = Integer.getInteger("bench.seconds", 30); // shorter only for a smoke run
    static final int WARM_UP_SECONDS = Integer.getInteger("bench.warmup", 5);
    static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) {
        int status = 0;
        try {
            benchmark(args);
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        // The in-JVM broker and the HTTP client leave non-daemon threads that exec:java would wait for forever.
        System.exit(status);
    }

    static void benchmark(String[] args) throws Exception {
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
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            List<String> users = wallets(http, base, "bench");
            List<String> inProcessUsers = wallets(http, base, "bench-direct");

            System.out.println("warming up " + WARM_UP_SECONDS + " s");
            load(base, users, WARM_UP_SECONDS);
            System.out.println("billing: reserve+finalize pairs, " + CLIENTS + " clients, " + SECONDS + " s");
            String loadBefore = loadAverage();
            CpuTimes before = CpuTimes.of(service, database);
            Result billing = load(base, users, SECONDS);
            CpuTimes cpu = CpuTimes.of(service, database).minus(before);
            String loadAfter = loadAverage();
            String loadBeforeDirect;
            String loadAfterDirect;
            System.out.printf(Locale.ROOT, "billing: %.1f pairs/s (p50 %.1f ms, p99 %.1f ms, %d errors)%n",
                    billing.pairsPerSecond(), billing.p50(), billing.p99(), billing.errors());

            Result direct;
            CpuTimes directCpu;
            try (InProcessLoad inProcess = new InProcessLoad(database)) {
                System.out.println("in-process warm-up " + WARM_UP_SECONDS + " s");
                inProcess.run(inProcessUsers, WARM_UP_SECONDS);
                System.out.println("in-process: ReservationService reserve+finalize pairs, " + CLIENTS + " clients, "
                        + SECONDS + " s");
                loadBeforeDirect = loadAverage();
                CpuTimes directBefore = CpuTimes.of(service, database);
                direct = inProcess.run(inProcessUsers, SECONDS);
                directCpu = CpuTimes.of(service, database).minus(directBefore);
                loadAfterDirect = loadAverage();
            }
            System.out.printf(Locale.ROOT, "in-process: %.1f pairs/s (p50 %.1f ms, p99 %.1f ms, %d errors)%n",
                    direct.pairsPerSecond(), direct.p50(), direct.p99(), direct.errors());

            run(List.of(pgbench, "-h", TestPostgres.host(), "-p", String.valueOf(TestPostgres.port()), "-U",
                    TestPostgres.user(), "-i", "-q", pgbenchDatabase));
            System.out.println("pgbench -b tpcb-like -c " + CLIENTS + " -T " + SECONDS);
            String pgbenchOutput = run(List.of(pgbench, "-h", TestPostgres.host(), "-p",
                    String.valueOf(TestPostgres.port()), "-U", TestPostgres.user(), "-b", "tpcb-like", "-c",
                    String.valueOf(CLIENTS), "-T", String.valueOf(SECONDS), pgbenchDatabase));
            double pgbenchTps = tps(pgbenchOutput);
            String loads = String.join(" \\| ", loadBefore + " → " + loadAfter, loadBeforeDirect + " → " + loadAfterDirect,
                    "→ " + loadAverage());
            System.out.printf(Locale.ROOT, "pgbench: %.1f tps%n", pgbenchTps);

            List<String> audited = new ArrayList<>(users);
            audited.addAll(inProcessUsers);
            List<String> violations = new InvariantAuditor(database, audited).violations();
            JsonNode run = JSON.readTree(post(http, base.resolve("v1/admin/reconciliation"),
                    TestJwt.token("bench-admin", "admin", null), "", 201));
            int drift = run.get("drift_count").asInt();
            long pending = run.get("reservations_checked").asLong();
            System.out.println("invariant violations: " + violations + ", reconciliation drift: " + drift);
            System.out.printf(Locale.ROOT, "cpu per pair: service %.2f ms, postgres %.2f ms, clients %.2f ms%n",
                    cpu.serviceMs() / billing.pairs(), cpu.postgresMs() / billing.pairs(), cpu.clientMs() / billing.pairs());
            System.out.printf(Locale.ROOT, "in-process cpu per pair: postgres %.2f ms, benchmark JVM %.2f ms%n",
                    directCpu.postgresMs() / direct.pairs(), directCpu.clientMs() / direct.pairs());
            writeReport(report, billing, cpu, loads, direct, directCpu, pgbenchTps,
                    violations.size(), drift, pending, pgbenchOutput);
            if (!violations.isEmpty() || drift != 0 || billing.errors() > 0 || direct.errors() > 0) {
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

    /** One wallet per client, each topped up through the admin API (so the service creates it as it would). */
    static List<String> wallets(HttpClient http, URI base, String prefix) throws IOException, InterruptedException {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            String user = prefix + "-" + i + "-" + UUID.randomUUID().toString().substring(0, 8);
            users.add(user);
            post(http, base.resolve("v1/admin/wallets/" + user + "/topups"), TestJwt.token("bench-admin", "admin", null),
                    "{\"amount\":1000000000,\"payment_ref\":\"bench-" + user + "\"}", 201);
        }
        return users;
    }

    record Result(long pairs, double seconds, long errors, double p50, double p99) {
        double pairsPerSecond() {
            return pairs / seconds;
        }
    }

    /**
     * {@link #CLIENTS} concurrent clients, each on its own wallet, reserve then finalize for {@code seconds}. They run
     * as asynchronous loops on one Vert.x event loop with a keep-alive HTTP/1.1 connection each (as the services'
     * REST clients and the gateway connect), so the harness takes as little CPU from the service as it can.
     */
    static Result load(URI base, List<String> users, int seconds) throws Exception {
        String token = "Bearer " + TestJwt.token("bench-client", "service", null);
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx(new io.vertx.core.VertxOptions().setEventLoopPoolSize(1));
        io.vertx.core.http.HttpClient client = vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions()
                .setDefaultHost(base.getHost()).setDefaultPort(base.getPort()).setKeepAlive(true)
                .setMaxPoolSize(CLIENTS).setPipelining(false));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long started = System.nanoTime();
        List<java.util.concurrent.CompletableFuture<long[]>> loops = new ArrayList<>();
        for (String user : users) {
            java.util.concurrent.CompletableFuture<long[]> done = new java.util.concurrent.CompletableFuture<>();
            List<Long> latencies = new ArrayList<>();
            long[] errors = {0};
            vertx.runOnContext(ignored -> pair(client, token, user, deadline, latencies, errors, done));
            loops.add(done);
        }
        List<Long> all = new ArrayList<>();
        long errors = 0;
        for (java.util.concurrent.CompletableFuture<long[]> loop : loops) {
            long[] result = loop.get(seconds + 60L, TimeUnit.SECONDS);
            errors += result[0];
            for (int i = 1; i < result.length; i++) {
                all.add(result[i]);
            }
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Result(sorted.length, elapsed, errors, percentile(sorted, 0.50), percentile(sorted, 0.99));
    }

    /** One reserve+finalize pair, then the next, until the deadline. */
    private static void pair(io.vertx.core.http.HttpClient client, String token, String user, long deadline,
                             List<Long> latencies, long[] errors, java.util.concurrent.CompletableFuture<long[]> done) {
        if (System.nanoTime() >= deadline) {
            long[] result = new long[latencies.size() + 1];
            result[0] = errors[0];
            for (int i = 0; i < latencies.size(); i++) {
                result[i + 1] = latencies.get(i);
            }
            done.complete(result);
            return;
        }
        long t0 = System.nanoTime();
        String reserve = "{\"user_id\":\"" + user + "\",\"amount\":10,\"operation\":\"bench\",\"idempotency_key\":\""
                + UUID.randomUUID() + "\"}";
        send(client, token, "/internal/v1/reservations", reserve, 201)
                .compose(reserved -> send(client, token, "/internal/v1/reservations/"
                        + reserved.toJsonObject().getString("id") + "/finalize", "{\"actual\":7}", 200))
                .onComplete(result -> {
                    if (result.succeeded()) {
                        latencies.add(System.nanoTime() - t0);
                    } else {
                        errors[0]++;
                    }
                    pair(client, token, user, deadline, latencies, errors, done);
                });
    }

    private static io.vertx.core.Future<io.vertx.core.buffer.Buffer> send(io.vertx.core.http.HttpClient client,
                                                                         String token, String path, String body,
                                                                         int expected) {
        return client.request(io.vertx.core.http.HttpMethod.POST, path)
                .compose(request -> request.putHeader("Authorization", token)
                        .putHeader("Content-Type", "application/json")
                        .send(body))
                .compose(response -> response.body().compose(buffer -> response.statusCode() == expected
                        ? io.vertx.core.Future.succeededFuture(buffer)
                        : io.vertx.core.Future.failedFuture(path + " answered " + response.statusCode() + ": " + buffer)));
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
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m"));
        String jfr = System.getProperty("bench.jfr"); // e.g. -Dbench.jfr=/tmp/billing.jfr to see where the time goes
        if (jfr != null) {
            command.add("-XX:StartFlightRecording=settings=profile,filename=" + jfr);
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
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

    /** CPU used so far by the service JVM, the PostgreSQL backends serving its database, and this JVM (the clients). */
    record CpuTimes(double serviceMs, double postgresMs, double clientMs) {

        static CpuTimes of(Process service, String database) throws Exception {
            double serviceMs = service.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1e6;
            double postgresMs = 0;
            try (var connection = TestPostgres.connect(database);
                 var statement = connection.prepareStatement(
                         "SELECT pid FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
                statement.setString(1, database);
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        postgresMs += procCpuMs(rows.getInt(1));
                    }
                }
            }
            double clientMs = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime() / 1e6;
            return new CpuTimes(serviceMs, postgresMs, clientMs);
        }

        CpuTimes minus(CpuTimes earlier) {
            return new CpuTimes(serviceMs - earlier.serviceMs, postgresMs - earlier.postgresMs, clientMs - earlier.clientMs);
        }

        /** utime + stime of a process, from /proc (clock ticks of 10 ms). */
        private static double procCpuMs(int pid) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0;
            } catch (Exception e) {
                return 0;
            }
        }
    }

    static void writeReport(Path report, Result billing, CpuTimes cpu, String load, Result direct, CpuTimes directCpu,
                            double pgbenchTps, int violations, int drift, long reservations, String pgbenchOutput)
            throws IOException {
        String latency = pgbenchOutput.lines().filter(line -> line.startsWith("latency average"))
                .findFirst().orElse("latency average = ?");
        String section = String.join("\n",
                BEGIN,
                String.format(Locale.ROOT, "Measured %s on %d cores, %s %s, PostgreSQL at %s:%d (%s), with "
                                + "`./bacmr bench billing`.",
                        LocalDate.now(), Runtime.getRuntime().availableProcessors(),
                        System.getProperty("java.vm.name"), System.getProperty("java.version"), TestPostgres.host(),
                        TestPostgres.port(), postgresVersion()),
                "",
                "- **HTTP**: the packaged service (`java -Xmx512m -jar quarkus-run.jar`) on a fresh database, " + CLIENTS
                        + " concurrent clients (asynchronous loops on one Vert.x event loop in the benchmark JVM, one "
                        + "keep-alive HTTP/1.1 connection each), each on its own wallet, each looping `POST "
                        + "/internal/v1/reservations` (10 credits) then `POST …/{id}/finalize` (7) with a service JWT, for "
                        + SECONDS + " s after a " + WARM_UP_SECONDS + " s warm-up.",
                "- **In-process**: right after, in the benchmark JVM, " + CLIENTS + " concurrent closed loops (own "
                        + "wallets) calling `ReservationService.reserve` then `finalize` — the service's own classes, "
                        + "SQL, row-level-security caller binding and stored idempotent responses, on a reactive pool "
                        + "configured as the service's (16 connections as the app role, prepared statements cached) to "
                        + "the same database; no HTTP, JWT, JSON parsing or bean validation. Same warm-up and duration.",
                "- **pgbench**: `pgbench -i` (scale 1) on a scratch database of the same server, then `pgbench -b "
                        + "tpcb-like -c " + CLIENTS + " -T " + SECONDS + "`, right after, in the same run.",
                "",
                "Everything (service, clients, PostgreSQL) shares the machine's cores.",
                "",
                "| measure | HTTP | in-process |",
                "|---|---|---|",
                String.format(Locale.ROOT, "| reserve+finalize pairs/s (%d clients) | %.1f | %.1f |", CLIENTS,
                        billing.pairsPerSecond(), direct.pairsPerSecond()),
                String.format(Locale.ROOT, "| pair latency p50 / p99 | %.1f ms / %.1f ms | %.1f ms / %.1f ms |",
                        billing.p50(), billing.p99(), direct.p50(), direct.p99()),
                String.format(Locale.ROOT, "| pairs measured, errors | %d, %d | %d, %d |", billing.pairs(),
                        billing.errors(), direct.pairs(), direct.errors()),
                String.format(Locale.ROOT, "| CPU per pair: service JVM / PostgreSQL backends of the database / "
                                + "benchmark JVM | %.2f / %.2f / %.2f ms | %.2f / %.2f / %.2f ms |",
                        cpu.serviceMs() / billing.pairs(), cpu.postgresMs() / billing.pairs(),
                        cpu.clientMs() / billing.pairs(), directCpu.serviceMs() / direct.pairs(),
                        directCpu.postgresMs() / direct.pairs(), directCpu.clientMs() / direct.pairs()),
                String.format(Locale.ROOT, "| pairs/s ÷ pgbench tps (target ≥ 0.5×) | %.2f× | %.2f× |",
                        billing.pairsPerSecond() / pgbenchTps, direct.pairsPerSecond() / pgbenchTps),
                "",
                "| measure | value |",
                "|---|---|",
                "| machine load average (1 min) before → after: HTTP run \\| in-process run \\| pgbench | " + load + " |",
                String.format(Locale.ROOT, "| pgbench tpcb-like tps (%d clients) | %.1f (%s) |", CLIENTS, pgbenchTps,
                        latency),
                String.format(Locale.ROOT, "| invariant violations after the run (auditor, reconciliation drift) | %d, %d "
                        + "(over %d reservations) |", violations, drift, reservations),
                END);
        BenchmarkReport.writeSection(report, BEGIN, END, "## Billing reservations", section);
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

    /** Other work on the machine takes cores from the service, the clients and PostgreSQL alike: say how much. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
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
