package mr.bacmr.retrieval.events;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

import mr.bacmr.common.events.EventEnvelope;
import mr.bacmr.common.events.Topics;
import mr.bacmr.common.events.UsageRecorded;
import mr.bacmr.common.outbox.OutboxMessage;
import mr.bacmr.retrieval.ask.AskRecord;

/** The {@code usage.recorded} event of an answered ask, keyed by user on {@code bacmr.usage}. */
@ApplicationScoped
public class UsageEvents {

    public static final String PRODUCER = "retrieval-service";
    public static final String TYPE = "usage.recorded";

    private final ObjectMapper mapper;

    public UsageEvents(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public OutboxMessage recorded(AskRecord ask, Instant occurredAt) {
        UsageRecorded payload = new UsageRecorded(ask.id(), ask.userId(), "ask", ask.model(), ask.inputTokens(),
                ask.outputTokens(), ask.credits(), ask.reservationId(), occurredAt);
        // The event id derives from the ask id: recording the same ask again cannot publish a second usage.
        UUID eventId = UUID.nameUUIDFromBytes((TYPE + ":" + ask.id()).getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        EventEnvelope envelope = new EventEnvelope(eventId, TYPE, 1, occurredAt, PRODUCER,
                ask.requestId(), null, mapper.valueToTree(payload));
        return OutboxMessage.event(Topics.USAGE, ask.userId(), envelope);
    }
}
