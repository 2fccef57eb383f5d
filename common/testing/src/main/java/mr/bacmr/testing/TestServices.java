package mr.bacmr.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.awaitility.Awaitility.await;

/**
 * Another BacMR service, for real, next to the one under test: its packaged {@code quarkus-run.jar} (built earlier in
 * the same reactor) runs as a child process on a free port, against a fresh database, the test JVM's Kafka broker,
 * the test S3 server and the test JWT key. One instance per service and JVM; stopped, and its database dropped, when
 * the JVM exits. This is how retrieval talks to the real billing and ingestion services in its tests.
 */
public final class TestServices {

    private static final Map<String, RunningService> RUNNING = new ConcurrentHashMap<>();

    /** A started service: its base URL, its database and its log file. */
    public record RunningService(String name, String url, String database, Path log, Process process) {

        public void stop() {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            TestPostgres.dropDatabase(database);
        }
    }

    /** Starts {@code service} (e.g. {@code "billing-service"}) once per JVM, or returns the running one. */
    public static RunningService start(String service) {
        return start(service, Map.of());
    }

    /** Like {@link #start(String)}, with extra config (system properties) for the first start. */
    public static RunningService start(String service, Map<String, String> extraConfig) {
        return RUNNING.computeIfAbsent(service, name -> launch(name, extraConfig));
    }

    private static RunningService launch(String service, Map<String, String> extraConfig) {
        Path jar = repoRoot().resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package " + service + " first (mvn package -pl " + service
                    + "), or run the whole build, which packages it before the modules that test against it");
        }
        String shortName = service.replace("-service", "");
        String database = TestPostgres.createDatabase(shortName);
        try {
            int port = freePort();
            Map<String, String> config = new LinkedHashMap<>();
            config.put("quarkus.http.port", String.valueOf(port));
            config.putAll(BacmrTestInfrastructure.configFor(database));
            config.put("quarkus.log.console.json.enabled", "false");
            config.putAll(extraConfig);

            List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m"));
            config.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.addAll(List.of("-jar", jar.toString()));

            Path logs = Files.createDirectories(Path.of("target", "test-logs"));
            Path log = logs.resolve(service + ".child.log").toAbsolutePath();
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            RunningService running = new RunningService(service, "http://127.0.0.1:" + port, database, log, process);
            Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "test-" + shortName + "-shutdown"));
            awaitReady(running);
            return running;
        } catch (IOException e) {
            TestPostgres.dropDatabase(database);
            throw new IllegalStateException("could not start " + service, e);
        }
    }

    private static void awaitReady(RunningService service) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(service.url() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        await(service.name() + " ready at " + service.url()).atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!service.process().isAlive()) {
                        throw new IllegalStateException(service.name() + " exited; its log, " + service.log() + ":\n"
                                + tail(service.log()));
                    }
                    try {
                        return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    } catch (IOException e) {
                        return false;
                    }
                });
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** The repository root: set by the parent pom's surefire config, else the module's parent directory. */
    static Path repoRoot() {
        String configured = System.getProperty("bacmr.repo.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of("").toAbsolutePath().getParent();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private TestServices() {
    }
}
