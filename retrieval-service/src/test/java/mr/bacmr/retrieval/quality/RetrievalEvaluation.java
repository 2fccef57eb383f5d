package mr.bacmr.retrieval.quality;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import mr.bacmr.common.embedding.ChunkEmbedding;
import mr.bacmr.common.embedding.ChunkWindowEmbedder;
import mr.bacmr.common.embedding.EmbeddingModels;
import mr.bacmr.common.embedding.EmbeddingProviderConfig;
import mr.bacmr.common.embedding.TextToEmbed;
import mr.bacmr.retrieval.domain.IndexCandidates;
import mr.bacmr.retrieval.domain.IndexMatch;
import mr.bacmr.retrieval.domain.IndexQuery;
import mr.bacmr.retrieval.domain.IndexedChunk;
import mr.bacmr.retrieval.domain.RankFusion;
import mr.bacmr.retrieval.domain.SearchFilters;
import mr.bacmr.retrieval.domain.VectorWeights;
import mr.bacmr.retrieval.index.LuceneChunkIndex;
import mr.bacmr.retrieval.index.VectorStorage;
import mr.bacmr.testing.BenchmarkReport;

/**
 * Retrieval quality on question sets: passages indexed as chunks exactly as the service indexes them (window vectors
 * of the configured embedding model as block-join children, BM25 per language), every question asked, and recall@5
 * and MRR@10 of the gold passage for BM25 only, vectors only, and their reciprocal-rank fusion (the service's
 * search, without rerank). {@link #main} evaluates every set found and rewrites its section of docs/benchmarks.md.
 */
public final class RetrievalEvaluation {

    static final String BEGIN = "<!-- retrieval-quality:begin -->";
    static final String END = "<!-- retrieval-quality:end -->";
    static final int CANDIDATES = 50;
    static final double[] WEIGHTS = {0.5, 0.25, 0.1};

    /** recall@5 and MRR@10 for one way of ranking. */
    public record Scores(double recallAt5, double mrrAt10) {
    }

    /** The vector storage the service uses by default, and the other one, measured beside it. */
    static final VectorStorage SERVED = VectorStorage.DEFAULT;
    static final VectorStorage OTHER = SERVED == VectorStorage.INT8 ? VectorStorage.FLOAT32 : VectorStorage.INT8;

    /**
     * The rankings of one set on the graph the service keeps by default ({@link #SERVED}) and, for vectors and as
     * served, on the other ({@code bacmr.retrieval.index.vectors}). {@code rrf}: plain reciprocal rank fusion;
     * {@code service}: the fusion as the service weighs it by script.
     */
    public record Report(QaSet set, Scores bm25, Scores vector, Scores rrf, Scores service, Scores vectorOther,
                         Scores serviceOther, double seconds) {
    }

    /** The service's default weights (RetrievalConfig: vector-weight 1.0, arabic-vector-weight 0.0). */
    static final VectorWeights SERVICE_WEIGHTS = new VectorWeights(1.0, 0.0);

    private final EmbeddingModel model;
    private final ChunkWindowEmbedder embedder;
    private final String modelName;

    public RetrievalEvaluation(EmbeddingProviderConfig config) {
        this.model = EmbeddingModels.create(config);
        this.embedder = EmbeddingModels.windowEmbedder(config, model);
        this.modelName = EmbeddingModels.modelName(config);
    }

    public Report evaluate(QaSet set) throws IOException {
        long start = System.nanoTime();
        List<String> ids = new ArrayList<>();
        List<TextToEmbed> passages = new ArrayList<>();
        for (int i = 0; i < set.passages().size(); i++) {
            ids.add("passage-" + i);
            passages.add(TextToEmbed.of(ids.get(i), set.passages().get(i)));
        }
        List<ChunkEmbedding> embeddings = embedder.embed(passages);
        List<float[]> questionVectors = embedQuestions(set);
        Rankings asServed = rank(set, ids, passages, embeddings, questionVectors, SERVED, true);
        Rankings other = rank(set, ids, passages, embeddings, questionVectors, OTHER, false);
        return new Report(set, asServed.bm25().scores(), asServed.vector().scores(), asServed.rrf().scores(),
                asServed.service().scores(), other.vector().scores(), other.service().scores(),
                (System.nanoTime() - start) / 1e9);
    }

    private record Rankings(Tally bm25, Tally vector, Tally rrf, Tally service) {
    }

    /** Every question ranked on an index of the set's passages whose HNSW graph keeps its vectors as {@code storage}. */
    private Rankings rank(QaSet set, List<String> ids, List<TextToEmbed> passages, List<ChunkEmbedding> embeddings,
                          List<float[]> questionVectors, VectorStorage storage, boolean printWeights) throws IOException {
        Path dir = Files.createTempDirectory("bacmr-eval-index-");
        try (LuceneChunkIndex index = new LuceneChunkIndex(dir, modelName, 0.1, 64, storage)) {
            UUID document = UUID.nameUUIDFromBytes(set.name().getBytes());
            for (int i = 0; i < passages.size(); i++) {
                index.upsert(new IndexedChunk(ids.get(i), document, set.name(), null, null, set.language(), 1,
                        0, passages.get(i).text(), embeddings.get(i).windowVectors()));
            }
            index.awaitVisible();

            RankFusion fusion = new RankFusion(RankFusion.DEFAULT_K);
            Rankings rankings = new Rankings(new Tally(), new Tally(), new Tally(), new Tally());
            Tally[] weighted = new Tally[WEIGHTS.length];
            for (int w = 0; w < WEIGHTS.length; w++) {
                weighted[w] = new Tally();
            }
            for (int q = 0; q < set.questions().size(); q++) {
                QaSet.Question question = set.questions().get(q);
                String gold = ids.get(question.passage());
                IndexCandidates candidates = index.candidates(new IndexQuery(question.text(), questionVectors.get(q),
                        SearchFilters.NONE, CANDIDATES, CANDIDATES));
                rankings.bm25().add(rank(candidates.lexical(), gold));
                rankings.vector().add(rank(candidates.vector(), gold));
                rankings.rrf().add(rank(fusion.fuse(candidates, 10), gold));
                double serviceWeight = SERVICE_WEIGHTS.forQuery(question.text());
                rankings.service().add(rank(serviceWeight > 0 ? fusion.fuse(candidates, 10, serviceWeight)
                        : candidates.lexical().subList(0, Math.min(10, candidates.lexical().size())), gold));
                for (int w = 0; w < WEIGHTS.length; w++) {
                    weighted[w].add(rank(fusion.fuse(candidates, 10, WEIGHTS[w]), gold));
                }
            }
            for (int w = 0; printWeights && w < WEIGHTS.length; w++) {
                System.out.printf(Locale.ROOT, "%s vector weight %.2f: R@5 %.3f MRR@10 %.3f%n", set.name(), WEIGHTS[w],
                        weighted[w].scores().recallAt5(), weighted[w].scores().mrrAt10());
            }
            return rankings;
        } finally {
            deleteRecursively(dir);
        }
    }

    private List<float[]> embedQuestions(QaSet set) {
        List<float[]> vectors = new ArrayList<>();
        List<TextSegment> batch = new ArrayList<>();
        for (QaSet.Question question : set.questions()) {
            batch.add(TextSegment.from(question.text()));
            if (batch.size() == 64) {
                model.embedAll(batch).content().stream().map(Embedding::vector).forEach(vectors::add);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            model.embedAll(batch).content().stream().map(Embedding::vector).forEach(vectors::add);
        }
        return vectors;
    }

    /** 1-based rank of the gold passage, 0 when absent. */
    private static int rank(List<IndexMatch> ranked, String gold) {
        for (int i = 0; i < ranked.size(); i++) {
            if (ranked.get(i).chunkId().equals(gold)) {
                return i + 1;
            }
        }
        return 0;
    }

    private static final class Tally {
        private int questions;
        private int inTop5;
        private double reciprocal;

        void add(int rank) {
            questions++;
            if (rank >= 1 && rank <= 5) {
                inTop5++;
            }
            if (rank >= 1 && rank <= 10) {
                reciprocal += 1.0 / rank;
            }
        }

        Scores scores() {
            return new Scores((double) inTop5 / questions, reciprocal / questions);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** {@code [benchmarks.md]}: evaluates every set found and rewrites the retrieval-quality section. */
    public static void main(String[] args) throws IOException {
        Path report = Path.of(args.length > 0 ? args[0] : "../docs/benchmarks.md");
        Map<String, String[]> sets = new LinkedHashMap<>();
        sets.put("XQuAD ar", new String[] {"ar", "xquad.ar.json"});
        sets.put("PIAF (small)", new String[] {"fr", "piaf-small.json"});
        sets.put("service-public (PIAF eval)", new String[] {"fr", "filtered_spf_qr_test.json"});
        EmbeddingProviderConfig config = EmbeddingProviderConfig.inProcess();
        RetrievalEvaluation evaluation = new RetrievalEvaluation(config);
        List<Report> reports = new ArrayList<>();
        for (Map.Entry<String, String[]> entry : sets.entrySet()) {
            Path file = QaSet.locate(entry.getValue()[1]);
            if (file == null) {
                System.out.println("skipped " + entry.getKey() + ": " + entry.getValue()[1] + " not found");
                continue;
            }
            Report result = evaluation.evaluate(QaSet.read(entry.getKey(), entry.getValue()[0], file));
            System.out.println(line(result));
            reports.add(result);
        }
        write(report, reports, EmbeddingModels.modelName(config));
    }

    static String line(Report r) {
        return String.format(Locale.ROOT, "| %s | %s | %d | %d | %.3f / %.3f | %.3f / %.3f | %.3f / %.3f | **%.3f / %.3f** "
                        + "| %.3f / %.3f | %.3f / %.3f |",
                r.set().name(), r.set().language(), r.set().passages().size(), r.set().questions().size(),
                r.bm25().recallAt5(), r.bm25().mrrAt10(), r.vector().recallAt5(), r.vector().mrrAt10(),
                r.rrf().recallAt5(), r.rrf().mrrAt10(), r.service().recallAt5(), r.service().mrrAt10(),
                r.vectorOther().recallAt5(), r.vectorOther().mrrAt10(), r.serviceOther().recallAt5(),
                r.serviceOther().mrrAt10());
    }

    private static String label(VectorStorage storage) {
        return storage.name().toLowerCase(Locale.ROOT);
    }

    private static void write(Path report, List<Report> reports, String model) throws IOException {
        StringBuilder section = new StringBuilder(BEGIN).append('\n');
        section.append(String.format(Locale.ROOT, "Measured %s on %d cores, %s %s, embedding model `%s` (in-process), "
                        + "%s HNSW vectors as served, with `./bacmr bench retrieval-quality`.%n%n", LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), model, label(SERVED)));
        section.append(String.format(Locale.ROOT, "| set | lang | passages | questions | BM25 R@5 / MRR@10 | vector R@5 / "
                + "MRR@10 | plain RRF k=60 R@5 / MRR@10 | hybrid as served R@5 / MRR@10 | %1$s graph: vector | %1$s "
                + "graph: as served |%n|---|---|---|---|---|---|---|---|---|---|%n", label(OTHER)));
        for (Report r : reports) {
            section.append(line(r)).append('\n');
        }
        section.append(END);
        BenchmarkReport.writeSection(report, BEGIN, END, "## Retrieval quality", section.toString());
    }
}
