package mr.bacmr.retrieval.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Closed-loop HTTP load from wrk (C, epoll, one thread per core): {@code clients} keep-alive connections, each sending
 * its next request when the previous one answered. The JDK HttpClient with a thread per client spent about as much
 * CPU as the service it measured on this 2-core machine, which halved what the service could show; wrk costs a
 * fraction of that. Percentiles are wrk's own (HdrHistogram, {@code --latency}).
 */
final class WrkLoad {

    /** One run's figures; {@code cpuSeconds} is wrk's own CPU time (user + system), NaN when it could not be read. */
    record Result(long requests, long errors, double seconds, double p50, double p99, double cpuSeconds) {

        double perSecond() {
            return requests / seconds;
        }

        /** wrk's CPU per request in ms: what the load generator took from the cores the service runs on. */
        double cpuMsPerRequest() {
            return cpuSeconds * 1000 / Math.max(1, requests);
        }
    }

    private WrkLoad() {
    }

    /** wrk's version line, for the report; fails when wrk is missing ({@code ./bacmr bench retrieval} installs it). */
    static String version() throws IOException, InterruptedException {
        Process wrk = new ProcessBuilder("wrk", "-v").redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        wrk.waitFor();
        return out.lines().findFirst().orElse("wrk").replaceAll("\\s*Copyright.*", "").strip();
    }

    /** GETs of {@code url}. */
    static Result get(String url, int clients, Duration duration) throws IOException, InterruptedException {
        return run(url, null, clients, duration);
    }

    /**
     * POSTs of JSON bodies to {@code url} with a bearer token: the bodies in turn, or, with {@code unique}, each made
     * new by a random word appended to its query (a cold query vector every time). Repeated requests are formatted once
     * per wrk thread, in its init, so wrk spends its CPU on sending and timing, not on building requests in Lua.
     */
    static Result post(String url, String token, List<String> queries, boolean unique, int clients, Duration duration)
            throws IOException, InterruptedException {
        StringBuilder lua = new StringBuilder()
                .append("wrk.method = \"POST\"\n")
                .append("wrk.headers[\"Content-Type\"] = \"application/json\"\n")
                .append("wrk.headers[\"Authorization\"] = \"Bearer ").append(token).append("\"\n")
                .append("local queries = {\n");
        for (String query : queries) {
            lua.append("  [==[").append(query.replace("\\", "\\\\").replace("\"", "\\\"")).append("]==],\n");
        }
        lua.append("}\n")
                .append("local function body(q) return '{\"query\":\"' .. q .. '\",\"top_k\":10}' end\n")
                .append("local requests = {}\n")
                // in init, which wrk calls once per thread after it has set the Host header
                .append("function init(args)\n")
                .append("  for i, q in ipairs(queries) do requests[i] = wrk.format(nil, nil, nil, body(q)) end\n")
                .append("end\n")
                .append("local n = 0\n")
                .append("function setup(thread) thread:set(\"offset\", math.random(1, #queries)) end\n")
                .append("function request()\n")
                .append("  n = n + 1\n")
                .append("  local i = ((n + (offset or 0)) % #queries) + 1\n")
                .append(unique
                        ? "  return wrk.format(nil, nil, nil, body(queries[i] .. \" x\" .. math.random(1, 1000000000)))\n"
                        : "  return requests[i]\n")
                .append("end\n");
        Path script = Files.createTempFile("bacmr-bench-", ".lua");
        try {
            Files.writeString(script, lua);
            return run(url, script, clients, duration);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static Result run(String url, Path script, int clients, Duration duration)
            throws IOException, InterruptedException {
        int threads = Math.min(clients, Runtime.getRuntime().availableProcessors());
        // through bash, whose `times` then prints wrk's CPU time (its children's line) after wrk's own output
        List<String> command = new ArrayList<>(List.of("bash", "-c", "wrk \"$@\"; status=$?; times; exit $status", "wrk",
                "-t" + threads, "-c" + clients,
                "-d" + duration.toSeconds() + "s", "--timeout", "10s", "--latency"));
        if (script != null) {
            command.addAll(List.of("-s", script.toString()));
        }
        command.add(url);
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed:\n" + out);
        }
        return parse(out, duration);
    }

    private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in ([\\d.]+)(us|ms|s|m)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET_ERRORS =
            Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    static Result parse(String out, Duration duration) {
        Matcher total = TOTAL.matcher(out);
        if (!total.find()) {
            throw new IllegalStateException("no totals in wrk's output:\n" + out);
        }
        long requests = Long.parseLong(total.group(1));
        double seconds = millis(total.group(2), total.group(3)) / 1000;
        long errors = 0;
        Matcher non2xx = NON_2XX.matcher(out);
        if (non2xx.find()) {
            errors += Long.parseLong(non2xx.group(1));
        }
        Matcher socket = SOCKET_ERRORS.matcher(out);
        if (socket.find()) {
            for (int g = 1; g <= 4; g++) {
                errors += Long.parseLong(socket.group(g));
            }
        }
        return new Result(requests, errors, seconds > 0 ? seconds : duration.toSeconds(), percentile(out, "50"),
                percentile(out, "99"), childCpuSeconds(out));
    }

    /** bash's {@code times}: the shell's user and system time on one line, then its children's (wrk's). */
    private static final Pattern TIMES = Pattern.compile("^(\\d+)m([\\d.]+)s (\\d+)m([\\d.]+)s$", Pattern.MULTILINE);

    private static double childCpuSeconds(String out) {
        Matcher times = TIMES.matcher(out);
        double cpu = Double.NaN;
        while (times.find()) { // the last line is the children's
            cpu = Integer.parseInt(times.group(1)) * 60 + Double.parseDouble(times.group(2))
                    + Integer.parseInt(times.group(3)) * 60 + Double.parseDouble(times.group(4));
        }
        return cpu;
    }

    private static double percentile(String out, String which) {
        Matcher m = Pattern.compile("^\\s+" + which + "%\\s+([\\d.]+)(us|ms|s|m)\\s*$", Pattern.MULTILINE).matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no p" + which + " in wrk's output:\n" + out);
        }
        return millis(m.group(1), m.group(2));
    }

    private static double millis(String value, String unit) {
        double v = Double.parseDouble(value);
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "us" -> v / 1000;
            case "ms" -> v;
            case "s" -> v * 1000;
            case "m" -> v * 60_000;
            default -> throw new IllegalArgumentException(unit);
        };
    }
}
