package mr.bacmr.retrieval.index;

import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;

/**
 * How the HNSW graph's vectors are kept. {@code INT8} (the default) quantises each dimension to 7 bits (Lucene's scalar
 * quantisation, as Elasticsearch's default {@code int8_hnsw}): the graph is walked over a quarter of the bytes, which is
 * the part of the index a replica must keep in memory to search fast, and its hits are rescored with the float vectors
 * the format keeps on disk for merges ({@code ExactRescoring}). {@code FLOAT32} walks the float vectors themselves.
 * Each segment records its format, so a change applies to segments written or merged after it, and both read alike.
 */
public enum VectorStorage {
    FLOAT32(new Lucene99HnswVectorsFormat()),
    INT8(new Lucene99HnswScalarQuantizedVectorsFormat());

    /**
     * What the service uses unless configured otherwise: on the benchmark's 100k chunks the int8 walk plus the rescoring
     * took 5-11 % less CPU per search than float32 in three paired comparisons, for a quarter of the memory to keep
     * hot, and the QA sets' recall@5 did not move (docs/benchmarks.md).
     */
    public static final VectorStorage DEFAULT = INT8;

    private final KnnVectorsFormat format;

    VectorStorage(KnnVectorsFormat format) {
        this.format = format;
    }

    /** Lucene's default codec with this vector format for every vector field. */
    Codec codec() {
        return new Lucene912Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return format;
            }
        };
    }
}
