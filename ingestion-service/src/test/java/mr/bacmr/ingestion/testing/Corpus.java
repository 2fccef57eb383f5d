package mr.bacmr.ingestion.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

    /** shared/corpus found from -Dbacmr.corpus, $BACMR_CORPUS, or walking up from the working directory. */
    public static Path dir() {
        String configured = System.getProperty("bacmr.corpus", System.getenv("BACMR_CORPUS"));
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

    /**
     * A corpus file: from shared/corpus when it is there, else the copy bundled in test resources (the files whose
     * licence lets us redistribute them, see corpus/ATTRIBUTION.md); skipped when neither exists.
     */
    public static Path file(String relative) {
        Path dir = dir();
        if (dir != null && Files.isRegularFile(dir.resolve(relative))) {
            return dir.resolve(relative);
        }
        Path bundled = bundled(Path.of(relative).getFileName().toString());
        assumeTrue(bundled != null, "shared/corpus/" + relative + " not found (set BACMR_CORPUS or -Dbacmr.corpus) and "
                + "not bundled: corpus test skipped");
        return bundled;
    }

    private static Path bundled(String name) {
        try (var in = Corpus.class.getResourceAsStream("/corpus/" + name)) {
            if (in == null) {
                return null;
            }
            Path copy = Files.createTempFile("bacmr-corpus-", "-" + name);
            copy.toFile().deleteOnExit();
            Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return copy;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The French textbook as pdftotext (poppler-utils) extracts it: pages separated by form feeds. */
    public static synchronized String frenchTextbookText() throws IOException, InterruptedException {
        if (frenchText == null) {
            // Our own extractor, so the fixture needs no tool outside the build (pages joined by form feeds).
            try {
                frenchText = new mr.bacmr.ingestion.extraction.PdfTextExtractor()
                        .extract(file(FRENCH_TEXTBOOK), mr.bacmr.ingestion.extraction.PageListener.NONE)
                        .pages().stream().map(mr.bacmr.ingestion.extraction.ExtractedPage::text)
                        .collect(java.util.stream.Collectors.joining("\f"));
            } catch (mr.bacmr.ingestion.extraction.PdfRejectedException e) {
                throw new IOException(e);
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
