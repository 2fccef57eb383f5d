package mr.bacmr.retrieval.ask;

import java.util.UUID;

import mr.bacmr.retrieval.domain.SearchHit;

/** Search hits for the framework-free tests of the answering parts. */
final class Hits {

    static SearchHit hit(String chunkId, String language, String text) {
        return new SearchHit(chunkId, UUID.nameUUIDFromBytes(chunkId.getBytes()), "Manuel " + chunkId, 3, language,
                1.0, text, text.length() > 80 ? text.substring(0, 80) : text, 0);
    }

    static SearchHit withoutText(String chunkId) {
        return new SearchHit(chunkId, UUID.nameUUIDFromBytes(chunkId.getBytes()), "Manuel " + chunkId, 1, "fr", 1.0,
                null, null, 120);
    }

    private Hits() {
    }
}
