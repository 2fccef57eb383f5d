package mr.bacmr.retrieval.ask;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

import mr.bacmr.common.outbox.OutboxWriter;
import mr.bacmr.retrieval.events.UsageEvents;
import mr.bacmr.retrieval.store.AskStore;

/** Stores an answered ask and appends its usage event in one transaction: both exist, or neither. */
@ApplicationScoped
public class AskRecorder {

    private final Pool pool;
    private final AskStore asks;
    private final OutboxWriter outbox;
    private final UsageEvents usage;

    public AskRecorder(Pool pool, AskStore asks, OutboxWriter outbox, UsageEvents usage) {
        this.pool = pool;
        this.asks = asks;
        this.outbox = outbox;
        this.usage = usage;
    }

    public Uni<Void> record(AskRecord ask) {
        return pool.withTransaction(tx -> asks.insert(tx, ask)
                .chain(() -> outbox.append(tx, usage.recorded(ask, Instant.now()))));
    }
}
