package mr.bacmr.ingestion.bench;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import mr.bacmr.ingestion.chunking.Chunk;
import mr.bacmr.ingestion.chunking.TokenChunker;
import mr.bacmr.common.embedding.ChunkWindowEmbedder;
import mr.bacmr.common.embedding.EmbeddingModels;
import mr.bacmr.common.embedding.EmbeddingProviderConfig;
import mr.bacmr.ingestion.extraction.ExtractedDocument;
import mr.bacmr.ingestion.extraction.ExtractedPage;
import mr.bacmr.ingestion.extraction.PageListener;
import mr.bacmr.ingestion.extraction.PdfTextExtractor;
import mr.bacmr.testing.BenchmarkReport;

/**
 * Ingestion throughput on the two IPN textbooks, every figure from the same run: the pipeline's stages
 * (extraction, chunking, window embedding) next to the raw rates they are held to — JTokkit encoding the same text,
 * and the bundled model's embedAll on the same window texts. Not a test: run it with
 * {@code ./bacmr bench ingestion}; it rewrites its section of docs/benchmarks.md.
 */
public final class IngestionBenchmark {

    private static final String BEGIN = "<!-- ingestion-benchmark:begin -->";
    private static final String END = "<!-- ingestion-benchmark:end -->";

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args.length > 0 ? args[0] : "../../shared/corpus");
        Path report = Path.of(args.length > 1 ? args[1] : "../docs/benchmarks.md");
        PdfTextExtractor extractor = new PdfTextExtractor();
        TokenChunker chunker = new TokenChunker();
        EmbeddingProviderConfig config = EmbeddingProviderConfig.inProcess();
        EmbeddingModel raw = EmbeddingModels.create(config);
        ChunkWindowEmbedder embedder = EmbeddingModels.windowEmbedder(config, raw);
        Encoding o200k = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

        StringBuilder rows = new StringBuilder();
        for (String book : List.of("pdf-fr/ipn-2as-francais.pdf", "pdf-ar/ipn-2as-education-civique.pdf")) {
            Path pdf = corpus.resolve(book);
            if (!Files.isRegularFile(pdf)) {
                System.out.println("skipping " + book + ": not found under " + corpus.toAbsolutePath());
                continue;
            }
            extractor.extract(pdf, PageListener.NONE); // warm-up: JIT and font caches

            long t0 = System.nanoTime();
            ExtractedDocument document = extractor.extract(pdf, PageListener.NONE);
            double extractSeconds = seconds(t0);

            List<ExtractedPage> pages = document.pages().stream().filter(p -> !p.needsOcr()).toList();
            // Encode and chunk the same pages in alternating rounds after a warm-up of each; best round of each.
            double encodeSeconds = Double.MAX_VALUE;
            double chunkSeconds = Double.MAX_VALUE;
            long tokens = 0;
            List<Chunk> chunks = new ArrayList<>();
            for (int round = -2; round < 7; round++) {
                long t1 = System.nanoTime();
                tokens = 0;
                for (ExtractedPage page : pages) {
                    tokens += o200k.countTokensOrdinary(page.text());
                }
                double encoded = seconds(t1);
                long t2 = System.nanoTime();
                chunks = new ArrayList<>();
                for (ExtractedPage page : pages) {
                    chunks.addAll(chunker.chunk("bench", page.number(), page.text(), page.language()));
                }
                double chunked = seconds(t2);
                if (round >= 0) {
                    encodeSeconds = Math.min(encodeSeconds, encoded);
                    chunkSeconds = Math.min(chunkSeconds, chunked);
                }
            }
            double encodeRate = tokens / encodeSeconds;
            double chunkRate = tokens / chunkSeconds;

            List<TextSegment> windows = new ArrayList<>();
            chunks.forEach(chunk -> embedder.windows(chunk.text()).forEach(w -> windows.add(TextSegment.from(w))));
            raw.embedAll(windows.subList(0, Math.min(32, windows.size()))); // warm-up
            // Raw embedding and the whole pipeline in alternating rounds, best of three each.
            double rawEmbedSeconds = Double.MAX_VALUE;
            double pipelineSeconds = Double.MAX_VALUE;
            List<Chunk> pipelineChunks = new ArrayList<>();
            ExtractedDocument again = document;
            for (int round = 0; round < 3; round++) {
                long t3 = System.nanoTime();
                for (int from = 0; from < windows.size(); from += 32) {
                    raw.embedAll(windows.subList(from, Math.min(windows.size(), from + 32)));
                }
                rawEmbedSeconds = Math.min(rawEmbedSeconds, seconds(t3));

                long t4 = System.nanoTime();
                again = extractor.extract(pdf, PageListener.NONE);
                pipelineChunks = new ArrayList<>();
                for (ExtractedPage page : again.pages()) {
                    if (!page.needsOcr()) {
                        pipelineChunks.addAll(chunker.chunk("bench", page.number(), page.text(), page.language()));
                    }
                }
                for (int from = 0; from < pipelineChunks.size(); from += 32) {
                    embedder.embed(pipelineChunks.subList(from, Math.min(pipelineChunks.size(), from + 32)));
                }
                pipelineSeconds = Math.min(pipelineSeconds, seconds(t4));
            }

            double rawChunksPerSecond = chunks.size() / rawEmbedSeconds;
            double pipelineChunksPerSecond = pipelineChunks.size() / pipelineSeconds;
            String row = String.format(Locale.ROOT,
                    "| %s | %d (%d need OCR) | %d | %.1f | %.0f | %,.0f | %,.0f (%.2f×) | %d | %.1f (%.1f chunks/s) | %.1f pages/s, %.2f chunks/s (%.2f×) |%n",
                    book, document.pageCount(), document.pageCount() - pages.size(), chunks.size(),
                    chunks.stream().mapToInt(Chunk::tokenCount).average().orElse(0), document.pageCount() / extractSeconds,
                    encodeRate, chunkRate, chunkRate / encodeRate, windows.size(), windows.size() / rawEmbedSeconds,
                    rawChunksPerSecond, again.pageCount() / pipelineSeconds, pipelineChunksPerSecond,
                    pipelineChunksPerSecond / rawChunksPerSecond);
            rows.append(row);
            System.out.print(row);
        }
        write(report, rows.toString());
    }

    private static void write(Path report, String rows) throws IOException {
        String section = BEGIN + "\n"
                + "Measured " + LocalDate.now() + " on " + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ", heap "
                + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() / (1024 * 1024) + " MB, with\n"
                + "`./bacmr bench ingestion`. Pipeline = extraction + chunking + window embedding and pooling, in process\n"
                + "(no Postgres or outbox writes). Raw embedding = the bundled model's `embedAll` on the same window texts.\n\n"
                + "| book | pages | chunks | mean tokens/chunk | extraction pages/s | raw o200k encode tokens/s "
                + "| chunking tokens/s (× raw encode) | windows | raw embedding windows/s | pipeline (× raw embedding chunks/s) |\n"
                + "|---|---|---|---|---|---|---|---|---|---|\n"
                + rows + END;
        BenchmarkReport.writeSection(report, BEGIN, END, "## Ingestion throughput", section);
        System.out.println("wrote " + report.toAbsolutePath());
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private IngestionBenchmark() {
    }
}
