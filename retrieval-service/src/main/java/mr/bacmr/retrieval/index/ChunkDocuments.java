package mr.bacmr.retrieval.index;

import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.VectorSimilarityFunction;

import mr.bacmr.retrieval.domain.IndexedChunk;

/**
 * How a chunk is laid out in Lucene: a block of one child per window vector followed by the parent (the chunk), so
 * a block-join kNN query counts each chunk once. Every document of the block carries the chunk id (an upsert or a
 * delete by that term replaces the whole block) and the filter fields (so filters apply to kNN children directly).
 * The parent holds the citation metadata and the BM25 text field of its language; the text itself is not stored.
 */
final class ChunkDocuments {

    static final String ID = "chunk_id";
    static final String KIND = "kind";
    static final String PARENT = "chunk";
    static final String DOCUMENT = "document_id";
    static final String SUBJECT = "subject";
    static final String LEVEL = "level";
    static final String LANGUAGE = "language";
    static final String TITLE = "title";
    static final String PAGE = "page";
    static final String TOKENS = "token_count";
    static final String VECTOR = "vector";

    private ChunkDocuments() {
    }

    static List<Document> block(IndexedChunk chunk) {
        List<Document> block = new ArrayList<>(chunk.vectors().size() + 1);
        for (float[] vector : chunk.vectors()) {
            Document child = new Document();
            child.add(new StringField(ID, chunk.chunkId(), Field.Store.NO));
            addFilterFields(child, chunk, Field.Store.NO);
            child.add(new KnnFloatVectorField(VECTOR, vector, VectorSimilarityFunction.COSINE));
            block.add(child);
        }
        Document parent = new Document();
        parent.add(new StringField(ID, chunk.chunkId(), Field.Store.YES));
        parent.add(new StringField(KIND, PARENT, Field.Store.NO));
        addFilterFields(parent, chunk, Field.Store.YES);
        if (chunk.title() != null) {
            parent.add(new StoredField(TITLE, chunk.title()));
        }
        parent.add(new StoredField(PAGE, chunk.page()));
        parent.add(new StoredField(TOKENS, chunk.tokenCount()));
        if (chunk.text() != null) {
            parent.add(new TextField(IndexAnalyzers.textField(chunk.language()), chunk.text(), Field.Store.NO));
        }
        block.add(parent);   // the parent closes its block
        return block;
    }

    private static void addFilterFields(Document doc, IndexedChunk chunk, Field.Store store) {
        doc.add(new StringField(DOCUMENT, chunk.documentId().toString(), store));
        addIfPresent(doc, SUBJECT, chunk.subject(), Field.Store.NO);
        addIfPresent(doc, LEVEL, chunk.level(), Field.Store.NO);
        addIfPresent(doc, LANGUAGE, chunk.language(), store);
    }

    private static void addIfPresent(Document doc, String field, String value, Field.Store store) {
        if (value != null && !value.isBlank()) {
            doc.add(new StringField(field, value, store));
        }
    }
}
