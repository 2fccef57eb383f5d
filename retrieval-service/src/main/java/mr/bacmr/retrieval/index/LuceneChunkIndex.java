package mr.bacmr.retrieval.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ControlledRealTimeReopenThread;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.join.BitSetProducer;
import org.apache.lucene.search.join.DiversifyingChildrenFloatKnnVectorQuery;
import org.apache.lucene.search.join.QueryBitSetProducer;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BitSet;

import mr.bacmr.retrieval.domain.IndexCandidates;
import mr.bacmr.retrieval.domain.IndexMatch;
import mr.bacmr.retrieval.domain.IndexQuery;
import mr.bacmr.retrieval.domain.IndexedChunk;
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
     * emptied: its vectors live in another space, and replaying the topic rebuilds it.
     */
    public LuceneChunkIndex(Path path, String model, double maxStaleSeconds, int ramBufferMb) {
        try {
            Files.createDirectories(path);
            Analyzer analyzer = IndexAnalyzers.perField();
            this.directory = FSDirectory.open(path);
            IndexWriterConfig config = new IndexWriterConfig(analyzer)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setRAMBufferSizeMB(ramBufferMb);
            this.writer = new IndexWriter(directory, config);
            this.model = model;
            this.queries = new IndexQueries(analyzer);
            this.checkpointed = readOffsets(writer.getLiveCommitData());
            if (!checkpointed.isEmpty() && !model.equals(commitValue(MODEL_KEY))) {
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
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                Map<Integer, Document> stored = new HashMap<>();
                StoredFields fields = searcher.storedFields();
                List<IndexMatch> lexical = query.text() == null ? List.of() : lexical(searcher, fields, stored, query);
                List<IndexMatch> vector = query.vector() == null ? List.of() : nearest(searcher, fields, stored, query);
                return new IndexCandidates(lexical, vector);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<IndexMatch> lexical(IndexSearcher searcher, StoredFields fields, Map<Integer, Document> stored,
                                     IndexQuery query) throws IOException {
        Query text = queries.text(query.text(), query.filters().language());
        if (text == null) {
            return List.of();
        }
        BooleanQuery.Builder bool = new BooleanQuery.Builder().add(text, BooleanClause.Occur.MUST);
        Query filter = IndexQueries.filter(query.filters());
        if (filter != null) {
            bool.add(filter, BooleanClause.Occur.FILTER);
        }
        TopDocs top = searcher.search(bool.build(), query.lexicalK());
        List<IndexMatch> matches = new ArrayList<>(top.scoreDocs.length);
        for (ScoreDoc hit : top.scoreDocs) {
            matches.add(match(fields, stored, hit.doc, hit.score));
        }
        return matches;
    }

    private List<IndexMatch> nearest(IndexSearcher searcher, StoredFields fields, Map<Integer, Document> stored,
                                     IndexQuery query) throws IOException {
        Query knn = new DiversifyingChildrenFloatKnnVectorQuery(ChunkDocuments.VECTOR, query.vector(),
                IndexQueries.filter(query.filters()), query.vectorK(), parents);
        TopDocs top = searcher.search(knn, query.vectorK());
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        List<IndexMatch> matches = new ArrayList<>(top.scoreDocs.length);
        for (ScoreDoc hit : top.scoreDocs) {
            // the query answers with the best child of each chunk; its parent closes the block
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(hit.doc, leaves));
            BitSet leafParents = parents.getBitSet(leaf);
            int parent = leafParents.nextSetBit(hit.doc - leaf.docBase) + leaf.docBase;
            matches.add(match(fields, stored, parent, hit.score));
        }
        return matches;
    }

    private static IndexMatch match(StoredFields fields, Map<Integer, Document> stored, int doc, float score)
            throws IOException {
        Document parent = stored.get(doc);
        if (parent == null) {
            parent = fields.document(doc);
            stored.put(doc, parent);
        }
        return new IndexMatch(parent.get(ChunkDocuments.ID), UUID.fromString(parent.get(ChunkDocuments.DOCUMENT)),
                parent.get(ChunkDocuments.TITLE), parent.getField(ChunkDocuments.PAGE).numericValue().intValue(),
                parent.get(ChunkDocuments.LANGUAGE), parent.getField(ChunkDocuments.TOKENS).numericValue().intValue(),
                score);
    }

    @Override
    public long size() {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return searcher.count(PARENTS);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
