package mr.bacmr.ingestion.extraction;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;

/**
 * Measures the visual-order heuristic of {@link ArabicTextRepair}: how often it reverses a line that
 * was right (false positive) and how often it recognises a line that was reversed, on real Arabic:
 * the lines of the IPN civics textbook (put in logical order from glyph positions, so they are
 * ground truth) and Wikipedia paragraphs from XQuAD. Reversed lines are made from these by the
 * same reordering, with base letters and with presentation forms as a shaping PDF writes them.
 */
class VisualOrderDetectionMeasurementTest {

    private final VisualOrderDetector detector = new VisualOrderDetector();

    @Test
    void textbookLines() throws IOException {
        List<String> lines = textbookLines(Corpus.file("pdf-ar/ipn-2as-education-civique.pdf"));
        Rates rates = measure(lines);
        System.out.println("[visual-order] IPN civics textbook, " + rates);
        assertTrue(rates.falsePositiveRate() <= 0.01, "reverses correct textbook lines: " + rates);
        assertTrue(rates.recallPresentationForms() >= 0.9, "misses shaped reversed lines: " + rates);
    }

    @Test
    void wikipediaParagraphs() throws IOException {
        List<String> lines = xquadLines(Corpus.file("qa/xquad.ar.json"));
        Rates rates = measure(lines);
        System.out.println("[visual-order] XQuAD Arabic paragraphs, " + rates);
        assertTrue(rates.falsePositiveRate() <= 0.01, "reverses correct lines: " + rates);
        assertTrue(rates.recallPresentationForms() >= 0.9, "misses shaped reversed lines: " + rates);
    }

    private Rates measure(List<String> logicalLines) {
        int falsePositives = 0;
        int falsePositivesShaped = 0;
        int caughtBase = 0;
        int caughtShaped = 0;
        List<String> examples = new ArrayList<>();
        for (String line : logicalLines) {
            String shaped = ArabicShaper.shape(line);
            if (detector.looksVisual(line)) {
                falsePositives++;
                if (examples.size() < 3) {
                    examples.add(line);
                }
            }
            if (detector.looksVisual(shaped)) {
                falsePositivesShaped++;
            }
            if (detector.looksVisual(VisualOrderDetector.reverseToLogical(line))) {
                caughtBase++;
            }
            if (detector.looksVisual(VisualOrderDetector.reverseToLogical(shaped))) {
                caughtShaped++;
            }
        }
        if (!examples.isEmpty()) {
            System.out.println("[visual-order] false positives, e.g. " + examples);
        }
        return new Rates(logicalLines.size(), falsePositives, falsePositivesShaped, caughtBase, caughtShaped);
    }

    record Rates(int lines, int falsePositives, int falsePositivesShaped, int caughtBase, int caughtShaped) {
        double falsePositiveRate() {
            return (double) Math.max(falsePositives, falsePositivesShaped) / lines;
        }

        double recallPresentationForms() {
            return (double) caughtShaped / lines;
        }

        @Override
        public String toString() {
            return String.format("%d lines: correct lines reversed by mistake %d (%.2f%%), shaped correct lines %d (%.2f%%);"
                    + " reversed lines recognised: base letters %d (%.1f%%), presentation forms %d (%.1f%%)",
                    lines, falsePositives, 100.0 * falsePositives / lines, falsePositivesShaped,
                    100.0 * falsePositivesShaped / lines, caughtBase, 100.0 * caughtBase / lines,
                    caughtShaped, 100.0 * caughtShaped / lines);
        }
    }

    /** Lines with at least three Arabic words, in logical order from glyph positions (before any repair). */
    private static List<String> textbookLines(Path pdf) throws IOException {
        List<String> lines = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            PageTextStripper stripper = new PageTextStripper();
            for (int page = 1; page <= document.getNumberOfPages(); page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                addArabicLines(Arrays.asList(stripper.getText(document).split("\n")), lines);
            }
        }
        return lines;
    }

    /** XQuAD contexts cut into lines of ten words, as a page would hold them. */
    private static List<String> xquadLines(Path json) throws IOException {
        String text = Files.readString(json, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();
        int at = 0;
        while ((at = text.indexOf("\"context\":", at)) >= 0) {
            int start = text.indexOf('"', at + 10) + 1;
            StringBuilder context = new StringBuilder();
            int i = start;
            while (text.charAt(i) != '"') {
                char c = text.charAt(i);
                if (c == '\\') {
                    char escaped = text.charAt(++i);
                    if (escaped == 'u') {
                        context.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                        i += 4;
                    } else {
                        context.append(escaped == 'n' ? ' ' : escaped);
                    }
                } else {
                    context.append(c);
                }
                i++;
            }
            at = i;
            String[] words = context.toString().strip().split("\\s+");
            List<String> chunk = new ArrayList<>();
            for (int w = 0; w < words.length; w += 10) {
                chunk.add(String.join(" ", Arrays.copyOfRange(words, w, Math.min(words.length, w + 10))));
            }
            addArabicLines(chunk, lines);
        }
        return lines;
    }

    private static void addArabicLines(List<String> candidates, List<String> into) {
        for (String line : candidates) {
            if (VisualOrderDetector.arabicWords(line.strip()).size() >= 3) {
                into.add(line.strip());
            }
        }
    }
}
