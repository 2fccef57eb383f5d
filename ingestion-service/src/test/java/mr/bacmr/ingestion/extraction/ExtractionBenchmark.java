package mr.bacmr.ingestion.extraction;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Pages per second of the whole extraction (PDFBox + layout + repair + language) on the two IPN
 * textbooks; the first round is a cold JVM. Not a test: prints, asserts nothing. Run:
 * {@code java -cp target/classes:target/test-classes:$(deps) mr.bacmr.ingestion.extraction.ExtractionBenchmark [rounds] [corpusDir]}
 */
public final class ExtractionBenchmark {

    private ExtractionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        Path corpus = Path.of(args.length > 1 ? args[1] : "/work/shared/corpus");
        PdfTextExtractor extractor = new PdfTextExtractor();
        for (String file : new String[] {"pdf-ar/ipn-2as-education-civique.pdf", "pdf-fr/ipn-2as-francais.pdf"}) {
            Path pdf = corpus.resolve(file);
            if (!Files.isRegularFile(pdf)) {
                System.out.println(file + ": not found under " + corpus + ", skipped");
                continue;
            }
            for (int round = 1; round <= rounds; round++) {
                long start = System.nanoTime();
                ExtractedDocument document = extractor.extract(pdf, PageListener.NONE);
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("%s round %d: %d pages in %.2f s = %.1f pages/s%n",
                        file, round, document.pageCount(), seconds, document.pageCount() / seconds);
            }
        }
    }
}
