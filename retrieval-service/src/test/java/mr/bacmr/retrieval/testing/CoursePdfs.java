package mr.bacmr.retrieval.testing;

import io.restassured.response.Response;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import mr.bacmr.testing.TestJwt;

import static io.restassured.RestAssured.given;

/**
 * Course documents put through the real ingestion service, the way a teacher does it: a PDF is written (Latin
 * script only: PDFBox writes no right-to-left order), uploaded to its presigned URL, registered; ingestion
 * extracts, chunks, embeds and publishes the chunks, which the retrieval app under test indexes from Kafka and
 * reads back through ingestion's chunk API.
 */
public final class CoursePdfs {

    private static final int LINE_CHARS = 90;

    /** Registers a PDF of {@code pages} with ingestion at {@code ingestionUrl}; returns the document id. */
    public static UUID ingest(String ingestionUrl, String title, String subject, List<String> pages) {
        byte[] pdf = pdf(pages);
        String teacher = TestJwt.token("teacher-" + UUID.randomUUID(), "teacher", "premium");
        Response ticket = given().baseUri(ingestionUrl).auth().oauth2(teacher).contentType("application/json")
                .body(Map.of("filename", "cours.pdf", "content_type", "application/pdf", "size", pdf.length))
                .when().post("/v1/uploads");
        ticket.then().statusCode(201);
        Map<String, String> headers = new java.util.HashMap<>(ticket.path("headers"));
        headers.keySet().removeIf(name -> name.equalsIgnoreCase("Content-Length")); // the HTTP client sets it
        given().urlEncodingEnabled(false).headers(headers).body(pdf)
                .when().put(ticket.<String>path("upload_url"))
                .then().statusCode(200);
        Response registered = given().baseUri(ingestionUrl).auth().oauth2(teacher).contentType("application/json")
                .body(Map.of("object_key", ticket.path("object_key"), "title", title, "subject", subject,
                        "level", "7C", "language", "fr"))
                .when().post("/v1/documents");
        registered.then().statusCode(202);
        return UUID.fromString(registered.path("document.id"));
    }

    /** A PDF with one page per string, the text wrapped at word boundaries, in Helvetica (WinAnsi: French is fine). */
    public static byte[] pdf(List<String> pages) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (String text : pages) {
                PDPage page = new PDPage();
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(font, 11);
                    content.setLeading(14);
                    content.newLineAtOffset(50, 740);
                    for (String line : wrap(text)) {
                        content.showText(line);
                        content.newLine();
                    }
                    content.endText();
                }
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> wrap(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split("\\s+")) {
            if (line.length() + word.length() + 1 > LINE_CHARS && !line.isEmpty()) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(word);
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    private CoursePdfs() {
    }
}
