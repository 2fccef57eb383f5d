package mr.bacmr.retrieval.domain;

import java.util.UUID;

/** A chunk the index matched, with the metadata a citation needs and the score of the list it came from. */
public record IndexMatch(String chunkId, UUID documentId, String title, int page, String language, int tokenCount,
                         double score) {
}
