package mr.bacmr.retrieval.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import mr.bacmr.retrieval.domain.SearchHit;

/** A hit's text written from its cached encoding is byte for byte what Jackson writes itself. */
class EncodedTextsTest {

    static final List<String> TEXTS = List.of(
            "La photosynthèse : l'énergie lumineuse « captée » par la chlorophylle… 6 CO₂ + 6 H₂O → C₆H₁₂O₆",
            "يمر نهر النيل عبر إحدى عشرة دولة، وهو أطول نهر في العالم",
            "quotes \" and \\ backslashes, </script> & tabs\tnewlines\nand a control \u0001 character",
            "emoji 📚 outside the basic plane",
            "");

    @Test
    void cachedEncodingWritesWhatJacksonWrites() throws Exception {
        ObjectMapper plain = new ObjectMapper();
        ObjectMapper served = new ObjectMapper();
        new EncodedTexts().customize(served);
        for (String text : TEXTS) {
            SearchHit hit = new SearchHit("c1", UUID.randomUUID(), "Manuel", 3, "fr", 0.5, text, "<mark>x</mark>", 12);
            String expected = plain.writeValueAsString(hit);
            assertEquals(expected, served.writeValueAsString(hit), text);
            assertEquals(expected, served.writeValueAsString(hit), "again, from the cached encoding: " + text);
        }
        SearchHit withoutText = new SearchHit("c2", UUID.randomUUID(), "Manuel", 1, "fr", 0.1, null, null, 0);
        assertEquals(plain.writeValueAsString(withoutText), served.writeValueAsString(withoutText));
    }

    @Test
    void encodingIsKeptPerTextInstance() {
        String text = "la dérivée d'une fonction";
        String equalCopy = new String(text.toCharArray());
        assertSame(EncodedTexts.encoded(text), EncodedTexts.encoded(text));
        assertNotSame(EncodedTexts.encoded(text), EncodedTexts.encoded(equalCopy));
        assertEquals(EncodedTexts.encoded(text).getValue(), EncodedTexts.encoded(equalCopy).getValue());
    }
}
