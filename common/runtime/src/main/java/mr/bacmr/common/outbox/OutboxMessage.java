package mr.bacmr.common.outbox;

import java.util.Objects;

import mr.bacmr.common.events.EventEnvelope;

/**
 * One record to publish: an event, or a tombstone (null envelope) that deletes {@code key} from a compacted topic.
 */
public record OutboxMessage(String topic, String key, EventEnvelope envelope, String requestId) {

    public OutboxMessage {
        Objects.requireNonNull(topic, "topic");
        if (envelope == null && key == null) {
            throw new IllegalArgumentException("a tombstone needs a key");
        }
    }

    public static OutboxMessage event(String topic, String key, EventEnvelope envelope) {
        return new OutboxMessage(topic, key, envelope, envelope.requestId());
    }

    public static OutboxMessage tombstone(String topic, String key, String requestId) {
        return new OutboxMessage(topic, key, null, requestId);
    }

    public boolean isTombstone() {
        return envelope == null;
    }
}
