package mr.bacmr.ingestion.chunking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Edge cases on small made-up texts. */
class TokenChunkerTest {

    private final TokenChunker chunker = new TokenChunker();

    @Test
    void policiesPerLanguage() {
        assertSame(ChunkingPolicy.FRENCH, ChunkingPolicy.forLanguage("fr"));
        assertSame(ChunkingPolicy.FRENCH, ChunkingPolicy.forLanguage("fr-FR"));
        assertSame(ChunkingPolicy.ARABIC, ChunkingPolicy.forLanguage("ar"));
        assertSame(ChunkingPolicy.ARABIC, ChunkingPolicy.forLanguage("ar_MR"));
        assertSame(ChunkingPolicy.ARABIC, ChunkingPolicy.forLanguage("hassaniya"));
        assertSame(ChunkingPolicy.ARABIC, ChunkingPolicy.forLanguage("mey"));
        assertSame(ChunkingPolicy.ENGLISH, ChunkingPolicy.forLanguage("en"));
        assertSame(ChunkingPolicy.OTHER, ChunkingPolicy.forLanguage("other"));
        assertSame(ChunkingPolicy.OTHER, ChunkingPolicy.forLanguage(null));
        assertEquals(512, ChunkingPolicy.FRENCH.maxTokens());
        assertEquals(64, ChunkingPolicy.FRENCH.overlapTokens());
        assertEquals(384, ChunkingPolicy.ARABIC.maxTokens());
        assertEquals(48, ChunkingPolicy.ARABIC.overlapTokens());
        assertEquals(512, ChunkingPolicy.OTHER.maxTokens());
    }

    @Test
    void blankPageHasNoChunk() {
        assertTrue(chunker.chunk("f", 1, "", "fr").isEmpty());
        assertTrue(chunker.chunk("f", 1, " \n\t\f ", "fr").isEmpty());
        assertTrue(chunker.chunk("f", 1, null, "fr").isEmpty());
    }

    @Test
    void shortPageIsOneChunkWithoutSurroundingBlanks() {
        String text = "\n  Le soleil se lève à l’est.  \n";
        List<Chunk> chunks = chunker.chunk("f", 3, text, "fr");
        assertEquals(1, chunks.size());
        Chunk c = chunks.get(0);
        assertEquals("Le soleil se lève à l’est.", c.text());
        assertEquals(0, c.index());
        assertEquals(ChunkChecks.sha256("f:3:0"), c.id());
        new ChunkChecks().check("f", 3, text, chunks, ChunkingPolicy.FRENCH, chunker);
    }

    @Test
    void specialTokenTextIsOrdinaryText() {
        // JTokkit's encode() throws on special-token strings; page text is never a prompt
        List<Chunk> chunks = chunker.chunk("f", 1, "Fin du texte <|endoftext|> et suite.", "fr");
        assertEquals(1, chunks.size());
        assertTrue(chunks.get(0).tokenCount() > 5);
    }

    @Test
    void wordLongerThanAWindowIsCutInsideOnlyThen() {
        // 3,000 chars without whitespace (≈ a pasted URL or a dotted table-of-contents line) amid words
        String run = "x".repeat(1000) + "/" + "ab1".repeat(700);
        String text = "Avant le bloc. " + run + " Après le bloc, la suite du texte.";
        ChunkingPolicy small = new ChunkingPolicy("fr", 64, 8);
        List<Chunk> chunks = chunker.chunk("f", 1, text, small);
        assertTrue(chunks.size() > 2);
        int covered = chunks.get(0).charStart();
        for (Chunk c : chunks) {
            assertTrue(c.tokenCount() <= 64, "token limit holds even inside a run");
            assertTrue(c.charStart() <= covered || text.substring(covered, c.charStart()).isBlank(), "no gap");
            covered = Math.max(covered, c.charEnd());
        }
        assertEquals(text.length(), covered);
        // only the run itself is cut inside: the words around it keep whole
        assertEquals("Avant le bloc.", chunks.get(0).text());
        assertTrue(chunks.get(chunks.size() - 1).text().endsWith("Après le bloc, la suite du texte."));
    }

    @Test
    void smallPolicyStillHonoursAllInvariants() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            sb.append("Phrase numéro ").append(i).append(" : l’élève lit, écrit et compte");
            sb.append(i % 7 == 0 ? ".\n\n" : i % 3 == 0 ? " ?\n" : ". ");
        }
        String text = sb.toString();
        ChunkingPolicy small = new ChunkingPolicy("fr", 40, 8);
        ChunkChecks checks = new ChunkChecks();
        checks.check("f", 1, text, chunker.chunk("f", 1, text, small), small, chunker);
        assertTrue(checks.chunks > 20);
    }
}
