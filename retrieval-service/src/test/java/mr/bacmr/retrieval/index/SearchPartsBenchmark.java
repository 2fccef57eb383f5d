package mr.bacmr.retrieval.index;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.join.BitSetProducer;
import org.apache.lucene.search.join.DiversifyingChildrenFloatKnnVectorQuery;
import org.apache.lucene.search.join.QueryBitSetProducer;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.QueryBuilder;

import mr.bacmr.retrieval.bench.RetrievalBenchmark;

/**
 * Where one search's CPU goes, part by part, in process and single-threaded on an index kept by the latency benchmark
 * ({@code ./bacmr bench retrieval DIR}, then {@code ./bacmr bench retrieval-parts DIR}): each part as served and,
 * where a change replaced it, as it was before, so the figures in docs/benchmarks.md can be reproduced. Not a test;
 * it prints, it does not assert.
 */
public final class SearchPartsBenchmark {

    static final int QUERIES = 3_000;
    static final int ROUNDS = 4;
    static final int RECALL_QUERIES = 100;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir))) {
            IndexSearcher searcher = new IndexSearcher(reader);
            List<LeafReaderContext> leaves = reader.leaves();
            IndexQueries queries = new IndexQueries(IndexAnalyzers.perField());
            QueryBuilder builder = new QueryBuilder(IndexAnalyzers.perField());
            BitSetProducer parents = new QueryBitSetProducer(new TermQuery(new Term(ChunkDocuments.KIND,
                    ChunkDocuments.PARENT)));
            SplittableRandom random = new SplittableRandom(7);
            String[] texts = new String[QUERIES];
            float[][] vectors = new float[QUERIES][];
            List<float[]> indexed = indexedVectors(reader, 5_000);
            for (int i = 0; i < QUERIES; i++) {
                texts[i] = RetrievalBenchmark.query(random);
                vectors[i] = indexed.get(random.nextInt(indexed.size())); // queries near the data, like real ones
            }
            String[] chunkTexts = new String[10];
            for (int i = 0; i < chunkTexts.length; i++) {
                chunkTexts[i] = RetrievalBenchmark.text(random, 300);
            }
            Snippets snippets = new Snippets(1_000, Duration.ofHours(1));
            System.out.printf("%,d documents in %d segment(s); µs per search, %d queries per round%n",
                    reader.maxDoc(), leaves.size(), QUERIES);
            knnRecall(searcher, parents, vectors);
            for (int round = 0; round < ROUNDS; round++) {
                long[] nanos = new long[8];
                long[] lexicalEach = new long[QUERIES];
                long[] vectorEach = new long[QUERIES];
                for (int i = 0; i < QUERIES; i++) {
                    long t0 = System.nanoTime();
                    Query served = queries.text(texts[i], null);
                    ScoreDoc[] lexical = searcher.search(served, 50).scoreDocs;
                    long t1 = System.nanoTime();
                    searcher.search(disMax(builder, texts[i]), 50);
                    long t2 = System.nanoTime();
                    ScoreDoc[] nearest = searcher.search(new DiversifyingChildrenFloatKnnVectorQuery(
                            ChunkDocuments.VECTOR, vectors[i], null, 50, parents), 50).scoreDocs;
                    ScoreDoc[] children = nearest.clone();
                    for (int h = 0; h < nearest.length; h++) {
                        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(nearest[h].doc, leaves));
                        nearest[h] = new ScoreDoc(parents.getBitSet(leaf).nextSetBit(nearest[h].doc - leaf.docBase)
                                + leaf.docBase, nearest[h].score);
                    }
                    long t3 = System.nanoTime();
                    ExactRescoring.rescore(leaves, ChunkDocuments.VECTOR, ChunkDocuments.SIMILARITY, vectors[i], children);
                    long t3b = System.nanoTime();
                    nanos[7] += t3b - t3;
                    t3 = t3b;
                    Citations all = Citations.load(leaves, lexical, nearest);
                    all.matches(lexical);
                    all.matches(nearest);
                    long t4 = System.nanoTime();
                    int[] top = new int[Math.min(10, lexical.length)];
                    for (int h = 0; h < top.length; h++) {
                        top[h] = lexical[h].doc;
                    }
                    Citations returned = Citations.load(leaves, top);
                    for (int doc : top) {
                        returned.match(doc, 0);
                    }
                    long t5 = System.nanoTime();
                    Snippets.QuerySnippets ofQuery = snippets.forQuery(texts[i]);
                    for (int s = 0; s < 10; s++) {
                        ofQuery.snippet("c" + (i + s) % 10, chunkTexts[(i + s) % 10], "fr");
                    }
                    long t6 = System.nanoTime();
                    for (int s = 0; s < 10; s++) {
                        ofQuery.snippet(null, chunkTexts[(i + s) % 10], "fr"); // analysed anew, as before the cache
                    }
                    long t7 = System.nanoTime();
                    lexicalEach[i] = t1 - t0;
                    vectorEach[i] = t3 - t2;
                    nanos[0] += t1 - t0;
                    nanos[1] += t2 - t1;
                    nanos[2] += t3 - t2;
                    nanos[3] += t4 - t3;
                    nanos[4] += t5 - t4;
                    nanos[5] += t6 - t5;
                    nanos[6] += t7 - t6;
                }
                System.out.printf(Locale.ROOT, "round %d: BM25 top-50 as served %.0f (as dis-max %.0f); kNN top-50 "
                                + "block-join %.0f (rescoring its hits by float vectors %.0f more); citations of ~100 candidates %.0f, of 10 returned %.0f; 10 snippets "
                                + "from cached analysis %.0f (analysing each text %.0f)%n", round,
                        micros(nanos[0]), micros(nanos[1]), micros(nanos[2]), micros(nanos[7]), micros(nanos[3]), micros(nanos[4]),
                        micros(nanos[5]), micros(nanos[6]));
                long[] both = new long[QUERIES];
                for (int i = 0; i < QUERIES; i++) {
                    both[i] = lexicalEach[i] + vectorEach[i];
                }
                System.out.printf(Locale.ROOT, "  per query, µs p50/p90/p99/max (mean, coefficient of variation): BM25 %s; "
                        + "kNN with rescoring %s; both %s%n", spread(lexicalEach), spread(vectorEach), spread(both));
            }
        }
    }

    /**
     * Percentiles, mean and coefficient of variation of per-query times: a closed loop's wait is the sum of the ~63
     * searches ahead, so a spread of query costs widens the tail by itself (the sum's CV is the CV over √32 per thread).
     */
    private static String spread(long[] nanos) {
        long[] sorted = nanos.clone();
        java.util.Arrays.sort(sorted);
        double mean = java.util.Arrays.stream(sorted).average().orElse(0);
        double variance = java.util.Arrays.stream(sorted).mapToDouble(n -> (n - mean) * (n - mean)).average().orElse(0);
        return String.format(Locale.ROOT, "%.0f/%.0f/%.0f/%.0f (%.0f, %.2f)", sorted[sorted.length / 2] / 1e3,
                sorted[sorted.length * 9 / 10] / 1e3, sorted[sorted.length * 99 / 100] / 1e3,
                sorted[sorted.length - 1] / 1e3, mean / 1e3, Math.sqrt(variance) / mean);
    }

    /** The lexical query as it was before: the per-field queries under a dis-max. */
    private static Query disMax(QueryBuilder builder, String text) {
        List<Query> perField = new ArrayList<>();
        for (String field : List.of(IndexAnalyzers.TEXT_AR, IndexAnalyzers.TEXT_FR, IndexAnalyzers.TEXT_STD)) {
            Query query = builder.createBooleanQuery(field, text, BooleanClause.Occur.SHOULD);
            if (query != null) {
                perField.add(query);
            }
        }
        return perField.size() == 1 ? perField.get(0) : new DisjunctionMaxQuery(perField, 0f);
    }

    private static List<float[]> indexedVectors(DirectoryReader reader, int count) throws java.io.IOException {
        List<float[]> vectors = new ArrayList<>(count);
        for (LeafReaderContext leaf : reader.leaves()) {
            FloatVectorValues values = leaf.reader().getFloatVectorValues(ChunkDocuments.VECTOR);
            if (values == null) {
                continue;
            }
            for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS && vectors.size() < count;
                 doc = values.nextDoc()) {
                vectors.add(values.vectorValue().clone());
            }
        }
        return vectors;
    }

    /**
     * How many of the exact top-10 and top-50 chunks (brute force over every float vector, a chunk scored by its best
     * window) the served kNN query finds, over the first {@link #RECALL_QUERIES} queries: what the HNSW walk, and an
     * int8 graph's quantisation, cost in results.
     */
    private static void knnRecall(IndexSearcher searcher, BitSetProducer parents, float[][] vectors)
            throws java.io.IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        long found10 = 0;
        long found50 = 0;
        long foundRescored10 = 0;
        for (int q = 0; q < RECALL_QUERIES; q++) {
            java.util.Map<Integer, Float> best = new java.util.HashMap<>();
            for (LeafReaderContext leaf : leaves) {
                FloatVectorValues values = leaf.reader().getFloatVectorValues(ChunkDocuments.VECTOR);
                if (values == null) {
                    continue;
                }
                org.apache.lucene.util.BitSet leafParents = parents.getBitSet(leaf);
                for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
                    float score = org.apache.lucene.util.VectorUtil.dotProduct(vectors[q], values.vectorValue());
                    best.merge(leafParents.nextSetBit(doc) + leaf.docBase, score, Math::max);
                }
            }
            List<Integer> exact = best.entrySet().stream()
                    .sorted(java.util.Map.Entry.<Integer, Float>comparingByValue().reversed())
                    .limit(50).map(java.util.Map.Entry::getKey).toList();
            ScoreDoc[] served = searcher.search(new DiversifyingChildrenFloatKnnVectorQuery(ChunkDocuments.VECTOR,
                    vectors[q], null, 50, parents), 50).scoreDocs;
            ScoreDoc[] rescored = ExactRescoring.rescore(leaves, ChunkDocuments.VECTOR, ChunkDocuments.SIMILARITY,
                    vectors[q], served);
            java.util.Set<Integer> top10 = new java.util.HashSet<>();
            java.util.Set<Integer> top50 = new java.util.HashSet<>();
            java.util.Set<Integer> rescoredTop10 = new java.util.HashSet<>();
            for (int h = 0; h < served.length; h++) {
                int parent = parentOf(leaves, parents, served[h].doc);
                top50.add(parent);
                if (h < 10) {
                    top10.add(parent);
                    rescoredTop10.add(parentOf(leaves, parents, rescored[h].doc));
                }
            }
            List<Integer> exact10 = exact.subList(0, Math.min(10, exact.size()));
            found10 += exact10.stream().filter(top10::contains).count();
            foundRescored10 += exact10.stream().filter(rescoredTop10::contains).count();
            found50 += exact.stream().filter(top50::contains).count();
        }
        System.out.printf(Locale.ROOT, "kNN recall against exact search (%d queries): @10 %.3f, @50 %.3f; @10 with the "
                        + "hits rescored by their float vectors (what an int8 index serves) %.3f%n", RECALL_QUERIES,
                found10 / (10.0 * RECALL_QUERIES), found50 / (50.0 * RECALL_QUERIES),
                foundRescored10 / (10.0 * RECALL_QUERIES));
    }

    private static int parentOf(List<LeafReaderContext> leaves, BitSetProducer parents, int child)
            throws java.io.IOException {
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(child, leaves));
        return parents.getBitSet(leaf).nextSetBit(child - leaf.docBase) + leaf.docBase;
    }

    private static double micros(long nanos) {
        return nanos / 1e3 / QUERIES;
    }

    private SearchPartsBenchmark() {
    }
}
