package mr.bacmr.common.embedding;

/** Something with an id and a text to embed whole: an ingestion chunk, or a passage retrieval evaluates. */
public interface TextToEmbed {

    String id();

    String text();

    static TextToEmbed of(String id, String text) {
        return new Plain(id, text);
    }

    record Plain(String id, String text) implements TextToEmbed {
    }
}
