package mr.bacmr.retrieval.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;

import mr.bacmr.retrieval.domain.SearchHit;

/**
 * Chunk texts are JSON-encoded once, not on every response that cites them. Escaping and UTF-8-encoding ten
 * 300-word texts (accented and Arabic letters take Jackson's slow path) was about a tenth of a search's CPU; the
 * same text instances come back from the text cache search after search, so each instance's encoded bytes are kept
 * beside it. Keys are weak and compared by identity: an encoding lives exactly as long as the cached text it came
 * from, and a text never gets another text's bytes.
 */
@Singleton
public class EncodedTexts implements ObjectMapperCustomizer {

    /** Bound on the encodings kept, well above the text cache's default (encodings also go with their texts). */
    static final long MAX_ENCODED = 100_000;

    private static final Cache<String, SerializedString> ENCODED = Caffeine.newBuilder()
            .weakKeys()
            .maximumSize(MAX_ENCODED)
            .build();

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.addMixIn(SearchHit.class, SearchHitJson.class);
    }

    /** The JSON string of {@code text}, encoded at most once per text instance. */
    static SerializedString encoded(String text) {
        return ENCODED.get(text, SerializedString::new);
    }

    /** Jackson writes a {@link SerializedString}'s quoted UTF-8 bytes as they are, once it has computed them. */
    static final class Serializer extends StdSerializer<String> {
        Serializer() {
            super(String.class);
        }

        @Override
        public void serialize(String text, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(encoded(text));
        }
    }

    /** The hit's text goes through the encoded form; everything else as Jackson does it. */
    abstract static class SearchHitJson {
        @JsonSerialize(using = Serializer.class)
        abstract String text();
    }
}
