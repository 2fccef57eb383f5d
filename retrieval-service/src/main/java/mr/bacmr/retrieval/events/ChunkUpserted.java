package mr.bacmr.retrieval.events;

import java.util.List;
import java.util.UUID;

/**
 * Payload of {@code chunk.upserted} (version 1) on {@code bacmr.ingestion.chunks}, as ingestion publishes it; this
 * service's own copy of the schema, read leniently (unknown fields are ignored).
 */
public record ChunkUpserted(String chunkId, UUID documentId, String fileId, String title, String subject,
                            String level, String language, int page, int chunkIndex, int tokenCount, String text,
                            Vectors embedding) {

    public static final String TYPE = "chunk.upserted";
    public static final int VERSION = 1;

    /** The pooled chunk vector and the window vectors it was pooled from, all from {@code model}. */
    public record Vectors(String model, String namespace, int dims, float[] vector, List<float[]> windows) {
    }
}
