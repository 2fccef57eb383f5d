package mr.bacmr.retrieval.bench;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import mr.bacmr.retrieval.domain.IndexQuery;
import mr.bacmr.retrieval.domain.IndexedChunk;
import mr.bacmr.retrieval.domain.RankFusion;
import mr.bacmr.retrieval.domain.SearchFilters;
import mr.bacmr.retrieval.index.LuceneChunkIndex;
import mr.bacmr.retrieval.index.VectorStorage;
import mr.bacmr.testing.BenchmarkReport;
import mr.bacmr.testing.TestJwt;
import mr.bacmr.testing.TestPostgres;

import static org.awaitility.Awaitility.await;

/**
 * Search latency and throughput over HTTP on an index of synthetic chunks (clustered unit vectors, Zipf-like words),
 * next to the same service's trivial endpoint (the framework's floor) and the raw in-process Lucene hybrid time.
 * The service is its packaged jar, run as a child process on this index; chunk text comes from a small local server
 * speaking ingestion's batchGet API (so text fetching and its cache are on the path, not ingestion's database).
 * Not a test: {@code ./bacmr bench retrieval} runs it and it rewrites its section of docs/benchmarks.md.
 */
public final class RetrievalBenchmark {

    static final String BEGIN = "<!-- retrieval-benchmark:begin -->";
    static final String END = "<!-- retrieval-benchmark:end -->";
    static final int DIMS = 384;
    /**
     * Real embeddings are clustered (texts about the same topic lie close together); uniformly random vectors are
     * HNSW's worst case, with no neighbourhood for the graph walk to exploit. So by default each chunk vector is one
     * of {@link #CENTROIDS} topic centroids (the model's vectors of random 3-word texts, the HTTP queries among
     * them) plus gaussian noise ({@link #NOISE} per dimension, which puts a
     * chunk at cosine ≈ 0.8 to its centroid, ≈ 0.6 to its siblings), normalised; in-process queries are drawn the same way.
     * {@code -Dbench.vectors=random} gives the uniformly random vectors of earlier runs.
     */
    static final boolean CLUSTERED = !"random".equals(System.getProperty("bench.vectors"));
    static final int CENTROIDS = 2_000;
    static final double NOISE = 0.04;
    static float[][] centroids;
    /** How the index keeps its HNSW vectors ({@code -Dbench.index-vectors=float32|int8}); the service is told the same. */
    static final VectorStorage STORAGE = VectorStorage.valueOf(
            System.getProperty("bench.index-vectors", VectorStorage.DEFAULT.name()).toUpperCase(Locale.ROOT));
    /** Segments the bulk-loaded index is merged down to before searches are measured ({@code -Dbench.segments}). */
    static final int MERGED_SEGMENTS = Integer.getInteger("bench.segments", 1);
    /** Load before anything is measured, so the service runs JIT-compiled code ({@code -Dbench.warmup} seconds). */
    static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("bench.warmup", 120));
    /** The longest warm-up when the JIT has not settled by {@link #WARM_UP} ({@code -Dbench.warmup-max} seconds). */
    static final Duration WARM_UP_MAX = Duration.ofSeconds(Integer.getInteger("bench.warmup-max", 300));
    /** One slice of warm-up load, after which the JIT's activity is checked. */
    static final Duration WARM_UP_SLICE = Duration.ofSeconds(10);
    static Duration warmedUp = WARM_UP;
    static String loadGenerator = "wrk";
    static boolean reusedIndex;
    /** BENCH_SERVICE_JAVA=JAVA_HOME and BENCH_SERVICE_OPTS="..." run the service on another JVM, with other flags. */
    static final String SERVICE_JAVA_HOME = System.getenv().getOrDefault("BENCH_SERVICE_JAVA", System.getProperty("java.home"));
    static final String SERVICE_OPTS = System.getenv().getOrDefault("BENCH_SERVICE_OPTS", "").strip();
    static final String[] WORDS = ("photosynthèse plante cellule énergie lumière eau carbone oxygène glucose feuille "
            + "racine tige fleur fruit graine sol minéral azote respiration mitochondrie noyau membrane protéine enzyme "
            + "révolution bastille monarchie république constitution citoyen droit loi pouvoir peuple nation guerre "
            + "paix traité empire colonie indépendance frontière fleuve désert sahel mauritanie nouakchott océan "
            + "atlantique climat pluie saison récolte élevage commerce marché monnaie prix dérivée fonction limite "
            + "intégrale équation théorème triangle cercle vecteur matrice probabilité statistique suite série "
            + "nombre entier réel complexe géométrie algèbre analyse physique force masse vitesse accélération onde "
            + "électricité courant tension résistance aimant chimie atome molécule réaction acide base solution")
            .split(" ");

    public static void main(String[] args) throws Exception {
        Path report = Path.of(args.length > 0 ? args[0] : "../docs/benchmarks.md");
        int chunks = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " missing: package retrieval-service first");
        }
        // -Dbench.index=DIR keeps the index there and reuses it on the next run (to iterate on the search path)
        String kept = System.getProperty("bench.index");
        Path dir = kept != null ? Files.createDirectories(Path.of(kept)) : Files.createTempDirectory("bacmr-bench-index-");
        // a kept index is reused only if it was built with the same text model
        Path textModelFile = dir.resolve("bench-text-model");
        String textModel = (NATURAL_TEXT ? "natural" : "content-zipf") + (STORAGE == VectorStorage.DEFAULT ? "" : " " + STORAGE);
        boolean reuse = kept != null && org.apache.lucene.index.DirectoryReader.indexExists(
                org.apache.lucene.store.FSDirectory.open(dir))
                && Files.isRegularFile(textModelFile) && Files.readString(textModelFile).equals(textModel);
        if (kept != null && !reuse) {
            deleteRecursively(dir);
            Files.createDirectories(dir);
            Files.writeString(textModelFile, textModel);
        }
        SplittableRandom random = new SplittableRandom(42);
        // topic centroids are the model's embeddings of short random texts, so the service's query vectors (the
        // same model on the same texts, first 200 of them) fall inside the clusters, as real queries do
        List<String> topics = new ArrayList<>(CENTROIDS);
        for (int c = 0; c < CENTROIDS; c++) {
            topics.add(query(random));
        }
        centroids = new float[CENTROIDS][];
        if (CLUSTERED) {
            var model = mr.bacmr.common.embedding.EmbeddingModels.create(
                    mr.bacmr.common.embedding.EmbeddingProviderConfig.inProcess());
            var embedded = model.embedAll(topics.stream().map(dev.langchain4j.data.segment.TextSegment::from).toList())
                    .content();
            for (int c = 0; c < CENTROIDS; c++) {
                centroids[c] = normalised(embedded.get(c).vector());
            }
        }

        long buildStart = System.nanoTime();
        List<String> ids = new ArrayList<>(chunks);
        double[] raw;
        double[] rawUnmerged;
        double buildSeconds;
        double compactSeconds;
        int segmentsAfterLoad;
        int segments;
        try (LuceneChunkIndex index = new LuceneChunkIndex(dir, "all-minilm-l6-v2-q", 1.0, 256, STORAGE)) {
            if (reuse) {
                reusedIndex = true;
                for (int i = 0; i < chunks; i++) {
                    ids.add(String.format("%064x", i));
                }
            } else {
                build(index, chunks, ids, random);
            }
            buildSeconds = (System.nanoTime() - buildStart) / 1e9;
            segmentsAfterLoad = index.segments();
            System.out.printf("indexed %d chunks in %.0f s: %d segments%n", chunks, buildSeconds, segmentsAfterLoad);
            rawUnmerged = rawHybrid(index, random, 1_000);
            System.out.printf("raw hybrid p50 %.2f ms p99 %.2f ms over %d segments%n", rawUnmerged[0], rawUnmerged[1],
                    segmentsAfterLoad);
            // every NRT refresh during the bulk load flushed a small segment, and kNN and BM25 run per segment:
            // merge down as an index that has been through its background merges (or a maintenance compact) would be
            long compactStart = System.nanoTime();
            index.compact(MERGED_SEGMENTS);
            compactSeconds = (System.nanoTime() - compactStart) / 1e9;
            segments = index.segments();
            raw = rawHybrid(index, random, 3_000);
            System.out.printf("compacted in %.0f s; raw hybrid p50 %.2f ms p99 %.2f ms over %d segments%n",
                    compactSeconds, raw[0], raw[1], segments);
        }
        HttpServer texts = textServer();
        String database = TestPostgres.createDatabase("retrievalbench");
        int port = freePort();
        Process service = startService(SERVICE_JAVA_HOME, SERVICE_OPTS, jar, dir, database, port,
                texts.getAddress().getPort(), Path.of("target", "retrieval-benchmark-service.log"));
        List<String> rows = new ArrayList<>();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            awaitLive(http, port, service);
            String token = TestJwt.token("bench-user", "student", "premium");
            List<String> queries = new ArrayList<>(topics.subList(0, 200));
            String base = "http://127.0.0.1:" + port;
            loadGenerator = WrkLoad.version();
            // JIT warm-up: with both cores busy serving, C2 compiles slowly (a method took seconds), and a service
            // measured too early still ran much of its search path interpreted or at C1 (2-3x slower)
            ServiceProbe probe = new ServiceProbe(service, http, base);
            warmedUp = probe.warmUp(() -> WrkLoad.post(base + "/v1/search", token, queries, false, 16, WARM_UP_SLICE),
                    WARM_UP, WARM_UP_MAX);
            // the search phases first, right after the warm-up that built their profile; the trivial endpoint, whose
            // phases set C2 compiling at 60+ % of a core, last
            for (int clients : new int[] {16, 64}) {
                rows.add(probe.row("`POST /v1/search` top_k 10, repeated queries (vector + text caches warm)", clients,
                        () -> WrkLoad.post(base + "/v1/search", token, queries, false, clients, Duration.ofSeconds(20))));
            }
            rows.add(probe.row("`POST /v1/search` top_k 10, every query new (embedded in process)", 16,
                    () -> WrkLoad.post(base + "/v1/search", token, queries, true, 16, Duration.ofSeconds(15))));
            for (int clients : new int[] {16, 64}) {
                rows.add(probe.row("trivial endpoint `GET /q/health/live`", clients,
                        () -> WrkLoad.get(base + "/q/health/live", clients, Duration.ofSeconds(10))));
            }
        } finally {
            service.destroy();
            service.waitFor();
            texts.stop(0);
            TestPostgres.dropDatabase(database);
            if (kept == null) {
                deleteRecursively(dir);
            }
        }
        write(report, chunks, buildSeconds, segmentsAfterLoad, rawUnmerged, compactSeconds, segments, raw, rows);
    }

    private static void build(LuceneChunkIndex index, int chunks, List<String> ids, SplittableRandom random)
            throws InterruptedException {
        UUID[] documents = new UUID[chunks / 100 + 1];
        for (int d = 0; d < documents.length; d++) {
            documents[d] = UUID.randomUUID();
        }
        for (int i = 0; i < chunks; i++) {
            ids.add(String.format("%064x", i));
        }
        Thread[] writers = new Thread[2];
        for (int w = 0; w < writers.length; w++) {
            int offset = w;
            SplittableRandom own = random.split();
            writers[w] = new Thread(() -> {
                for (int i = offset; i < chunks; i += writers.length) {
                    index.upsert(new IndexedChunk(ids.get(i), documents[i / 100], "Manuel " + (i / 100),
                            i % 2 == 0 ? "sciences" : "histoire", "7C", "fr", 1 + i % 300, 400,
                            text(own, CHUNK_WORDS), List.of(unitVector(own))));
                }
            });
            writers[w].start();
        }
        for (Thread writer : writers) {
            writer.join();
        }
        index.checkpoint(java.util.Map.of(0, (long) chunks));
        index.awaitVisible();
    }

    /** Raw hybrid time in process: BM25 top-50 + kNN top-50 + RRF, single thread; p50 and p99 in ms. */
    private static double[] rawHybrid(LuceneChunkIndex index, SplittableRandom random, int rounds) {
        RankFusion fusion = new RankFusion(RankFusion.DEFAULT_K);
        long[] nanos = new long[rounds];
        for (int i = -500; i < rounds; i++) {
            String query = query(random);
            float[] vector = unitVector(random);
            long start = System.nanoTime();
            index.hybrid(new IndexQuery(query, vector, SearchFilters.NONE, 50, 50), fusion, 10, 1.0);
            if (i >= 0) {
                nanos[i] = System.nanoTime() - start;
            }
        }
        Arrays.sort(nanos);
        return new double[] {nanos[rounds / 2] / 1e6, nanos[rounds * 99 / 100] / 1e6};
    }

    /** Ingestion's batchGet, answered from the synthetic corpus: a text per requested id. */
    static HttpServer textServer() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        Pattern id = Pattern.compile("\"([0-9a-f]{64})\"");
        server.createContext("/internal/v1/chunks:batchGet", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                Matcher ids = id.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                StringBuilder body = new StringBuilder("{\"chunks\":[");
                boolean first = true;
                while (ids.find()) {
                    SplittableRandom own = new SplittableRandom(ids.group(1).hashCode());
                    body.append(first ? "" : ",").append("{\"id\":\"").append(ids.group(1)).append("\",\"text\":\"")
                            .append(text(own, 300)).append("\"}");
                    first = false;
                }
                byte[] bytes = body.append("],\"missing\":[]}").toString().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "bench-text-server");
            thread.setDaemon(true);   // the benchmark's JVM must exit when it is done
            return thread;
        }));
        server.start();
        return server;
    }

    /** The packaged service on {@code javaHome} with {@code opts} (BENCH_SERVICE_JAVA and BENCH_SERVICE_OPTS by default). */
    static Process startService(String javaHome, String opts, Path jar, Path index, String database, int port,
            int textPort, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(javaHome, "bin", "java").toString(), "-Xmx1g"));
        String jfr = System.getProperty("bench.jfr"); // e.g. -Dbench.jfr=/tmp/retrieval.jfr to see where the time goes
        if (jfr != null) {
            command.add("-XX:StartFlightRecording=settings=profile,filename=" + jfr);
        }
        java.util.Map<String, String> config = new java.util.LinkedHashMap<>();
        config.put("quarkus.http.port", String.valueOf(port));
        config.put("quarkus.datasource.reactive.url", TestPostgres.reactiveUrl(database));
        config.put("quarkus.datasource.jdbc.url", TestPostgres.jdbcUrl(database));
        config.put("quarkus.datasource.username", TestPostgres.user());
        config.put("quarkus.datasource.password", TestPostgres.password());
        config.put("kafka.bootstrap.servers", "127.0.0.1:1");
        config.put("bacmr.kafka.provision-topics", "false");
        config.put("bacmr.outbox.enabled", "false");
        config.put("bacmr.retrieval.index.consumer-enabled", "false");
        config.put("bacmr.retrieval.index.path", index.toString());
        config.put("bacmr.retrieval.index.vectors", STORAGE.name().toLowerCase(Locale.ROOT));
        config.put("quarkus.rest-client.ingestion.url", "http://127.0.0.1:" + textPort);
        // the text calls carry a service token; without a signing key or a static token every call failed and the
        // breaker's half-open probes and the retry delay put ~100 ms on each search (and no text in the responses)
        config.put("bacmr.service-auth.token", TestJwt.token("retrieval-service", "service", "premium"));
        config.put("mp.jwt.verify.publickey.location", TestJwt.publicKeyFile());
        config.put("mp.jwt.verify.issuer", TestJwt.ISSUER);
        config.put("mp.jwt.verify.audiences", TestJwt.AUDIENCE);
        config.put("quarkus.log.level", "WARN");
        config.put("quarkus.log.console.json.enabled", "false");
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        if (!opts.isEmpty()) {   // after the defaults above, so a -D among them wins
            command.addAll(List.of(opts.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** How the service's JVM differs from the benchmark's, if it does. */
    private static String serviceJvm() {
        String opts = SERVICE_OPTS;
        boolean sameJava = SERVICE_JAVA_HOME.equals(System.getProperty("java.home"));
        if (sameJava && opts.isEmpty()) {
            return " The service runs on the same JVM, `-Xmx1g`.";
        }
        return String.format(" The service runs on `%s`, `-Xmx1g%s`.", SERVICE_JAVA_HOME, opts.isEmpty() ? "" : " " + opts);
    }

    static void awaitLive(HttpClient http, int port, Process service) {
        HttpRequest live = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/live")).build();
        await("the service's liveness").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!service.isAlive()) {
                        throw new IllegalStateException("the service exited: see its log under target/");
                    }
                    try {
                        return http.send(live, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    } catch (IOException e) {
                        return false; // not listening yet
                    }
                });
    }

    private static void write(Path report, int chunks, double buildSeconds, int segmentsAfterLoad, double[] rawUnmerged,
                              double compactSeconds, int segments, double[] raw, List<String> rows)
            throws IOException {
        StringBuilder section = new StringBuilder(BEGIN).append('\n');
        String vectors = CLUSTERED ? String.format(Locale.ROOT, "clustered: %,d centroids, the model's vectors of "
                + "query texts (the HTTP queries among them), + gaussian noise σ=%.3f per dimension,", CENTROIDS, NOISE)
                : "uniformly random";
        String storage = STORAGE == VectorStorage.INT8
                ? "kept int8 in the HNSW graph and hits rescored with their float vectors (the default)"
                : "kept float32 in the HNSW graph (`-Dbench.index-vectors=float32`)";
        String text = NATURAL_TEXT
                ? "French-like text, `-Dbench.words=natural`: 300 words per chunk, 41% French stop words, content "
                + "words from a Zipf–Mandelbrot law over 50,000, queries of three content words"
                : "`-Dbench.words=content-zipf`: 80 content words per chunk from a plain Zipf law over 50,000, "
                + "3-word queries from it";
        String built = reusedIndex
                ? String.format(Locale.ROOT, "the index kept by an earlier run with the same text model (%d segment(s))",
                        segments)
                : String.format(Locale.ROOT, "indexed in %.0f s (2 writer threads, NRT refreshes every second: %d "
                        + "segments), then force-merged to %d segment(s) in %.0f s", buildSeconds, segmentsAfterLoad,
                        segments, compactSeconds);
        section.append(String.format(Locale.ROOT, "Measured %s on %d cores, %s %s, with `./bacmr bench retrieval`: "
                        + "%,d synthetic chunks (%s unit %d-dim vectors, %s; %s), %s. Load generator: %s, closed loop (each "
                        + "client sends its next request when the previous one answered), on the same machine as the "
                        + "service, after a %d s warm-up at 16 clients (at least %d s, then until the service's JIT compiler "
                        + "threads used under %.0f %% of a core over %d s).%s%n%n", LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), chunks, vectors, DIMS, storage, text, built, loadGenerator,
                warmedUp.toSeconds(), WARM_UP.toSeconds(), ServiceProbe.SETTLED_COMPILER_PERCENT,
                WARM_UP_SLICE.toSeconds(), serviceJvm()));
        section.append(String.format(Locale.ROOT, "Raw in-process Lucene hybrid (BM25 top-50 + kNN top-50 + RRF, one "
                + "thread, no HTTP, on the benchmark's own JVM): p50 %.2f ms, p99 %.2f ms on %d segment(s)", raw[0], raw[1], segments));
        section.append(reusedIndex ? String.format(".%n%n") : String.format(Locale.ROOT, "; p50 %.2f ms, p99 %.2f ms on "
                + "the %d segments before the merge.%n%n", rawUnmerged[0], rawUnmerged[1], segmentsAfterLoad));
        section.append("Columns after the errors are the service's own view of each phase: its process CPU time per "
                + "request (wrk's share not counted), the CPU its JIT compiler threads used (recompiling after a change "
                + "of load), and the 99th percentile of a search's wait for a search thread "
                + "and of its time on one (`bacmr_search_queue_wait_seconds`, `bacmr_search_run_seconds`: the upper "
                + "bound of the histogram bucket holding it, so it can exceed wrk's p99). The last column is the load "
                + "generator's own CPU per request, taken from the same two cores.\n\n");
        section.append(ServiceProbe.HEADER);
        rows.forEach(row -> section.append(row).append('\n'));
        section.append(END);
        BenchmarkReport.writeSection(report, BEGIN, END, "## Retrieval search latency", section.toString());
    }

    /**
     * The text model ({@code -Dbench.words}). {@code natural} (default): French-like text, measured on the shared
     * corpus's French passages (service-public and PIAF, cut in 80-word windows): 41% of tokens are stop words, which
     * the analysers drop, and the most frequent content word is 0.8% of tokens, in 42% of windows. So each token is
     * a French stop word with probability {@link #STOPWORD_SHARE} (Zipf over them), else a content word from a
     * Zipf–Mandelbrot law (1 / (rank + 10)) over 50,000, whose head is ~1% of content tokens; chunks are 300 words
     * (a 512-token chunk); queries are three content words. {@code content-zipf}: the model of the first two
     * rounds, 80-word chunks of content words only under plain Zipf (the top word is 8.8% of tokens and in every
     * chunk, ten times real text), and 3-word queries from it: BM25's worst case, kept to compare.
     */
    static final boolean NATURAL_TEXT = !"content-zipf".equals(System.getProperty("bench.words"));
    static final int CHUNK_WORDS = NATURAL_TEXT ? 300 : 80;
    static final double STOPWORD_SHARE = 0.41;
    /** French function words, all in the French analyser's stop set (checked when the class loads). */
    static final String[] STOPWORDS = ("de la le et les des en un une du que pour qui dans par sur au pas ne se ce il "
            + "elle on sont avec sa ses leur aux ou mais nous vous ils cette ces était à").split(" ");

    static {
        for (String stop : STOPWORDS) {
            if (!org.apache.lucene.analysis.fr.FrenchAnalyzer.getDefaultStopSet().contains(stop)) {
                throw new IllegalStateException(stop + " is not a French stop word");
            }
        }
    }

    /** {@code words} words of the text model. */
    public static String text(SplittableRandom random, int words) {
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < words; w++) {
            text.append(w == 0 ? "" : " ").append(word(random));
        }
        return text.toString();
    }

    /** A query of the text model: three content words (natural), or three words of the content-only Zipf text. */
    public static String query(SplittableRandom random) {
        if (!NATURAL_TEXT) {
            return text(random, 3);
        }
        return contentWord(random) + " " + contentWord(random) + " " + contentWord(random);
    }

    static final int VOCABULARY = 50_000;
    private static final double HARMONIC = Math.log(VOCABULARY) + 0.5772;
    private static final double MANDELBROT_Q = 10;

    static String word(SplittableRandom random) {
        if (!NATURAL_TEXT) {
            int rank = (int) Math.min(VOCABULARY - 1, Math.floor(Math.exp(random.nextDouble() * HARMONIC)) - 1);
            return vocabulary(rank);
        }
        if (random.nextDouble() < STOPWORD_SHARE) {
            double harmonic = Math.log(STOPWORDS.length) + 0.5772;
            int rank = (int) Math.min(STOPWORDS.length - 1, Math.floor(Math.exp(random.nextDouble() * harmonic)) - 1);
            return STOPWORDS[Math.max(0, rank)];
        }
        return contentWord(random);
    }

    /** A content word: P(rank) ∝ 1 / (rank + q), sampled by inverting its continuous CDF. */
    static String contentWord(SplittableRandom random) {
        double span = Math.log((VOCABULARY + MANDELBROT_Q) / MANDELBROT_Q);
        int rank = (int) Math.floor(MANDELBROT_Q * Math.exp(random.nextDouble() * span) - MANDELBROT_Q);
        return vocabulary(Math.min(VOCABULARY - 1, Math.max(0, rank)));
    }

    private static String vocabulary(int rank) {
        return rank < WORDS.length ? WORDS[rank] : "mot" + Integer.toString(rank, 36);
    }

    /** A chunk's (or in-process query's) vector: near a random centroid, or uniformly random. */
    static float[] unitVector(SplittableRandom random) {
        if (!CLUSTERED) {
            return randomUnitVector(random);
        }
        float[] centroid = centroids[random.nextInt(CENTROIDS)];
        float[] v = new float[DIMS];
        double norm = 0;
        for (int i = 0; i < DIMS; i++) {
            v[i] = (float) (centroid[i] + gaussian(random) * NOISE);
            norm += v[i] * v[i];
        }
        for (int i = 0; i < DIMS; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    static float[] normalised(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    private static double gaussian(SplittableRandom random) {
        // Box–Muller; SplittableRandom has no nextGaussian on Java 17
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    static float[] randomUnitVector(SplittableRandom random) {
        float[] v = new float[DIMS];
        double norm = 0;
        for (int i = 0; i < DIMS; i++) {
            v[i] = (float) (random.nextDouble() * 2 - 1);
            norm += v[i] * v[i];
        }
        for (int i = 0; i < DIMS; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
