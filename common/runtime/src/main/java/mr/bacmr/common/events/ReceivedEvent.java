package mr.bacmr.common.events;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import mr.bacmr.common.web.RequestIds;

/**
 * A consumed Kafka record with its envelope parsed. Reading one restores the producer's request id into the
 * logging context, so log lines of the consumer join those of the request that caused the event.
 */
public record ReceivedEvent(String topic, String key, int partition, long offset, EventEnvelope envelope) {

    public static ReceivedEvent read(ObjectMapper mapper, ConsumerRecord<String, String> record) {
        String headerId = EventHeaders.read(record.headers(), EventHeaders.REQUEST_ID);
        EventEnvelope envelope = null;
        if (record.value() != null) {
            try {
                envelope = mapper.readValue(record.value(), EventEnvelope.class);
            } catch (Exception e) {
                throw new IllegalArgumentException("record " + record.topic() + "/" + record.partition() + "@"
                        + record.offset() + " is not an event envelope", e);
            }
        }
        String requestId = headerId != null ? headerId : envelope != null ? envelope.requestId() : null;
        RequestIds.bind(requestId);
        return new ReceivedEvent(record.topic(), record.key(), record.partition(), record.offset(), envelope);
    }

    public boolean isTombstone() {
        return envelope == null;
    }
}
