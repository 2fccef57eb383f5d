package mr.bacmr.retrieval.bench;

import com.sun.net.httpserver.HttpServer;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import mr.bacmr.testing.TestJwt;
import mr.bacmr.testing.TestPostgres;

/**
 * Paired A/B runs of the search load: two services (a JVM and its options each) on copies of one kept benchmark
 * index, loaded in turn (A B, B A, ...) at 64 clients, so both see the same host. This machine's speed drifts by
 * ±15 % between runs minutes apart, more than most changes to measure; alternating rounds cancel the drift, and the
 * service's own CPU per search (its process CPU time over the requests it answered) does not count wrk's share.
 * Run with {@code ./bacmr bench retrieval-compare DIR} and COMPARE_A_JAVA / COMPARE_A_OPTS / COMPARE_B_JAVA /
 * COMPARE_B_OPTS (a JAVA_HOME and space-separated JVM options; defaults: this JVM, no options). Prints its table.
 * {@code -Dcompare.index-b=DIR} gives B another kept index (another vector storage, say) instead of a copy of A's;
 * {@code -Dcompare.jar-b=PATH} runs B from another build's {@code quarkus-run.jar} (a build-time setting changed, say).
 */
public final class SearchLoadComparison {

    private record Side(String name, String javaHome, String opts) {

        static Side of(String name) {
            String prefix = "COMPARE_" + name + "_";
            return new Side(name, System.getenv().getOrDefault(prefix + "JAVA", System.getProperty("java.home")),
                    System.getenv().getOrDefault(prefix + "OPTS", "").strip());
        }
    }

    private record Round(String side, ServiceProbe.Phase phase) {

        WrkLoad.Result load() {
            return phase.load();
        }

        double cpuMicrosPerSearch() {
            return phase.cpuMsPerRequest() * 1000;
        }
    }

    public static void main(String[] args) throws Exception {
        Path index = Path.of(args[0]);
        int rounds = Integer.getInteger("compare.rounds", 6);
        int clients = Integer.getInteger("compare.clients", 64);
        Duration length = Duration.ofSeconds(Integer.getInteger("compare.seconds", 20));
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        Path jarB = Path.of(System.getProperty("compare.jar-b", jar.toString()));
        List<Side> sides = List.of(Side.of("A"), Side.of("B"));
        // each service opens its own index writer: B searches a copy (of A's index, or of compare.index-b)
        Path copy = Files.createTempDirectory("bacmr-compare-index-");
        try (var files = Files.list(Path.of(System.getProperty("compare.index-b", index.toString())))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (!file.getFileName().toString().equals("write.lock")) {
                    Files.copy(file, copy.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        // the HTTP queries of RetrievalBenchmark: the first 200 topic texts of its seed
        SplittableRandom random = new SplittableRandom(42);
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            queries.add(RetrievalBenchmark.query(random));
        }
        HttpServer texts = RetrievalBenchmark.textServer();
        HttpClient http = HttpClient.newHttpClient();
        String token = TestJwt.token("bench-user", "student", "premium");
        List<Process> services = new ArrayList<>();
        List<String> databases = new ArrayList<>();
        List<String> bases = new ArrayList<>();
        List<ServiceProbe> probes = new ArrayList<>();
        List<Round> results = new ArrayList<>();
        try {
            for (int s = 0; s < sides.size(); s++) {
                Side side = sides.get(s);
                String database = TestPostgres.createDatabase("retrievalcompare" + side.name().toLowerCase(Locale.ROOT));
                databases.add(database);
                int port = RetrievalBenchmark.freePort();
                Process service = RetrievalBenchmark.startService(side.javaHome(), side.opts(), s == 0 ? jar : jarB,
                        s == 0 ? index : copy, database, port, texts.getAddress().getPort(),
                        Path.of("target", "retrieval-compare-" + side.name() + ".log"));
                services.add(service);
                RetrievalBenchmark.awaitLive(http, port, service);
                bases.add("http://127.0.0.1:" + port);
                probes.add(new ServiceProbe(service, http, bases.get(s)));
                System.out.printf("%s listens on %s (pid %d)%n", side.name(), bases.get(s), service.pid());
            }
            for (int s = 0; s < sides.size(); s++) {
                String base = bases.get(s);
                Duration warmed = probes.get(s).warmUp(() -> WrkLoad.post(base + "/v1/search", token, queries, false,
                        16, RetrievalBenchmark.WARM_UP_SLICE), RetrievalBenchmark.WARM_UP, RetrievalBenchmark.WARM_UP_MAX);
                System.out.printf("%s warmed up in %d s%n", sides.get(s).name(), warmed.toSeconds());
            }
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < sides.size(); k++) {
                    int s = (r % 2 == 0) ? k : sides.size() - 1 - k;
                    String base = bases.get(s);
                    Round round = new Round(sides.get(s).name(), probes.get(s).measure(
                            () -> WrkLoad.post(base + "/v1/search", token, queries, false, clients, length)));
                    results.add(round);
                    System.out.printf(Locale.ROOT, "round %d %s: %.0f searches/s, p50 %.1f ms, p99 %.1f ms, %.0f µs "
                                    + "CPU/search, wait for a search thread p99 %s ms, on one p99 %s ms%n", r + 1,
                            round.side(), round.load().perSecond(), round.load().p50(), round.load().p99(),
                            round.cpuMicrosPerSearch(), round.phase().waitP99(), round.phase().runP99());
                }
            }
        } finally {
            services.forEach(Process::destroy);
            for (Process service : services) {
                service.waitFor();
            }
            texts.stop(0);
            databases.forEach(TestPostgres::dropDatabase);
            RetrievalBenchmark.deleteRecursively(copy);
        }
        System.out.printf("%n%d clients, %d rounds of %d s each%n", clients, rounds, length.toSeconds());
        System.out.println("| side | JVM | options | searches/s (median, range) | p99 ms (median, range) | service CPU µs/search (median) | rounds p99 ≤ 50 ms |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Side side : sides) {
            List<Round> own = results.stream().filter(round -> round.side().equals(side.name())).toList();
            double[] rate = own.stream().mapToDouble(round -> round.load().perSecond()).sorted().toArray();
            double[] p99 = own.stream().mapToDouble(round -> round.load().p99()).sorted().toArray();
            double[] cpu = own.stream().mapToDouble(Round::cpuMicrosPerSearch).sorted().toArray();
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %.0f (%.0f–%.0f) | %.1f (%.1f–%.1f) | %.0f | %d of %d |%n",
                    side.name(), side.javaHome(), side.opts().isEmpty() ? "-" : "`" + side.opts() + "`",
                    median(rate), rate[0], rate[rate.length - 1], median(p99), p99[0], p99[p99.length - 1], median(cpu),
                    Arrays.stream(p99).filter(v -> v <= 50).count(), p99.length);
        }
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
