package mr.bacmr.common.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import mr.bacmr.common.web.RequestIds;

/**
 * The envelope every Kafka value carries (ARCHITECTURE.md §2). Consumers dedupe on {@code event_id};
 * {@code version} is the payload schema version of {@code type}, so a consumer can refuse what it does not know.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventEnvelope(
        @JsonProperty("event_id") UUID eventId,
        @JsonProperty("type") String type,
        @JsonProperty("version") int version,
        @JsonProperty("occurred_at") @JsonFormat(shape = JsonFormat.Shape.STRING) Instant occurredAt,
        @JsonProperty("producer") String producer,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("traceparent") String traceparent,
        @JsonProperty("payload") JsonNode payload) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "event_id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurred_at");
        Objects.requireNonNull(producer, "producer");
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1");
        }
    }

    /** A new event stamped with the request id of the current context (or a fresh one outside a request). */
    public static EventEnvelope create(ObjectMapper mapper, String type, int version, String producer, Object payload) {
        return new EventEnvelope(UUID.randomUUID(), type, version, Instant.now(), producer,
                RequestIds.currentOrNew(), null, mapper.valueToTree(payload));
    }

    /**
     * An event whose id is derived from {@code identity} (a name-based UUID): the same fact always gets the same id,
     * so re-running a producer cannot publish it twice under new ids.
     */
    public static EventEnvelope createIdentified(ObjectMapper mapper, String identity, String type, int version,
                                                 String producer, Object payload) {
        UUID id = UUID.nameUUIDFromBytes((type + ":" + identity).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new EventEnvelope(id, type, version, Instant.now(), producer, RequestIds.currentOrNew(), null,
                mapper.valueToTree(payload));
    }

    public <T> T payloadAs(ObjectMapper mapper, Class<T> payloadType) {
        try {
            return mapper.treeToValue(payload, payloadType);
        } catch (Exception e) {
            throw new IllegalArgumentException("payload of " + type + " is not a " + payloadType.getSimpleName(), e);
        }
    }
}
