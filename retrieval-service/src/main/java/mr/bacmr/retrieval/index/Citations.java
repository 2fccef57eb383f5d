package mr.bacmr.retrieval.index;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.util.BytesRef;

import mr.bacmr.retrieval.domain.IndexMatch;

/**
 * The citation metadata of hit chunks, read from the parents' doc values: the hits of both lists are visited once,
 * in doc order, with one set of forward-only iterators per segment.
 */
final class Citations {

    private record Citation(String chunkId, UUID documentId, String title, int page, String language, int tokenCount) {
    }

    private final Map<Integer, Citation> byDoc;

    private Citations(Map<Integer, Citation> byDoc) {
        this.byDoc = byDoc;
    }

    /** Loads the citations of every parent doc (global doc ids) in {@code lists}. */
    static Citations load(List<LeafReaderContext> leaves, ScoreDoc[]... lists) throws IOException {
        return load(leaves, Arrays.stream(lists).flatMap(Arrays::stream).mapToInt(hit -> hit.doc).toArray());
    }

    /** Loads the citations of the given parent docs (global doc ids, any order, repeats allowed). */
    static Citations load(List<LeafReaderContext> leaves, int[] unsorted) throws IOException {
        int[] docs = Arrays.stream(unsorted).sorted().distinct().toArray();
        Map<Integer, Citation> byDoc = new HashMap<>(docs.length * 2);
        int i = 0;
        while (i < docs.length) {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(docs[i], leaves));
            LeafReader reader = leaf.reader();
            int end = leaf.docBase + reader.maxDoc();
            BinaryDocValues ids = DocValues.getBinary(reader, ChunkDocuments.META_ID);
            BinaryDocValues documents = DocValues.getBinary(reader, ChunkDocuments.META_DOCUMENT);
            BinaryDocValues titles = DocValues.getBinary(reader, ChunkDocuments.META_TITLE);
            NumericDocValues pages = DocValues.getNumeric(reader, ChunkDocuments.META_PAGE);
            SortedDocValues languages = DocValues.getSorted(reader, ChunkDocuments.META_LANGUAGE);
            NumericDocValues tokens = DocValues.getNumeric(reader, ChunkDocuments.META_TOKENS);
            for (; i < docs.length && docs[i] < end; i++) {
                int doc = docs[i] - leaf.docBase;
                String document = string(documents, doc);
                byDoc.put(docs[i], new Citation(string(ids, doc), document == null ? null : UUID.fromString(document),
                        string(titles, doc), number(pages, doc),
                        string(languages, doc), number(tokens, doc)));
            }
        }
        return new Citations(byDoc);
    }

    /** The hits as matches, in their order. */
    List<IndexMatch> matches(ScoreDoc[] hits) {
        List<IndexMatch> matches = new ArrayList<>(hits.length);
        for (ScoreDoc hit : hits) {
            matches.add(match(hit.doc, hit.score));
        }
        return matches;
    }

    /** The loaded doc as a match with the given score. */
    IndexMatch match(int doc, double score) {
        Citation c = byDoc.get(doc);
        return new IndexMatch(c.chunkId(), c.documentId(), c.title(), c.page(), c.language(), c.tokenCount(), score);
    }

    private static String string(SortedDocValues values, int doc) throws IOException {
        return values.advanceExact(doc) ? utf8(values.lookupOrd(values.ordValue())) : null;
    }

    private static String string(BinaryDocValues values, int doc) throws IOException {
        return values.advanceExact(doc) ? utf8(values.binaryValue()) : null;
    }

    /**
     * The JDK's decoder, not {@link BytesRef#utf8ToString()}: ids and most titles are ASCII, which it turns into a
     * compact string in one vectorised pass where Lucene's goes through a char[] (1.2 % of a search's samples).
     */
    private static String utf8(BytesRef bytes) {
        return new String(bytes.bytes, bytes.offset, bytes.length, StandardCharsets.UTF_8);
    }

    private static int number(NumericDocValues values, int doc) throws IOException {
        return values.advanceExact(doc) ? (int) values.longValue() : 0;
    }
}
