package mr.bacmr.common.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Appends events to the {@code outbox} table inside the caller's transaction, so an event exists if and only if
 * the business change it describes was committed (ARCHITECTURE.md §5.2). {@link OutboxRelay} publishes it later.
 */
@ApplicationScoped
public class OutboxWriter {

    // The value is bound as text and cast by Postgres: bound as jsonb, the client would store a JSON string.
    private static final String INSERT = """
            INSERT INTO outbox (id, topic, msg_key, envelope, event_type, request_id)
            VALUES ($1, $2, $3, ($4::text)::jsonb, $5, $6)
            ON CONFLICT (id) DO NOTHING""";

    private final ObjectMapper mapper;

    public OutboxWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Appends the message; an event whose id is already in the outbox is skipped, so producers that derive event ids
     * from what they describe (a chunk and its model, say) never publish the same fact under two ids.
     *
     * @param tx a connection inside the transaction of the business change
     */
    public Uni<Void> append(SqlClient tx, OutboxMessage message) {
        UUID id = message.isTombstone() ? UUID.randomUUID() : message.envelope().eventId();
        String type = message.isTombstone() ? "tombstone" : message.envelope().type();
        return tx.preparedQuery(INSERT)
                .execute(Tuple.of(id, message.topic(), message.key(), json(message), type, message.requestId()))
                .replaceWithVoid();
    }

    /** Appends the messages in order, within the same transaction. */
    public Uni<Void> appendAll(SqlClient tx, java.util.List<OutboxMessage> messages) {
        return io.smallrye.mutiny.Multi.createFrom().iterable(messages)
                .onItem().transformToUniAndConcatenate(message -> append(tx, message))
                .collect().last()
                .replaceWithVoid();
    }

    private String json(OutboxMessage message) {
        if (message.isTombstone()) {
            return null;
        }
        try {
            return mapper.writeValueAsString(message.envelope());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event " + message.envelope().type() + " cannot be serialised", e);
        }
    }
}
