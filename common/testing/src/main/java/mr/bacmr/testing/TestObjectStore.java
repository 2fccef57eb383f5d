package mr.bacmr.testing;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * An S3-compatible server for tests: S3Proxy over a temporary folder, started once per JVM as a child process
 * (its Guice clashes with the one on Quarkus' test class path), stopped when the JVM exits.
 */
public final class TestObjectStore {

    public static final String ACCESS_KEY = "bacmr-test-access";
    public static final String SECRET_KEY = "bacmr-test-secret-key";
    public static final String BUCKET = "bacmr-test";
    public static final String REGION = "us-east-1";

    private static final String PROPERTY = "bacmr.test.s3.endpoint";

    public static synchronized String endpoint() {
        String running = System.getProperty(PROPERTY);
        if (running != null) {
            return running;
        }
        String started = start();
        System.setProperty(PROPERTY, started);
        return started;
    }

    private static String start() {
        try {
            Path jar = Path.of(System.getProperty("bacmr.s3proxy.jar", defaultJar()));
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("S3Proxy jar not found at " + jar + "; build common/testing first");
            }
            Path folder = Files.createTempDirectory("bacmr-s3-");
            Files.createDirectories(folder.resolve("data").resolve(BUCKET));
            int port = freePort();
            Path config = folder.resolve("s3proxy.properties");
            Files.writeString(config, String.join("\n",
                    "s3proxy.endpoint=http://127.0.0.1:" + port,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + ACCESS_KEY,
                    "s3proxy.credential=" + SECRET_KEY,
                    "jclouds.provider=filesystem",
                    "jclouds.identity=" + ACCESS_KEY,
                    "jclouds.credential=" + SECRET_KEY,
                    "jclouds.filesystem.basedir=" + folder.resolve("data"),
                    ""));
            ProcessBuilder builder = new ProcessBuilder(List.of(javaBinary(), "-Xmx256m", "-jar", jar.toString(),
                    "--properties", config.toString()));
            builder.environment().put("LOG_LEVEL", "warn");
            builder.redirectErrorStream(true).redirectOutput(folder.resolve("s3proxy.log").toFile());
            Process process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "test-s3-shutdown"));
            await("S3Proxy on port " + port).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("S3Proxy exited: " + Files.readString(folder.resolve("s3proxy.log")));
                        }
                        return answers(port);
                    });
            return "http://127.0.0.1:" + port;
        } catch (IOException e) {
            throw new IllegalStateException("could not start S3Proxy", e);
        }
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String defaultJar() {
        return System.getProperty("user.home") + File.separator + ".m2/repository/org/gaul/s3proxy/2.6.0/"
                + "s3proxy-2.6.0-jar-with-dependencies.jar";
    }

    private TestObjectStore() {
    }
}
