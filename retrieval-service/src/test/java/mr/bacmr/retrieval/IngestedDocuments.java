package mr.bacmr.retrieval;

import io.restassured.response.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

import mr.bacmr.testing.TestJwt;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Documents ingested through the real ingestion service's public API: presigned upload, plain PUT, registration. */
public final class IngestedDocuments {

    public static final String VICKSBURG = "Seige_of_Vicksburg_Sample_OCR.pdf";
    private static final String TEACHER = "teacher-retrieval";

    private IngestedDocuments() {
    }

    public static String ingestionUrl() {
        return ConfigProvider.getConfig().getValue(RetrievalTestInfrastructure.INGESTION_URL, String.class);
    }

    /** Uploads a unique copy of a bundled PDF, registers it and waits until ingestion completed it. */
    public static UUID ingest(String resource, String title) {
        return ingest(unique(read(resource)), resource, title, "histoire", "en");
    }

    /** Uploads {@code pdf}, registers it and waits until ingestion completed it. */
    public static UUID ingest(byte[] pdf, String filename, String title, String subject, String language) {
        Response ticket = given().baseUri(ingestionUrl()).auth().oauth2(teacherToken()).contentType("application/json")
                .body(Map.of("filename", filename, "content_type", "application/pdf", "size", pdf.length))
                .when().post("/v1/uploads");
        ticket.then().statusCode(201);
        try {
            HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(ticket.path("upload_url"))).PUT(HttpRequest.BodyPublishers.ofByteArray(pdf)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (put.statusCode() != 200) {
                throw new IllegalStateException("upload refused: " + put.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Response registered = given().baseUri(ingestionUrl()).auth().oauth2(teacherToken()).contentType("application/json")
                .body(Map.of("object_key", ticket.path("object_key"), "title", title, "subject", subject,
                        "level", "7C", "language", language))
                .when().post("/v1/documents");
        registered.then().statusCode(202);
        UUID document = UUID.fromString(registered.path("document.id"));
        await(title + " ingested").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> "COMPLETED".equals(given().baseUri(ingestionUrl()).auth().oauth2(teacherToken())
                        .when().get("/v1/documents/" + document).then().statusCode(200).extract().path("status")));
        return document;
    }

    public static int chunkCount(UUID document) {
        return given().baseUri(ingestionUrl()).auth().oauth2(teacherToken()).when().get("/v1/documents/" + document)
                .then().statusCode(200).extract().path("chunk_count");
    }

    public static void delete(UUID document) {
        given().baseUri(ingestionUrl()).auth().oauth2(TestJwt.token("admin-retrieval", "admin", null))
                .when().delete("/v1/documents/" + document).then().statusCode(204);
    }

    private static String teacherToken() {
        return TestJwt.token(TEACHER, "teacher", "premium");
    }

    private static byte[] read(String resource) {
        try (InputStream in = IngestedDocuments.class.getResourceAsStream("/corpus/" + resource)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Other bytes (so another file id and document), same content: a comment after the PDF's end. */
    private static byte[] unique(byte[] pdf) {
        byte[] trailer = ("\n% " + UUID.randomUUID() + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] copy = Arrays.copyOf(pdf, pdf.length + trailer.length);
        System.arraycopy(trailer, 0, copy, pdf.length, trailer.length);
        return copy;
    }
}
