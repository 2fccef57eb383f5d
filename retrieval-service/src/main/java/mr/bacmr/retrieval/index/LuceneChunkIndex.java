package mr.bacmr.retrieval.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ControlledRealTimeReopenThread;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.join.BitSetProducer;
import org.apache.lucene.search.join.DiversifyingChildrenFloatKnnVectorQuery;
import org.apache.lucene.search.join.QueryBitSetProducer;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BitSet;

import mr.bacmr.retrieval.domain.IndexCandidates;
import mr.bacmr.retrieval.domain.IndexQuery;
import mr.bacmr.retrieval.domain.IndexMatch;
import mr.bacmr.retrieval.domain.IndexedChunk;
import mr.bacmr.retrieval.domain.RankFusion;
import mr.bacmr.retrieval.domain.VectorIndex;

/**
 * The local Lucene index: HNSW vectors (one child document per window, searched with a block-join kNN query so a
 * chunk counts once) and BM25 over per-language analysed text, in a directory of its own. The consumer's offsets
 * are the commit's user data, so index content and position become durable in the same commit. Searchers are
 * refreshed in the background at most {@code maxStaleSeconds} after a write.
 */
public final class LuceneChunkIndex implements VectorIndex, AutoCloseable {

    static final String OFFSET_PREFIX = "kafka.offset.";
    static final String MODEL_KEY = "embedding.model";

    static final String SCHEMA_KEY = "index.schema";
    private static final ScoreDoc[] NO_HITS = new ScoreDoc[0];
    private static final Query PARENTS = new TermQuery(new Term(ChunkDocuments.KIND, ChunkDocuments.PARENT));

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final ControlledRealTimeReopenThread<IndexSearcher> reopener;
    private final BitSetProducer parents = new QueryBitSetProducer(PARENTS);
    private final IndexQueries queries;
    private final String model;
    private final AtomicLong lastWrite = new AtomicLong();
    private volatile Map<Integer, Long> checkpointed;

    /**
     * Opens (or creates) the index at {@code path} for vectors of {@code model}. An index built for another model is
     * emptied: its vectors live in another space, and replaying the topic rebuilds it; so is an index of an older layout.
     * New segments keep their vectors as {@link VectorStorage#DEFAULT} says.
     */
    public LuceneChunkIndex(Path path, String model, double maxStaleSeconds, int ramBufferMb) {
        this(path, model, maxStaleSeconds, ramBufferMb, VectorStorage.DEFAULT);
    }

    /** As above, with the HNSW vectors kept as {@code storage} says in every segment written from now on. */
    public LuceneChunkIndex(Path path, String model, double maxStaleSeconds, int ramBufferMb, VectorStorage storage) {
        try {
            Files.createDirectories(path);
            Analyzer analyzer = IndexAnalyzers.perField();
            this.directory = FSDirectory.open(path);
            IndexWriterConfig config = new IndexWriterConfig(analyzer)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setRAMBufferSizeMB(ramBufferMb)
                    .setCodec(storage.codec());
            this.writer = new IndexWriter(directory, config);
            this.model = model;
            this.queries = new IndexQueries(analyzer);
            this.checkpointed = readOffsets(writer.getLiveCommitData());
            boolean otherModel = !checkpointed.isEmpty() && !model.equals(commitValue(MODEL_KEY));
            boolean otherSchema = writer.getDocStats().maxDoc > 0 && !ChunkDocuments.SCHEMA.equals(commitValue(SCHEMA_KEY));
            if (otherModel || otherSchema) {
                writer.deleteAll();
                checkpointed = Map.of();
            }
            this.searchers = new SearcherManager(writer, null);
            this.reopener = new ControlledRealTimeReopenThread<>(writer, searchers, maxStaleSeconds,
                    Math.min(0.05, maxStaleSeconds));
            reopener.setName("lucene-index-reopener");
            reopener.setDaemon(true);
            reopener.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index at " + path, e);
        }
    }

    @Override
    public void upsert(IndexedChunk chunk) {
        try {
            lastWrite.set(writer.updateDocuments(new Term(ChunkDocuments.ID, chunk.chunkId()), ChunkDocuments.block(chunk)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void delete(String chunkId) {
        try {
            lastWrite.set(writer.deleteDocuments(new Term(ChunkDocuments.ID, chunkId)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void checkpoint(Map<Integer, Long> nextOffsets) {
        Map<String, String> data = new HashMap<>();
        nextOffsets.forEach((partition, offset) -> data.put(OFFSET_PREFIX + partition, Long.toString(offset)));
        data.put(MODEL_KEY, model);
        data.put(SCHEMA_KEY, ChunkDocuments.SCHEMA);
        try {
            writer.setLiveCommitData(data.entrySet());
            writer.commit();
            checkpointed = Map.copyOf(nextOffsets);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<Integer, Long> checkpointedOffsets() {
        return checkpointed;
    }

    @Override
    public IndexCandidates candidates(IndexQuery query) {
        return withSearcher(searcher -> {
            ScoreDoc[] lexical = query.text() == null ? NO_HITS : lexical(searcher, query);
            ScoreDoc[] vector = query.vector() == null ? NO_HITS : nearest(searcher, query);
            Citations citations = Citations.load(searcher.getIndexReader().leaves(), lexical, vector);
            return new IndexCandidates(citations.matches(lexical), citations.matches(vector));
        });
    }

    /**
     * Fuses on document numbers inside one searcher snapshot and reads citation doc values only for the fused top
     * {@code limit}: reading them for all ~100 candidates (compressed binary doc values) cost more than BM25 itself.
     */
    @Override
    public List<IndexMatch> hybrid(IndexQuery query, RankFusion fusion, int limit, double vectorWeight) {
        return withSearcher(searcher -> {
            List<ScoreDoc> lexical = List.of(query.text() == null ? NO_HITS : lexical(searcher, query));
            List<ScoreDoc> vector = List.of(query.vector() == null ? NO_HITS : nearest(searcher, query));
            List<RankFusion.Fused<ScoreDoc>> fused = fusion.fuse(lexical, vector, hit -> hit.doc, limit, vectorWeight);
            Citations citations = Citations.load(searcher.getIndexReader().leaves(),
                    fused.stream().mapToInt(f -> f.item().doc).toArray());
            return fused.stream().map(f -> citations.match(f.item().doc, f.score())).toList();
        });
    }

    /** BM25 hits: parents, the only documents with text. */
    private ScoreDoc[] lexical(IndexSearcher searcher, IndexQuery query) throws IOException {
        Query text = queries.text(query.text(), query.filters().language());
        if (text == null) {
            return NO_HITS;
        }
        BooleanQuery.Builder bool = new BooleanQuery.Builder().add(text, BooleanClause.Occur.MUST);
        Query filter = IndexQueries.filter(query.filters());
        if (filter != null) {
            bool.add(filter, BooleanClause.Occur.FILTER);
        }
        return searcher.search(bool.build(), query.lexicalK()).scoreDocs;
    }

    /** kNN hits, each the parent of the chunk's best window. */
    private ScoreDoc[] nearest(IndexSearcher searcher, IndexQuery query) throws IOException {
        float[] target = ChunkDocuments.unit(query.vector());
        Query knn = new DiversifyingChildrenFloatKnnVectorQuery(ChunkDocuments.VECTOR, target,
                IndexQueries.filter(query.filters()), query.vectorK(), parents);
        ScoreDoc[] hits = searcher.search(knn, query.vectorK()).scoreDocs;
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        // hits of int8 segments get their exact float scores and order (float segments' hits have them already)
        hits = ExactRescoring.rescore(leaves, ChunkDocuments.VECTOR, ChunkDocuments.SIMILARITY, target, hits);
        ScoreDoc[] parentHits = new ScoreDoc[hits.length];
        for (int i = 0; i < hits.length; i++) {
            // the query answers with the best child of each chunk; its parent closes the block
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(hits[i].doc, leaves));
            BitSet leafParents = parents.getBitSet(leaf);
            parentHits[i] = new ScoreDoc(leafParents.nextSetBit(hits[i].doc - leaf.docBase) + leaf.docBase, hits[i].score);
        }
        return parentHits;
    }

    /**
     * Merges the index down to at most {@code maxSegments} segments and makes the result visible. HNSW and BM25 run
     * once per segment, so after a bulk load (every NRT refresh flushes a small segment) searches get cheaper; costly
     * (minutes for 100k chunks), so for tools and maintenance, not the request path.
     */
    public void compact(int maxSegments) {
        try {
            writer.forceMerge(maxSegments);
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The number of segments searches currently run over. */
    public int segments() {
        return withSearcher(searcher -> searcher.getIndexReader().leaves().size());
    }

    @Override
    public long size() {
        return withSearcher(searcher -> (long) searcher.count(PARENTS));
    }

    @Override
    public void awaitVisible() {
        try {
            reopener.waitForGeneration(lastWrite.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        reopener.close();
        searchers.close();
        writer.close();
        directory.close();
    }

    /** Work on a searcher of the latest refreshed snapshot, released afterwards. */
    private <T> T withSearcher(SearcherWork<T> work) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return work.apply(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    private interface SearcherWork<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private String commitValue(String key) throws IOException {
        Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
        if (data != null) {
            for (Map.Entry<String, String> entry : data) {
                if (entry.getKey().equals(key)) {
                    return entry.getValue();
                }
            }
        }
        return null;
    }

    private static Map<Integer, Long> readOffsets(Iterable<Map.Entry<String, String>> data) {
        Map<Integer, Long> offsets = new HashMap<>();
        if (data != null) {
            for (Map.Entry<String, String> entry : data) {
                if (entry.getKey().startsWith(OFFSET_PREFIX)) {
                    offsets.put(Integer.parseInt(entry.getKey().substring(OFFSET_PREFIX.length())),
                            Long.parseLong(entry.getValue()));
                }
            }
        }
        return Map.copyOf(offsets);
    }
}
