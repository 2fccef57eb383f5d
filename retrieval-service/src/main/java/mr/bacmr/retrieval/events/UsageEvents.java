package mr.bacmr.retrieval.events;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import mr.bacmr.common.events.EventEnvelope;
import mr.bacmr.common.events.Topics;
import mr.bacmr.common.events.UsageRecorded;
import mr.bacmr.common.outbox.OutboxMessage;
import mr.bacmr.retrieval.ask.AskRecord;

/**
 * The {@code usage.recorded} event of an answered ask, keyed by user on {@code bacmr.usage}. Its usage id is the
 * ask id; with a reservation, billing only aggregates it (finalize already captured the credits).
 */
@ApplicationScoped
public class UsageEvents {

    public static final String PRODUCER = "retrieval-service";

    private final ObjectMapper mapper;

    public UsageEvents(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public OutboxMessage recorded(AskRecord ask, Instant occurredAt) {
        UsageRecorded payload = new UsageRecorded(ask.id(), ask.userId(), "ask", ask.model(), ask.inputTokens(),
                ask.outputTokens(), ask.credits(), ask.reservationId(), occurredAt);
        // Same event id as UsageRecorded.toOutbox (name-based on the usage id), but stamped with the ask's own
        // request id: the ask's continuation may run where the logging context no longer holds it.
        UUID eventId = UUID.nameUUIDFromBytes((UsageRecorded.TYPE + ":" + ask.id()).getBytes(StandardCharsets.UTF_8));
        EventEnvelope envelope = new EventEnvelope(eventId, UsageRecorded.TYPE, UsageRecorded.VERSION, occurredAt,
                PRODUCER, ask.requestId(), null, mapper.valueToTree(payload));
        return OutboxMessage.event(Topics.USAGE, ask.userId(), envelope);
    }
}
