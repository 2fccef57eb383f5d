package mr.bacmr.retrieval.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import mr.bacmr.common.embedding.EmbeddingModels;
import mr.bacmr.common.embedding.EmbeddingProviderConfig;

/**
 * How much a real chunk's nearest neighbours (by the service's embedding model) belong to its own document, and to
 * the chunks next to it there: the locality the HNSW walk meets in memory, since a document's chunks arrive together
 * and sit side by side in the index. Measured on the corpus (the QA sets' articles, the textbooks cut in 300-word
 * windows in reading order), against what chance gives: whether keeping a document's chunks together (or sorting the
 * index by document) would give the graph walk locality that the latency benchmark's synthetic chunks, each on a
 * random topic, lack. Not a test: {@code ./bacmr bench retrieval-locality} prints it.
 */
public final class ChunkLocality {

    static final int NEIGHBOURS = 10;
    static final int WINDOW_WORDS = 300;

    record Chunk(int document, int position, float[] vector) {
    }

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args.length > 0 ? args[0] : "../../shared/corpus");
        EmbeddingModel model = EmbeddingModels.create(EmbeddingProviderConfig.inProcess());
        System.out.println("| chunks of | chunks | documents | chunks per document | of the 10 nearest, in the same "
                + "document (by chance) | within 3 positions there (by chance) |");
        System.out.println("|---|---|---|---|---|---|");
        for (String name : List.of("xquad.ar.json", "piaf-small.json", "filtered_spf_qr_test.json")) {
            Path file = corpus.resolve("qa").resolve(name);
            if (Files.isRegularFile(file)) {
                report(name + ": an article's paragraphs", embed(model, squadArticles(file)));
            }
        }
        // one language at a time: the model sets languages apart, which says nothing about a document's own topics
        for (String dir : List.of("pdf-fr", "pdf-ar")) {
            List<List<String>> books = new ArrayList<>();
            List<String> names = new ArrayList<>();
            try (var files = Files.list(corpus.resolve(dir))) {
                for (Path pdf : files.filter(p -> p.toString().endsWith(".pdf")).sorted().toList()) {
                    List<String> windows = windows(pdf);
                    if (windows.size() > 1) {   // a scanned book has no text layer
                        books.add(windows);
                        names.add(pdf.getFileName().toString());
                    }
                }
            }
            if (!books.isEmpty()) {
                report(dir + ": " + String.join(", ", names) + " in 300-word windows", embed(model, books));
            }
        }
    }

    /** Each article's paragraphs, in order. */
    static List<List<String>> squadArticles(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(Files.readString(file));
        List<List<String>> articles = new ArrayList<>();
        for (JsonNode article : root.path("data")) {
            List<String> paragraphs = new ArrayList<>();
            article.path("paragraphs").forEach(p -> paragraphs.add(p.path("context").asText()));
            articles.add(paragraphs);
        }
        return articles;
    }

    /** The book's text in reading order, cut in windows of {@link #WINDOW_WORDS} words. */
    static List<String> windows(Path pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            String[] words = new PDFTextStripper().getText(document).split("\\s+");
            List<String> windows = new ArrayList<>();
            for (int i = 0; i + WINDOW_WORDS / 2 < words.length; i += WINDOW_WORDS) {
                windows.add(String.join(" ", java.util.Arrays.copyOfRange(words, i, Math.min(words.length,
                        i + WINDOW_WORDS))));
            }
            return windows;
        }
    }

    static List<Chunk> embed(EmbeddingModel model, List<List<String>> documents) {
        List<Chunk> chunks = new ArrayList<>();
        for (int d = 0; d < documents.size(); d++) {
            List<String> texts = documents.get(d);
            for (int from = 0; from < texts.size(); from += 64) {
                List<TextSegment> batch = texts.subList(from, Math.min(texts.size(), from + 64)).stream()
                        .map(TextSegment::from).toList();
                var vectors = model.embedAll(batch).content();
                for (int i = 0; i < vectors.size(); i++) {
                    chunks.add(new Chunk(d, from + i, RetrievalBenchmark.normalised(vectors.get(i).vector())));
                }
            }
        }
        return chunks;
    }

    /** Prints one table row: the nearest-neighbour locality of {@code chunks}. */
    static void report(String what, List<Chunk> chunks) {
        int n = chunks.size();
        int documents = (int) chunks.stream().mapToInt(Chunk::document).distinct().count();
        long sameDocument = 0;
        long nearby = 0;
        double chance = 0;
        double chanceNearby = 0;
        long[] perDocument = new long[chunks.stream().mapToInt(Chunk::document).max().orElse(0) + 1];
        chunks.forEach(c -> perDocument[c.document()]++);
        for (int q = 0; q < n; q++) {
            Chunk query = chunks.get(q);
            int[] nearest = nearest(chunks, q);
            for (int i : nearest) {
                Chunk hit = chunks.get(i);
                if (hit.document() == query.document()) {
                    sameDocument++;
                    if (Math.abs(hit.position() - query.position()) <= 3) {
                        nearby++;
                    }
                }
            }
            chance += (perDocument[query.document()] - 1) / (double) (n - 1);
            long around = Math.min(perDocument[query.document()] - 1, query.position() + 3)
                    - Math.max(0, query.position() - 3);   // positions within 3, itself excluded
            chanceNearby += around / (double) (n - 1);
        }
        long pairs = (long) n * Math.min(NEIGHBOURS, n - 1);
        System.out.printf(Locale.ROOT, "| %s | %,d | %,d | %.1f | %.3f (%.3f) | %.3f (%.3f) |%n", what, n, documents,
                n / (double) documents, sameDocument / (double) pairs, chance / n, nearby / (double) pairs,
                chanceNearby / n);
    }

    /** Indexes of the {@link #NEIGHBOURS} chunks most similar to chunk {@code q} (brute force), itself excluded. */
    static int[] nearest(List<Chunk> chunks, int q) {
        int k = Math.min(NEIGHBOURS, chunks.size() - 1);
        int[] best = new int[k];
        float[] scores = new float[k];
        java.util.Arrays.fill(scores, Float.NEGATIVE_INFINITY);
        float[] target = chunks.get(q).vector();
        for (int i = 0; i < chunks.size(); i++) {
            if (i == q) {
                continue;
            }
            float score = org.apache.lucene.util.VectorUtil.dotProduct(target, chunks.get(i).vector());
            if (score > scores[k - 1]) {
                int at = k - 1;
                while (at > 0 && scores[at - 1] < score) {
                    scores[at] = scores[at - 1];
                    best[at] = best[at - 1];
                    at--;
                }
                scores[at] = score;
                best[at] = i;
            }
        }
        return best;
    }
}
