package mr.bacmr.retrieval.index;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.util.NumericUtils;
import org.apache.lucene.util.quantization.QuantizedVectorsReader;

/**
 * Rescores kNN hits found on an int8 graph with the float vectors the quantised format keeps beside it (for merges),
 * as Elasticsearch's {@code rescore_vector} does: the walk reads a quarter of the bytes per visited vector, and only
 * the k hits pay for a float read, so their order is the exact one again. Whether a segment is quantised is read from
 * the segment, not from the setting (which only decides what is written next): after a change of setting both kinds
 * sit side by side until they merge. Hits of float segments keep the exact score they already have, unread.
 */
final class ExactRescoring {

    private ExactRescoring() {
    }

    /** {@code hits} (top-level doc ids of documents with a vector in {@code field}) by their exact score, best first. */
    static ScoreDoc[] rescore(List<LeafReaderContext> leaves, String field, VectorSimilarityFunction similarity,
                              float[] target, ScoreDoc[] hits) throws IOException {
        // sorted as primitive keys: boxing comparators over 50 hits, twice per search, cost as much as 10 float reads
        long[] byDoc = new long[hits.length];
        for (int i = 0; i < hits.length; i++) {
            byDoc[i] = (long) hits[i].doc << 32 | i;
        }
        Arrays.sort(byDoc);   // vector values only move forward
        long[] byScore = new long[hits.length];
        LeafReaderContext leaf = null;
        FloatVectorValues values = null;
        for (int i = 0; i < byDoc.length; i++) {
            ScoreDoc hit = hits[(int) byDoc[i]];
            if (leaf == null || hit.doc >= leaf.docBase + leaf.reader().maxDoc()) {
                leaf = leaves.get(ReaderUtil.subIndex(hit.doc, leaves));
                values = quantised(leaf.reader(), field) ? leaf.reader().getFloatVectorValues(field) : null;
            }
            int doc = hit.doc - leaf.docBase;
            float score = hit.score;
            if (values != null) {
                int at = values.docID() < doc ? values.advance(doc) : values.docID();
                if (at == doc) {
                    score = similarity.compare(target, values.vectorValue());
                }
            }
            // best score first, then the lower doc id: the order TopDocs gives ties
            byScore[i] = (long) ~NumericUtils.floatToSortableInt(score) << 32 | hit.doc;
        }
        Arrays.sort(byScore);
        ScoreDoc[] rescored = new ScoreDoc[hits.length];
        for (int i = 0; i < byScore.length; i++) {
            rescored[i] = new ScoreDoc((int) byScore[i], NumericUtils.sortableIntToFloat(~(int) (byScore[i] >> 32)));
        }
        return rescored;
    }

    /** Whether the segment keeps {@code field}'s graph vectors quantised (a map lookup in its vectors reader). */
    static boolean quantised(LeafReader reader, String field) {
        return reader instanceof CodecReader codec
                && codec.getVectorReader() instanceof PerFieldKnnVectorsFormat.FieldsReader perField
                && perField.getFieldReader(field) instanceof QuantizedVectorsReader vectors
                && vectors.getQuantizationState(field) != null;
    }
}
