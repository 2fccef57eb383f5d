package mr.bacmr.retrieval.domain;

import java.util.List;
import java.util.Map;

/**
 * The search index port: materialised from {@code bacmr.ingestion.chunks}, searched by BM25 and by vector. The local
 * Lucene index is the adapter every replica runs; a remote vector store (Pinecone, S4) would be another, for
 * deployments that outgrow one replica's memory. Writes are blocking and come from one consumer thread.
 */
public interface VectorIndex {

    /** Inserts or replaces the chunk (idempotent by chunk id). */
    void upsert(IndexedChunk chunk);

    /** Removes the chunk; unknown ids are ignored. */
    void delete(String chunkId);

    /**
     * Makes everything written so far durable together with the consumer position ({@code partition → next offset}),
     * so a restart resumes exactly there; an adapter that cannot do both atomically must store the offsets after the
     * writes (at-least-once, which upserts by id tolerate).
     */
    void checkpoint(Map<Integer, Long> nextOffsets);

    /** The positions of the last checkpoint; empty for an index that has none (then it is rebuilt from the start). */
    Map<Integer, Long> checkpointedOffsets();

    /** The BM25 and kNN lists, each with full citation metadata (evaluations compare them). */
    IndexCandidates candidates(IndexQuery query);

    /**
     * The hybrid list a search serves: both lists fused by {@code fusion}, vector terms weighted {@code vectorWeight},
     * best first, at most {@code limit}. Adapters may fuse before they read metadata, so only what is returned pays
     * for its citation.
     */
    default List<IndexMatch> hybrid(IndexQuery query, RankFusion fusion, int limit, double vectorWeight) {
        return fusion.fuse(candidates(query), limit, vectorWeight);
    }

    /** Chunks in the index (visible to searches). */
    long size();

    /** Blocks until what was written so far is visible to searches (evaluations and tools; never on a request). */
    void awaitVisible();
}
