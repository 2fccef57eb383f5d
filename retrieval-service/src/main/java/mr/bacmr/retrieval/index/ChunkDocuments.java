package mr.bacmr.retrieval.index;

import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.VectorUtil;

import mr.bacmr.retrieval.domain.IndexedChunk;

/**
 * How a chunk is laid out in Lucene: a block of one child per window vector followed by the parent (the chunk), so
 * a block-join kNN query counts each chunk once. Every document of the block carries the chunk id (an upsert or a
 * delete by that term replaces the whole block) and the filter fields (so filters apply to kNN children directly).
 * The parent holds the citation metadata as doc values (a search reads them for up to a hundred hits: column reads,
 * not a stored-fields block decompression per hit) and the BM25 text field of its language; no text is stored.
 * Vectors are indexed unit-length under DOT_PRODUCT, which ranks like cosine at a third of the arithmetic.
 */
final class ChunkDocuments {

    static final String ID = "chunk_id";
    static final String KIND = "kind";
    static final String PARENT = "chunk";
    static final String DOCUMENT = "document_id";
    static final String SUBJECT = "subject";
    static final String LEVEL = "level";
    static final String LANGUAGE = "language";
    /** Unit-length window vectors (DOT_PRODUCT); schema 1 had "vector" under COSINE. */
    static final String VECTOR = "unit_vector";
    static final VectorSimilarityFunction SIMILARITY = VectorSimilarityFunction.DOT_PRODUCT;
    /** Doc-values names of the citation metadata (own names: a field's data structures must agree across docs). */
    static final String META_ID = "meta.chunk_id";
    static final String META_DOCUMENT = "meta.document_id";
    static final String META_TITLE = "meta.title";
    static final String META_PAGE = "meta.page";
    static final String META_LANGUAGE = "meta.language";
    static final String META_TOKENS = "meta.token_count";
    /** Bumped when the layout changes: an index of another schema is rebuilt from the topic. */
    static final String SCHEMA = "2";

    private ChunkDocuments() {
    }

    static List<Document> block(IndexedChunk chunk) {
        List<Document> block = new ArrayList<>(chunk.vectors().size() + 1);
        for (float[] vector : chunk.vectors()) {
            Document child = new Document();
            child.add(new StringField(ID, chunk.chunkId(), Field.Store.NO));
            addFilterFields(child, chunk);
            child.add(new KnnFloatVectorField(VECTOR, unit(vector), SIMILARITY));
            addEmptyTextFields(child, null);
            block.add(child);
        }
        Document parent = new Document();
        parent.add(new StringField(ID, chunk.chunkId(), Field.Store.NO));
        parent.add(new StringField(KIND, PARENT, Field.Store.NO));
        addFilterFields(parent, chunk);
        // binary, not sorted: unique values, and a sorted lookup decompresses a terms-dictionary block per hit
        parent.add(new BinaryDocValuesField(META_ID, new BytesRef(chunk.chunkId())));
        parent.add(new BinaryDocValuesField(META_DOCUMENT, new BytesRef(chunk.documentId().toString())));
        if (chunk.title() != null) {
            parent.add(new BinaryDocValuesField(META_TITLE, new BytesRef(chunk.title())));
        }
        if (chunk.language() != null && !chunk.language().isBlank()) {
            parent.add(new SortedDocValuesField(META_LANGUAGE, new BytesRef(chunk.language())));
        }
        parent.add(new NumericDocValuesField(META_PAGE, chunk.page()));
        parent.add(new NumericDocValuesField(META_TOKENS, chunk.tokenCount()));
        String textField = null;
        if (chunk.text() != null) {
            textField = IndexAnalyzers.textField(chunk.language());
            parent.add(new TextField(textField, chunk.text(), Field.Store.NO));
        }
        addEmptyTextFields(parent, textField);
        block.add(parent);   // the parent closes its block
        return block;
    }

    /** A unit-length copy (DOT_PRODUCT needs it; the model's vectors may or may not be normalised); zero stays zero. */
    static float[] unit(float[] vector) {
        float[] copy = vector.clone();
        double norm = 0;
        for (float x : copy) {
            norm += x * x;
        }
        return norm == 0 ? copy : VectorUtil.l2normalize(copy);
    }

    /**
     * Every document carries every text field, empty where it has no text of that language: an empty field still
     * records a norm (length 0), so norms are dense and BM25 reads a chunk's length by position. With the field on
     * parents of one language only, the norms were sparse and each scored document first searched the
     * which-documents-have-it index (about 5% of a search's CPU). Empty fields add no terms, so nothing else changes.
     */
    private static void addEmptyTextFields(Document doc, String except) {
        for (String field : IndexAnalyzers.TEXT_FIELDS) {
            if (!field.equals(except)) {
                doc.add(new TextField(field, "", Field.Store.NO));
            }
        }
    }

    private static void addFilterFields(Document doc, IndexedChunk chunk) {
        doc.add(new StringField(DOCUMENT, chunk.documentId().toString(), Field.Store.NO));
        addIfPresent(doc, SUBJECT, chunk.subject());
        addIfPresent(doc, LEVEL, chunk.level());
        addIfPresent(doc, LANGUAGE, chunk.language());
    }

    private static void addIfPresent(Document doc, String field, String value) {
        if (value != null && !value.isBlank()) {
            doc.add(new StringField(field, value, Field.Store.NO));
        }
    }
}
