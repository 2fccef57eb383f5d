package mr.bacmr.retrieval.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the service itself saw during a load phase: its process CPU time per request, and the 99th percentile of its
 * searches' wait for a search thread and of their time on one, from the histograms in {@code /q/metrics} (the
 * difference of two scrapes). wrk's latency is the client's view; these say where it went.
 */
final class ServiceProbe {

    static final String HEADER = "| what | clients | p50 ms | p99 ms | requests/s | errors | service CPU ms/request "
            + "| JIT compiler threads, % of a core | wait for a search thread p99 ms | on a search thread p99 ms "
            + "| wrk CPU ms/request |\n"
            + "|---|---|---|---|---|---|---|---|---|---|---|\n";
    private static final Pattern BUCKET = Pattern.compile("^(\\w+)_bucket\\{.*le=\"([^\"]+)\".*\\} ([0-9.eE+-]+)$",
            Pattern.MULTILINE);

    interface Load {
        WrkLoad.Result run() throws IOException, InterruptedException;
    }

    private final Process service;
    private final HttpClient http;
    private final String base;

    ServiceProbe(Process service, HttpClient http, String base) {
        this.service = service;
        this.http = http;
        this.base = base;
    }

    /** What one load phase gave: wrk's figures and the service's own (p99s as text: "–" when nothing was recorded). */
    record Phase(WrkLoad.Result load, double cpuMsPerRequest, String compilerPercent, String waitP99, String runP99) {
    }

    /** Runs {@code load} and answers its table row. */
    String row(String what, int clients, Load load) throws IOException, InterruptedException {
        Phase phase = measure(load);
        WrkLoad.Result r = phase.load();
        String line = String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.0f | %d | %.2f | %s | %s | %s | %.3f |",
                what, clients, r.p50(), r.p99(), r.perSecond(), r.errors(), phase.cpuMsPerRequest(),
                phase.compilerPercent(), phase.waitP99(), phase.runP99(), r.cpuMsPerRequest());
        System.out.println(line);
        return line;
    }

    /** Runs {@code load} and reads what the service saw of it. */
    Phase measure(Load load) throws IOException, InterruptedException {
        String before = scrape();
        Duration cpuBefore = cpu();
        long compilerTicksBefore = compilerTicks();
        WrkLoad.Result r = load.run();
        Duration cpu = cpu().minus(cpuBefore);
        long compilerTicks = compilerTicks() - compilerTicksBefore;
        String after = scrape();
        return new Phase(r, cpu.toNanos() / 1e6 / Math.max(1, r.requests()),
                compilerTicksBefore < 0 ? "–"
                        : String.format(Locale.ROOT, "%.0f", compilerTicks / CLOCK_TICKS / r.seconds() * 100),
                p99(before, after, "bacmr_search_queue_wait_seconds"), p99(before, after, "bacmr_search_run_seconds"));
    }

    /** Compiler CPU, in % of a core over a warm-up slice, under which the service's JIT counts as settled. */
    static final double SETTLED_COMPILER_PERCENT = 5;

    /**
     * Loads the service with {@code slice} until its JIT has settled: at least {@code minimum}, then slice after slice
     * while its compiler threads used more than {@value #SETTLED_COMPILER_PERCENT} % of a core, up to {@code maximum}.
     * A fixed warm-up was enough on a fast host, but on a slow one C2 was still compiling the search path through the
     * measured phases (45–61 % of a core), which measured the compiler as much as the search. Answers the time spent.
     */
    Duration warmUp(Load slice, Duration minimum, Duration maximum) throws IOException, InterruptedException {
        long start = System.nanoTime();
        while (true) {
            long ticksBefore = compilerTicks();
            WrkLoad.Result r = slice.run();
            double percent = ticksBefore < 0 ? 0 : (compilerTicks() - ticksBefore) / CLOCK_TICKS / r.seconds() * 100;
            Duration spent = Duration.ofNanos(System.nanoTime() - start);
            System.out.printf(Locale.ROOT, "warm-up: %d s, JIT compiler threads %.0f %% of a core in the last slice%n",
                    spent.toSeconds(), percent);
            if (spent.compareTo(minimum) >= 0 && (percent <= SETTLED_COMPILER_PERCENT || spent.compareTo(maximum) >= 0)) {
                return spent;
            }
        }
    }

    /** Linux's USER_HZ, the unit of per-thread CPU times in /proc. */
    private static final double CLOCK_TICKS = 100;

    /**
     * CPU ticks the JVM's JIT compiler threads have used (Linux /proc; -1 elsewhere). On two cores a compiler thread
     * busy recompiling after a change of load takes CPU from the searches and leaves their code slower meanwhile.
     */
    private long compilerTicks() {
        Path tasks = Path.of("/proc", Long.toString(service.pid()), "task");
        if (!Files.isDirectory(tasks)) {
            return -1;
        }
        long ticks = 0;
        try (var threads = Files.list(tasks)) {
            for (Path thread : threads.toList()) {
                try {
                    if (Files.readString(thread.resolve("comm")).matches("(?s)C[12] Compiler.*")) {
                        String stat = Files.readString(thread.resolve("stat"));
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);   // utime, stime
                    }
                } catch (IOException gone) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return ticks;
    }

    private Duration cpu() {
        return service.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private String scrape() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/q/metrics")).header("Accept", "text/plain").build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The upper bound of the bucket holding the 99th percentile of what was recorded between the scrapes, in ms. */
    static String p99(String before, String after, String histogram) {
        Map<Double, Double> earlier = buckets(before, histogram);
        TreeMap<Double, Double> counts = new TreeMap<>();
        buckets(after, histogram).forEach((le, count) -> counts.put(le, count - earlier.getOrDefault(le, 0.0)));
        double total = counts.isEmpty() ? 0 : counts.lastEntry().getValue();
        if (total <= 0) {
            return "–";
        }
        for (Map.Entry<Double, Double> bucket : counts.entrySet()) {
            if (bucket.getValue() >= 0.99 * total) {
                return bucket.getKey().isInfinite() ? "> max" : String.format(Locale.ROOT, "%.1f", bucket.getKey() * 1000);
            }
        }
        return "–";
    }

    private static Map<Double, Double> buckets(String scrape, String histogram) {
        Map<Double, Double> buckets = new TreeMap<>();
        Matcher m = BUCKET.matcher(scrape);
        while (m.find()) {
            if (m.group(1).equals(histogram)) {
                double le = m.group(2).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(2));
                buckets.merge(le, Double.parseDouble(m.group(3)), Double::sum);
            }
        }
        return buckets;
    }
}
