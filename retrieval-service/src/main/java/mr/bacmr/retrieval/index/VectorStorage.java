package mr.bacmr.retrieval.index;

import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;

/**
 * How the HNSW graph's vectors are kept. {@code INT8} quantises each dimension to 7 bits (Lucene's scalar quantisation,
 * as Elasticsearch's default {@code int8_hnsw}): the graph is walked over a quarter of the bytes, which is the part of
 * the index a replica must keep in memory to search fast; the float vectors stay on disk for merges. {@code FLOAT32}
 * walks the float vectors themselves. Each segment records its format, so a change applies to segments written or
 * merged after it, and both read alike.
 */
public enum VectorStorage {
    FLOAT32(new Lucene99HnswVectorsFormat()),
    INT8(new Lucene99HnswScalarQuantizedVectorsFormat());

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
