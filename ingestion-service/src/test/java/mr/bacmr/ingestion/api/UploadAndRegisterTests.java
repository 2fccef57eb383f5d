package mr.bacmr.ingestion.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import mr.bacmr.ingestion.IngestionFixtures;
import mr.bacmr.testing.BacmrTestInfrastructure;
import mr.bacmr.testing.TestJwt;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(value = BacmrTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "ingestion"))
class UploadAndRegisterTests {

    @Inject
    IngestionFixtures fixtures;

    @Test
    void aPresignedUrlTakesAPlainPutOfTheFileAndRegistersIt() throws Exception {
        byte[] pdf = IngestionFixtures.resource("habibi.pdf");
        Response ticket = given().auth().oauth2(IngestionFixtures.teacherToken()).contentType("application/json")
                .body(Map.of("filename", "habibi.pdf", "content_type", "application/pdf", "size", pdf.length))
                .when().post("/v1/uploads");
        ticket.then().statusCode(201)
                .body("object_key", matchesPattern("uploads/teacher-1/[0-9a-f-]{36}\\.pdf"))
                .body("method", equalTo("PUT"))
                .body("max_size", equalTo(52428800))
                .body("upload_url", startsWith("http://127.0.0.1:"));

        // What `curl -T habibi.pdf <url>` sends: the bytes, no content type.
        HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(ticket.path("upload_url")))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(pdf)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, put.statusCode(), put.body());

        Response registered = fixtures.register(ticket.path("object_key"), "Habibi");
        registered.then().statusCode(202)
                .body("created", equalTo(true))
                .body("document.file_id", matchesPattern("[0-9a-f]{64}"))
                .body("document.status", equalTo("ACCEPTED"))
                .body("job_id", matchesPattern("[0-9a-f-]{36}"));

        // The same bytes again, under another key: the existing document, not a second one.
        fixtures.register(fixtures.upload(pdf), "Habibi again").then().statusCode(200)
                .body("created", equalTo(false))
                .body("document.id", equalTo(registered.path("document.id")));
    }

    @Test
    void aSignedUploadRefusesAFileOfAnotherSize() throws Exception {
        Response ticket = given().auth().oauth2(IngestionFixtures.teacherToken()).contentType("application/json")
                .body(Map.of("filename", "x.pdf", "content_type", "application/pdf", "size", 10))
                .when().post("/v1/uploads");
        HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(ticket.path("upload_url")))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[11])).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, put.statusCode());
    }

    @Test
    void concurrentRegistrationsOfTheSameBytesMakeOneDocument() throws Exception {
        byte[] pdf = IngestionFixtures.resource("Seige_of_Vicksburg_Sample_OCR.pdf");
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            keys.add(fixtures.upload(pdf));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Response>> calls = new ArrayList<>();
            for (String key : keys) {
                calls.add(pool.submit((Callable<Response>) () -> fixtures.register(key, "Vicksburg")));
            }
            int created = 0;
            List<String> ids = new ArrayList<>();
            for (Future<Response> call : calls) {
                Response response = call.get();
                assertTrue(response.statusCode() == 200 || response.statusCode() == 202, response.asString());
                created += response.statusCode() == 202 ? 1 : 0;
                ids.add(response.path("document.id"));
            }
            assertEquals(1, created, "exactly one registration creates the document");
            assertEquals(1, ids.stream().distinct().count());
            String fileId = fixtures.strings("SELECT file_id FROM documents WHERE id = $1::uuid", ids.get(0)).get(0);
            assertEquals(1, fixtures.count("SELECT count(*) FROM documents WHERE file_id = $1", fileId));
            assertEquals(1, fixtures.count("SELECT count(*) FROM ingestion_jobs j JOIN documents d ON d.id = j.document_id "
                    + "WHERE d.file_id = $1", fileId));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesWhatCannotBeUploaded() {
        upload("text/html", 100).then().statusCode(415).contentType("application/problem+json")
                .body("type", equalTo("https://bacmr.mr/problems/upload-type-not-allowed"));
        upload("application/pdf", 0).then().statusCode(400)
                .body("type", equalTo("https://bacmr.mr/problems/validation-failed"));
        upload("application/pdf", 52428801).then().statusCode(413)
                .body("type", equalTo("https://bacmr.mr/problems/file-too-large"));
        given().auth().oauth2(TestJwt.token("s1", "student", "free")).contentType("application/json")
                .body(Map.of("filename", "a.pdf", "content_type", "application/pdf", "size", 10))
                .when().post("/v1/uploads").then().statusCode(403);
    }

    @Test
    void refusesWhatCannotBeRegistered() {
        fixtures.register("uploads/teacher-1/never-uploaded.pdf", "Missing").then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://bacmr.mr/problems/object-not-found"));
        fixtures.register("uploads/someone-else/x.pdf", "Not mine").then().statusCode(403)
                .body("type", equalTo("https://bacmr.mr/problems/object-not-yours"));
        fixtures.register(fixtures.upload("<html>not a pdf</html>".getBytes()), "HTML").then().statusCode(422)
                .body("type", equalTo("https://bacmr.mr/problems/not-a-pdf"));
        fixtures.register(fixtures.upload(new byte[0]), "Empty").then().statusCode(422)
                .body("type", equalTo("https://bacmr.mr/problems/file-empty"));
        given().auth().oauth2(IngestionFixtures.teacherToken()).contentType("application/json")
                .body(Map.of("title", "no key")).when().post("/v1/documents")
                .then().statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItem("object_key"));
        assertEquals(0, fixtures.count("SELECT count(*) FROM documents WHERE title IN ('Missing','Not mine','HTML','Empty')"),
                "nothing half-written");
    }

    @Test
    void unknownDocumentsAndJobsAreNotFound() {
        given().auth().oauth2(IngestionFixtures.teacherToken()).when().get("/v1/documents/" + java.util.UUID.randomUUID())
                .then().statusCode(404).body("type", equalTo("https://bacmr.mr/problems/not-found"));
        given().auth().oauth2(IngestionFixtures.teacherToken()).when().get("/v1/jobs/" + java.util.UUID.randomUUID())
                .then().statusCode(404);
        given().auth().oauth2(IngestionFixtures.teacherToken()).when().get("/v1/documents/not-a-uuid")
                .then().statusCode(404);
    }

    private static Response upload(String contentType, long size) {
        return given().auth().oauth2(IngestionFixtures.teacherToken()).contentType("application/json")
                .body(Map.of("filename", "a.pdf", "content_type", contentType, "size", size))
                .when().post("/v1/uploads");
    }
}
