package mr.bacmr.ingestion;

import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import mr.bacmr.ingestion.client.ObjectStore;
import mr.bacmr.ingestion.domain.JobWorker;
import mr.bacmr.testing.TestJwt;

import static io.restassured.RestAssured.given;

/** Test helpers over the real object store, API and database. */
@ApplicationScoped
public class IngestionFixtures {

    public static final String TEACHER = "teacher-1";
    static final Duration DB = Duration.ofSeconds(30);

    private final ObjectStore objectStore;
    private final JobWorker worker;
    private final Pool pool;

    public IngestionFixtures(ObjectStore objectStore, JobWorker worker, Pool pool) {
        this.objectStore = objectStore;
        this.worker = worker;
        this.pool = pool;
    }

    public static String teacherToken() {
        return TestJwt.token(TEACHER, "teacher", "premium");
    }

    public static byte[] resource(String name) {
        try (InputStream in = IngestionFixtures.class.getResourceAsStream("/corpus/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource corpus/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same PDF with a unique comment after its end: other bytes (another file id), same content. */
    public static byte[] unique(byte[] pdf) {
        byte[] trailer = ("\n% " + UUID.randomUUID() + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] copy = java.util.Arrays.copyOf(pdf, pdf.length + trailer.length);
        System.arraycopy(trailer, 0, copy, pdf.length, trailer.length);
        return copy;
    }

    /** A file of the shared corpus (../shared/corpus), when this checkout has it next to it. */
    public static Optional<byte[]> sharedCorpus(String relative) {
        Path base = mr.bacmr.ingestion.testing.Corpus.dir();
        if (base == null || !Files.isRegularFile(base.resolve(relative))) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(base.resolve(relative)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Puts bytes where a teacher's presigned upload would have put them. */
    public String upload(byte[] bytes) {
        String key = "uploads/" + TEACHER + "/" + UUID.randomUUID() + ".pdf";
        objectStore.put(key, bytes, "application/pdf");
        return key;
    }

    public Response register(String objectKey, String title) {
        return given().auth().oauth2(teacherToken()).contentType("application/json")
                .body(Map.of("object_key", objectKey, "title", title, "subject", "test", "level", "2AS"))
                .when().post("/v1/documents");
    }

    /** Uploads, registers (expecting a new document) and runs the worker until the queue is empty. */
    public UUID ingest(byte[] bytes, String title) {
        Response response = register(upload(bytes), title);
        response.then().statusCode(202);
        UUID id = UUID.fromString(response.path("document.id"));
        drain();
        return id;
    }

    public int drain() {
        return worker.drain();
    }

    public long count(String sql, Object... args) {
        return pool.preparedQuery(sql).execute(Tuple.from(args)).await().atMost(DB).iterator().next().getLong(0);
    }

    public List<String> strings(String sql, Object... args) {
        List<String> values = new ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.from(args)).await().atMost(DB).forEach(row -> values.add(row.getString(0)));
        return values;
    }

    public void execute(String sql, Object... args) {
        pool.preparedQuery(sql).execute(Tuple.from(args)).await().atMost(DB);
    }

    public Pool pool() {
        return pool;
    }

    public ObjectStore objectStore() {
        return objectStore;
    }

    public String workerId() {
        return worker.workerId();
    }
}
