package mr.bacmr.ingestion.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import mr.bacmr.ingestion.IngestionFixtures;
import mr.bacmr.ingestion.store.JobStore;
import mr.bacmr.testing.BacmrTestInfrastructure;
import mr.bacmr.testing.TestJwt;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ingestion pipeline end to end on real PDFs, the real object store, Postgres and the bundled model. */
@QuarkusTest
@WithTestResource(value = BacmrTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "ingestion"))
class IngestionPipelineTests {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String PRESENTATION_FORMS = "[\\uFB50-\\uFDFF\\uFE70-\\uFEFF]";

    @Inject
    IngestionFixtures fixtures;
    @Inject
    JobStore jobs;
    @Inject
    ObjectMapper mapper;

    @Test
    void ingestsTheArabicTextbookIntoCleanLogicalOrderChunks() throws Exception {
        byte[] pdf = IngestionFixtures.sharedCorpus("pdf-ar/ipn-2as-education-civique.pdf").orElse(null);
        Assumptions.assumeTrue(pdf != null, "../shared/corpus/pdf-ar/ipn-2as-education-civique.pdf is absent (no licence "
                + "to copy it here): skipping the Arabic textbook test");
        UUID document = fixtures.ingest(pdf, "Éducation civique 2AS");

        assertEquals("COMPLETED", status(document));
        long chunks = fixtures.count("SELECT count(*) FROM chunks WHERE document_id = $1", document);
        assertTrue(chunks > 30, "chunks: " + chunks);
        assertEquals(66L, fixtures.count("SELECT page_count FROM documents WHERE id = $1", document));
        assertEquals(0L, fixtures.count("SELECT count(*) FROM chunks WHERE document_id = $1 AND text ~ $2",
                document, PRESENTATION_FORMS), "no presentation form is left");
        assertEquals(0L, fixtures.count("SELECT count(*) FROM chunks WHERE document_id = $1 AND language = 'ar' "
                + "AND token_count > 384", document), "Arabic chunks stay within 384 tokens");
        String page13 = String.join(" ", fixtures.strings(
                "SELECT text FROM chunks WHERE document_id = $1 AND page = 13 ORDER BY chunk_index", document));
        // Read on page 13 rendered with pdftoppm: a justified line that comes out in reading order.
        assertTrue(page13.replaceAll("\\s+", " ").contains("الوطن هو تلك البقعة من الأرض التي ارتبط بها تاريخ الفرد ومجده"),
                page13);
        assertEquals(chunks, fixtures.count("SELECT count(*) FROM embedding_refs r JOIN chunks c ON c.id = r.chunk_id "
                + "WHERE c.document_id = $1 AND r.status = 'PUBLISHED'", document));
        assertChunkEventsAreLight(document, chunks);
    }

    @Test
    void reingestingIdenticalBytesCreatesNoNewChunkVectorOrEvent() {
        byte[] pdf = IngestionFixtures.unique(IngestionFixtures.resource("habibi.pdf"));
        UUID first = fixtures.ingest(pdf, "Habibi");
        List<String> chunkIds = chunkIds(first);
        assertTrue(!chunkIds.isEmpty());
        long refs = fixtures.count("SELECT count(*) FROM embedding_refs");
        long events = fixtures.count("SELECT count(*) FROM outbox");

        fixtures.register(fixtures.upload(pdf), "Habibi again").then().statusCode(200);
        fixtures.drain();
        assertEquals(events, fixtures.count("SELECT count(*) FROM outbox"), "no new event");
        assertEquals(refs, fixtures.count("SELECT count(*) FROM embedding_refs"), "no new vector");
        assertEquals(chunkIds, chunkIds(first), "no new chunk");

        // A wipe (the document deleted) then the same bytes again: the same chunk ids.
        given().auth().oauth2(TestJwt.token("admin-1", "admin", "premium")).when().delete("/v1/documents/" + first)
                .then().statusCode(204);
        assertEquals(0L, fixtures.count("SELECT count(*) FROM chunks WHERE document_id = $1", first));
        assertEquals((long) chunkIds.size(), fixtures.count("SELECT count(*) FROM outbox WHERE msg_key = ANY($1) "
                + "AND envelope IS NULL", (Object) chunkIds.toArray(String[]::new)), "one tombstone per chunk");
        UUID second = fixtures.ingest(pdf, "Habibi reborn");
        assertEquals(chunkIds, chunkIds(second));
    }

    @Test
    void everyTransitionIsAuditedAndIllegalOnesAreRefused() {
        UUID document = fixtures.ingest(IngestionFixtures.unique(IngestionFixtures.resource("Seige_of_Vicksburg_Sample_OCR.pdf")),
                "Vicksburg");
        UUID job = jobOf(document);
        assertEquals(List.of("PENDING", "EXTRACTING", "CHUNKING", "EMBEDDING", "PUBLISHING", "COMPLETED"),
                fixtures.strings("SELECT to_state FROM ingestion_audit WHERE job_id = $1 ORDER BY id", job));
        assertEquals(List.of(fixtures.workerId()), fixtures.strings(
                "SELECT DISTINCT worker FROM ingestion_audit WHERE job_id = $1 AND worker IS NOT NULL", job));

        RuntimeException illegal = assertThrows(RuntimeException.class,
                () -> fixtures.execute("UPDATE ingestion_jobs SET state = 'EXTRACTING' WHERE id = $1", job));
        assertTrue(illegal.getMessage().contains("illegal job transition COMPLETED -> EXTRACTING"), illegal.getMessage());

        given().auth().oauth2(IngestionFixtures.teacherToken()).when().get("/v1/jobs/" + job).then().statusCode(200)
                .body("job.state", equalTo("COMPLETED"))
                .body("job.pages_done", equalTo(6))
                .body("job.pages_total", equalTo(6))
                .body("transitions.size()", equalTo(6));
        String stream = given().auth().oauth2(IngestionFixtures.teacherToken()).accept("text/event-stream")
                .when().get("/v1/jobs/" + job + "/events").then().statusCode(200).extract().asString();
        assertTrue(stream.contains("\"state\":\"COMPLETED\""), stream);
    }

    @Test
    void aJobWhoseWorkerDiedIsFinishedByAnotherWithoutDuplicates() throws Exception {
        String key = fixtures.upload(IngestionFixtures.unique(IngestionFixtures.resource("Seige_of_Vicksburg_Sample_OCR.pdf")));
        UUID document = UUID.fromString(fixtures.register(key, "Vicksburg (crash)").then().statusCode(202)
                .extract().path("document.id"));
        UUID job = jobOf(document);

        // A worker claims the job, gets to CHUNKING and dies: its lease runs out.
        ClaimedJob claimed = jobs.claim("dead-worker", Duration.ofMinutes(5)).await().atMost(WAIT).orElseThrow();
        assertEquals(job, claimed.id());
        assertTrue(fixtures.pool().withTransaction(tx -> jobs.advance(tx, job, "dead-worker", JobState.EXTRACTING,
                JobState.CHUNKING, Duration.ofMinutes(5))).await().atMost(WAIT));
        fixtures.execute("UPDATE ingestion_jobs SET lease_until = now() - interval '1 second' WHERE id = $1", job);

        fixtures.drain();
        assertEquals("COMPLETED", status(document));
        List<String> states = fixtures.strings("SELECT to_state FROM ingestion_audit WHERE job_id = $1 ORDER BY id", job);
        assertEquals(List.of("PENDING", "EXTRACTING", "CHUNKING", "FAILED", "EXTRACTING", "CHUNKING", "EMBEDDING",
                "PUBLISHING", "COMPLETED"), states);
        assertTrue(fixtures.strings("SELECT error FROM ingestion_audit WHERE job_id = $1 AND to_state = 'FAILED'", job)
                .get(0).contains("lease of dead-worker expired"));
        long chunks = fixtures.count("SELECT count(*) FROM chunks WHERE document_id = $1", document);
        assertTrue(chunks > 0);
        assertEquals(chunks, fixtures.count("SELECT count(DISTINCT msg_key) FROM outbox WHERE event_type = 'chunk.upserted' "
                + "AND envelope->'payload'->>'document_id' = $1", document.toString()));
        assertEquals(chunks, fixtures.count("SELECT count(*) FROM outbox WHERE event_type = 'chunk.upserted' "
                + "AND envelope->'payload'->>'document_id' = $1", document.toString()), "no chunk published twice");
        assertChunkEventsAreLight(document, chunks);
    }

    @Test
    void adminsCancelAndRetryJobs() throws Exception {
        String admin = TestJwt.token("admin-1", "admin", "premium");
        String key = fixtures.upload(IngestionFixtures.unique(IngestionFixtures.resource("habibi.pdf")));
        UUID document = UUID.fromString(fixtures.register(key, "Habibi (cancel)").then().statusCode(202)
                .extract().path("document.id"));
        UUID job = jobOf(document);

        given().auth().oauth2(admin).when().post("/v1/admin/jobs/" + job + "/cancel").then().statusCode(200)
                .body("state", equalTo("CANCELLED"));
        fixtures.drain();
        assertEquals("CANCELLED", jobState(job), "a cancelled job is not run");
        given().auth().oauth2(admin).when().post("/v1/admin/jobs/" + job + "/cancel").then().statusCode(409)
                .body("type", equalTo("https://bacmr.mr/problems/job-state-conflict"));

        given().auth().oauth2(admin).when().post("/v1/admin/jobs/" + job + "/retry").then().statusCode(200)
                .body("state", equalTo("PENDING")).body("attempt", equalTo(0));
        fixtures.drain();
        assertEquals("COMPLETED", jobState(job));
        given().auth().oauth2(admin).when().post("/v1/admin/jobs/" + job + "/retry").then().statusCode(409);
        given().auth().oauth2(IngestionFixtures.teacherToken()).when().post("/v1/admin/jobs/" + job + "/retry")
                .then().statusCode(403);
        given().auth().oauth2(admin).when().post("/v1/admin/jobs/" + UUID.randomUUID() + "/retry").then().statusCode(404);
    }

    @Test
    void aTransientFailureIsRetriedWithBackoffAndThenSucceeds() {
        byte[] copy = IngestionFixtures.unique(IngestionFixtures.resource("habibi.pdf"));
        String key = fixtures.upload(copy);
        UUID document = UUID.fromString(fixtures.register(key, "Habibi (flaky store)").then().statusCode(202)
                .extract().path("document.id"));
        UUID job = jobOf(document);

        fixtures.objectStore().delete(key); // the object store loses the file for a while
        fixtures.drain();
        assertEquals("FAILED", jobState(job));
        assertEquals(1L, fixtures.count("SELECT attempt FROM ingestion_jobs WHERE id = $1", job));
        assertEquals(1L, fixtures.count("SELECT count(*) FROM ingestion_jobs WHERE id = $1 AND next_run_at > updated_at", job),
                "the retry waits for its backoff");

        fixtures.objectStore().put(key, copy, "application/pdf");
        await().atMost(WAIT).until(() -> {
            fixtures.drain();
            return "COMPLETED".equals(jobState(job));
        });
        assertEquals(2L, fixtures.count("SELECT attempt FROM ingestion_jobs WHERE id = $1", job));
    }

    @Test
    void exhaustingAttemptsEndsDead() {
        String key = fixtures.upload(IngestionFixtures.unique(IngestionFixtures.resource("habibi.pdf")));
        UUID document = UUID.fromString(fixtures.register(key, "Habibi (gone)").then().statusCode(202)
                .extract().path("document.id"));
        UUID job = jobOf(document);
        fixtures.objectStore().delete(key);
        await().atMost(WAIT).until(() -> {
            fixtures.drain();
            return "DEAD".equals(jobState(job));
        });
        assertEquals(5L, fixtures.count("SELECT attempt FROM ingestion_jobs WHERE id = $1", job));
        assertEquals("FAILED", status(document));
    }

    @Test
    void everyBadPdfHasItsOwnClearOutcome() {
        UUID scan = fixtures.ingest(IngestionFixtures.unique(IngestionFixtures.resource("francais.pdf")), "Scan");
        assertEquals("COMPLETED", status(scan));
        long pages = fixtures.count("SELECT page_count FROM documents WHERE id = $1", scan);
        assertTrue(pages >= 1);
        assertEquals(pages, fixtures.count("SELECT needs_ocr_pages FROM documents WHERE id = $1", scan), "flagged, not dropped");
        assertEquals(pages, fixtures.count("SELECT count(*) FROM document_pages WHERE document_id = $1 AND needs_ocr", scan));
        given().auth().oauth2(IngestionFixtures.teacherToken()).when().get("/v1/documents/" + scan).then()
                .statusCode(200).body("needs_ocr_pages", equalTo((int) pages)).body("chunk_count", equalTo(0));

        assertDeadWith("c02-22.pdf", null);
        assertDeadWith("invalid.pdf", "corrupt");
        assertDeadWith("encrypted-file.pdf", "encrypted");
        assertDeadWith("libreoffice-writer-password.pdf", "encrypted");
    }

    private void assertDeadWith(String file, String reason) {
        UUID document = fixtures.ingest(IngestionFixtures.unique(IngestionFixtures.resource(file)), file);
        if (reason == null) { // a scan: completes with every page flagged
            assertEquals("COMPLETED", status(document), file);
            assertEquals(fixtures.count("SELECT page_count FROM documents WHERE id = $1", document),
                    fixtures.count("SELECT needs_ocr_pages FROM documents WHERE id = $1", document), file);
            return;
        }
        UUID job = jobOf(document);
        assertEquals("DEAD", jobState(job), file);
        assertEquals(1L, fixtures.count("SELECT attempt FROM ingestion_jobs WHERE id = $1", job), file + " is not retried");
        assertEquals("FAILED", status(document), file);
        String failure = fixtures.strings("SELECT failure FROM documents WHERE id = $1", document).get(0);
        assertTrue(failure.startsWith(reason + ":"), file + ": " + failure);
    }

    private void assertChunkEventsAreLight(UUID document, long chunks) throws Exception {
        List<String> envelopes = fixtures.strings("SELECT envelope::text FROM outbox WHERE event_type = 'chunk.upserted' "
                + "AND envelope->'payload'->>'document_id' = $1", document.toString());
        assertEquals(chunks, envelopes.size());
        for (String json : envelopes) {
            JsonNode envelope = mapper.readTree(json);
            ObjectNode payload = (ObjectNode) envelope.get("payload").deepCopy();
            assertTrue(payload.get("embedding").get("vector").size() == 384);
            payload.remove("text");
            ((ObjectNode) payload.get("embedding")).remove(List.of("vector", "windows"));
            int metadataBytes = mapper.writeValueAsString(payload).getBytes(StandardCharsets.UTF_8).length;
            assertTrue(metadataBytes < 1024, "vector metadata is " + metadataBytes + " bytes: " + payload);
        }
    }

    private List<String> chunkIds(UUID document) {
        return fixtures.strings("SELECT id FROM chunks WHERE document_id = $1 ORDER BY page, chunk_index", document);
    }

    private UUID jobOf(UUID document) {
        return UUID.fromString(fixtures.strings("SELECT id::text FROM ingestion_jobs WHERE document_id = $1", document).get(0));
    }

    private String jobState(UUID job) {
        return fixtures.strings("SELECT state FROM ingestion_jobs WHERE id = $1", job).get(0);
    }

    private String status(UUID document) {
        return fixtures.strings("SELECT status FROM documents WHERE id = $1", document).get(0);
    }
}
