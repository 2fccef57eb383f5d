package mr.bacmr.ingestion.chunking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import mr.bacmr.ingestion.testing.Corpus;
import org.junit.jupiter.api.Test;

/** The chunker on real text: the IPN French textbook (pdftotext) and the XQuAD Arabic passages. */
class TokenChunkerCorpusTest {

    private final TokenChunker chunker = new TokenChunker();

    @Test
    void frenchTextbookPageByPage() throws Exception {
        String fileId = Corpus.sha256Hex(Corpus.file(Corpus.FRENCH_TEXTBOOK));
        List<String> pages = Corpus.frenchTextbookPages();
        ChunkChecks checks = new ChunkChecks();
        for (int p = 0; p < pages.size(); p++) {
            List<Chunk> chunks = chunker.chunk(fileId, p + 1, pages.get(p), "fr");
            checks.check(fileId, p + 1, pages.get(p), chunks, ChunkingPolicy.FRENCH, chunker);
        }
        System.out.println(checks.summary("French textbook, per page, 512/64"));
        assertTrue(checks.chunks >= pages.size() - 2, "every non-blank page has at least one chunk");
    }

    @Test
    void frenchTextbookAsOneLongText() throws Exception {
        // pages of this book hold ~300 tokens, so per page most fit one chunk: the whole book as one
        // text exercises windows, overlaps and sentence-end choice hundreds of times
        String text = Corpus.frenchTextbookText();
        ChunkChecks checks = new ChunkChecks();
        List<Chunk> chunks = chunker.chunk("book", 1, text, "fr");
        checks.check("book", 1, text, chunks, ChunkingPolicy.FRENCH, chunker);
        System.out.println(checks.summary("French textbook, one text, 512/64"));

        assertTrue(chunks.size() > 50);
        assertOverlapNearConfigured(checks, ChunkingPolicy.FRENCH);
        assertMostlySentenceEnds(checks);
        int largest = chunks.stream().mapToInt(Chunk::tokenCount).max().orElseThrow();
        assertTrue(largest > 384 && largest <= 512, "French chunks use the 512-token budget: largest " + largest);
    }

    @Test
    void arabicPassages() throws Exception {
        List<String> contexts = Corpus.arabicContexts();
        assertEquals(240, contexts.size());
        ChunkChecks perPassage = new ChunkChecks();
        for (int i = 0; i < contexts.size(); i++) {
            perPassage.check("xquad-ar", i + 1, contexts.get(i),
                    chunker.chunk("xquad-ar", i + 1, contexts.get(i), "ar"), ChunkingPolicy.ARABIC, chunker);
        }
        System.out.println(perPassage.summary("Arabic XQuAD, per passage, 384/48"));

        String joined = String.join("\n\n", contexts);
        ChunkChecks whole = new ChunkChecks();
        List<Chunk> chunks = chunker.chunk("xquad-ar", 1, joined, "hassaniya");
        whole.check("xquad-ar", 1, joined, chunks, ChunkingPolicy.ARABIC, chunker);
        System.out.println(whole.summary("Arabic XQuAD, all passages as one text, 384/48 (language hint: hassaniya)"));

        assertTrue(chunks.size() > 50);
        assertOverlapNearConfigured(whole, ChunkingPolicy.ARABIC);
        assertOverlapNearConfigured(perPassage, ChunkingPolicy.ARABIC);
        assertMostlySentenceEnds(whole);
        int largest = chunks.stream().mapToInt(Chunk::tokenCount).max().orElseThrow();
        assertTrue(largest > 300 && largest <= 384, "Arabic chunks stay within 384 tokens: largest " + largest);
    }

    @Test
    void deterministicAcrossRunsAndInstances() throws Exception {
        String fileId = Corpus.sha256Hex(Corpus.file(Corpus.FRENCH_TEXTBOOK));
        String text = Corpus.frenchTextbookText();
        List<Chunk> first = new TokenChunker().chunk(fileId, 7, text, "fr");
        List<Chunk> second = new TokenChunker().chunk(fileId, 7, new String(text.toCharArray()), "fr");
        assertEquals(first, second, "identical input → identical chunks");
        List<String> ids = new ArrayList<>();
        for (Chunk c : first) {
            ids.add(c.id());
            assertEquals(ChunkChecks.sha256(fileId + ":7:" + c.index()), c.id());
        }
        assertEquals(ids.size(), ids.stream().distinct().count(), "ids are unique within a page");
    }

    /** Overlaps snap to word starts, so they scatter a little around the configured size. */
    private static void assertOverlapNearConfigured(ChunkChecks checks, ChunkingPolicy policy) {
        if (checks.overlaps.isEmpty()) {
            return;
        }
        double median = checks.medianOverlap();
        assertTrue(Math.abs(median - policy.overlapTokens()) <= 4,
                "median overlap " + median + " ≈ " + policy.overlapTokens());
        long far = checks.overlaps.stream().filter(o -> Math.abs(o - policy.overlapTokens()) > 16).count();
        assertTrue(far * 20 <= checks.overlaps.size(),
                far + " of " + checks.overlaps.size() + " overlaps are more than 16 tokens off " + policy.overlapTokens());
    }

    private static void assertMostlySentenceEnds(ChunkChecks checks) {
        assertTrue(checks.nonLastWithSentenceEndAvailable > 0);
        double share = (double) checks.nonLastWithSentenceEndAvailableEndingAtSentence / checks.nonLastWithSentenceEndAvailable;
        assertTrue(share >= 0.9, "chunks end at a sentence end when one is in the last half of the window: " + share);
    }
}
