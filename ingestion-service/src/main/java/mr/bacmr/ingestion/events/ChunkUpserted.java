package mr.bacmr.ingestion.events;

import java.util.List;
import java.util.UUID;

/**
 * Payload of a {@code chunk.upserted} event on the compacted {@code bacmr.ingestion.chunks} topic (version 1):
 * lightweight metadata (under 1 KB), the text for the lexical index, and the vector(s) covering the whole chunk.
 */
public record ChunkUpserted(String chunkId, UUID documentId, String fileId, String title, String subject,
                            String level, String language, int page, int chunkIndex, int tokenCount, String text,
                            Vectors embedding) {

    public static final String TYPE = "chunk.upserted";

    /** The pooled chunk vector and the window vectors it was pooled from, all from {@code model}. */
    public record Vectors(String model, String namespace, int dims, float[] vector, List<float[]> windows) {
    }
}
