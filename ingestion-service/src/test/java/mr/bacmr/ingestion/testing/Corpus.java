package mr.bacmr.ingestion.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The shared test corpus (../shared/corpus, no licence for the textbooks: read in place, never
 * copied). Tests that need it skip, with the reason, when it is absent.
 */
public final class Corpus {

    public static final String FRENCH_TEXTBOOK = "pdf-fr/ipn-2as-francais.pdf";
    public static final String ARABIC_QA = "qa/xquad.ar.json";

    private static String frenchText;
    private static List<String> arabicContexts;

    private Corpus() {
    }

    /** shared/corpus found from -Dbacmr.corpus.dir, $BACMR_CORPUS_DIR, or walking up from the working directory. */
    public static Path dir() {
        String configured = System.getProperty("bacmr.corpus.dir", System.getenv("BACMR_CORPUS_DIR"));
        if (configured != null) {
            return Files.isDirectory(Path.of(configured)) ? Path.of(configured) : null;   // explicit setting wins
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/corpus");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    public static Path file(String relative) {
        Path dir = dir();
        assumeTrue(dir != null, "shared/corpus not found (set -Dbacmr.corpus.dir): corpus tests skipped");
        Path file = dir.resolve(relative);
        assumeTrue(Files.isRegularFile(file), file + " missing: corpus test skipped");
        return file;
    }

    /** The French textbook as pdftotext (poppler-utils) extracts it: pages separated by form feeds. */
    public static synchronized String frenchTextbookText() throws IOException, InterruptedException {
        if (frenchText == null) {
            Path pdf = file(FRENCH_TEXTBOOK);
            assumeTrue(Files.isExecutable(Path.of("/usr/bin/pdftotext")),
                    "pdftotext missing (apt-get install -y poppler-utils): corpus test skipped");
            Path out = Files.createTempFile("ipn-2as-francais", ".txt");
            try {
                Process p = new ProcessBuilder("/usr/bin/pdftotext", "-enc", "UTF-8", pdf.toString(), out.toString())
                        .redirectErrorStream(true).start();
                p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IOException("pdftotext failed on " + pdf);
                }
                frenchText = Files.readString(out, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(out);
            }
        }
        return frenchText;
    }

    /** Pages of the French textbook (form-feed separated), blank pages included. */
    public static List<String> frenchTextbookPages() throws IOException, InterruptedException {
        return List.of(frenchTextbookText().split("\f", -1));
    }

    /** The 240 Arabic passages of XQuAD (SQuAD format: data[].paragraphs[].context). */
    public static synchronized List<String> arabicContexts() throws IOException {
        if (arabicContexts == null) {
            JsonNode root = new ObjectMapper().readTree(file(ARABIC_QA).toFile());
            List<String> contexts = new ArrayList<>();
            for (JsonNode article : root.path("data")) {
                for (JsonNode paragraph : article.path("paragraphs")) {
                    contexts.add(paragraph.path("context").asText());
                }
            }
            arabicContexts = List.copyOf(contexts);
        }
        return arabicContexts;
    }

    public static String sha256Hex(Path file) throws IOException {
        try {
            return java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
