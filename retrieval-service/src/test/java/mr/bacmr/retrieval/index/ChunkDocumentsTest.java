package mr.bacmr.retrieval.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;

import mr.bacmr.retrieval.domain.IndexedChunk;

/**
 * The empty text fields every document carries make BM25's norms dense (read by position) and change nothing else:
 * the same chunks score the same as in an index without them.
 */
class ChunkDocumentsTest {

    static final String[] FRENCH = "photosynthèse plante cellule énergie lumière eau carbone glucose feuille racine"
            .split(" ");
    static final String[] ARABIC = "النيل نهر الماء الشمس النبات الخلية الطاقة التاريخ الدستور الدولة".split(" ");

    @Test
    void everyDocumentHasANormForEveryTextField() throws IOException {
        try (Directory dir = index(chunks(), false); DirectoryReader reader = DirectoryReader.open(dir)) {
            for (LeafReaderContext leaf : reader.leaves()) {
                for (String field : IndexAnalyzers.TEXT_FIELDS) {
                    NumericDocValues norms = leaf.reader().getNormValues(field);
                    int withNorm = 0;
                    while (norms.nextDoc() != DocIdSetIterator.NO_MORE_DOCS) {
                        withNorm++;
                    }
                    assertEquals(leaf.reader().maxDoc(), withNorm, field + " norms are dense");
                }
            }
        }
    }

    @Test
    void emptyTextFieldsLeaveScoresUnchanged() throws IOException {
        List<IndexedChunk> chunks = chunks();
        try (Directory dense = index(chunks, false); Directory sparse = index(chunks, true);
             DirectoryReader withEmpty = DirectoryReader.open(dense);
             DirectoryReader without = DirectoryReader.open(sparse)) {
            IndexQueries queries = new IndexQueries(IndexAnalyzers.perField());
            SplittableRandom random = new SplittableRandom(5);
            int hits = 0;
            for (int q = 0; q < 40; q++) {
                String text = words(random, q % 3 == 0 ? ARABIC : FRENCH, 2);
                Query query = queries.text(text, null);
                ScoreDoc[] expected = new IndexSearcher(without).search(query, 20).scoreDocs;
                ScoreDoc[] actual = new IndexSearcher(withEmpty).search(query, 20).scoreDocs;
                assertArrayEquals(docs(expected), docs(actual), text);
                assertArrayEquals(scores(expected), scores(actual), 0f, text);
                hits += actual.length;
            }
            assertTrue(hits > 100, "queries matched: " + hits);
        }
    }

    private static List<IndexedChunk> chunks() {
        SplittableRandom random = new SplittableRandom(3);
        List<IndexedChunk> chunks = new ArrayList<>();
        UUID document = UUID.randomUUID();
        for (int i = 0; i < 300; i++) {
            String language = i % 3 == 0 ? "ar" : i % 7 == 0 ? "en" : "fr";
            List<float[]> windows = new ArrayList<>();
            for (int w = 0; w <= i % 3; w++) {
                windows.add(new float[] {(float) random.nextDouble(), (float) random.nextDouble(), 1f});
            }
            String text = i % 50 == 7 ? null : words(random, "ar".equals(language) ? ARABIC : FRENCH, 5 + i % 40);
            chunks.add(new IndexedChunk("chunk-" + i, document, "Manuel", "sciences", "7C", language, 1, 100, text,
                    windows));
        }
        return chunks;
    }

    /** The chunks' blocks in a fresh index, optionally without the empty text fields (the layout before them). */
    private static Directory index(List<IndexedChunk> chunks, boolean withoutEmptyTextFields) throws IOException {
        Directory dir = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(IndexAnalyzers.perField()))) {
            for (IndexedChunk chunk : chunks) {
                List<Document> block = ChunkDocuments.block(chunk);
                if (withoutEmptyTextFields) {
                    block = block.stream().map(ChunkDocumentsTest::withoutEmptyText).toList();
                }
                writer.addDocuments(block);
            }
            writer.forceMerge(1);
        }
        return dir;
    }

    private static Document withoutEmptyText(Document doc) {
        Document copy = new Document();
        for (IndexableField field : doc.getFields()) {
            if (!(IndexAnalyzers.TEXT_FIELDS.contains(field.name()) && "".equals(field.stringValue()))) {
                copy.add(field);
            }
        }
        return copy;
    }

    private static String words(SplittableRandom random, String[] words, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : " ").append(words[random.nextInt(words.length)]);
        }
        return text.toString();
    }

    private static int[] docs(ScoreDoc[] hits) {
        return java.util.Arrays.stream(hits).mapToInt(hit -> hit.doc).toArray();
    }

    private static float[] scores(ScoreDoc[] hits) {
        float[] scores = new float[hits.length];
        for (int i = 0; i < hits.length; i++) {
            scores[i] = hits[i].score;
        }
        return scores;
    }
}
