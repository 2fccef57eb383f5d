package mr.bacmr.billing.events;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import mr.bacmr.billing.domain.UsageAccounting;
import mr.bacmr.common.events.ReceivedEvent;
import mr.bacmr.common.events.UsageRecorded;

/**
 * Consumes {@code bacmr.usage}. Each event is applied once (its id is recorded with its effect); transient failures
 * are retried, and an event that cannot be read or applied goes to {@code bacmr.usage.dlq} with the error.
 */
@ApplicationScoped
public class UsageConsumer {

    private final UsageAccounting accounting;
    private final ObjectMapper mapper;

    public UsageConsumer(UsageAccounting accounting, ObjectMapper mapper) {
        this.accounting = accounting;
        this.mapper = mapper;
    }

    @Incoming("usage")
    @Retry(maxRetries = 3, delay = 500, abortOn = IllegalArgumentException.class)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        ReceivedEvent event = ReceivedEvent.read(mapper, record);
        if (event.isTombstone() || !UsageRecorded.TYPE.equals(event.envelope().type())) {
            return Uni.createFrom().voidItem();
        }
        if (event.envelope().version() > UsageRecorded.VERSION) {
            throw new IllegalArgumentException("usage.recorded version " + event.envelope().version() + " is unknown here");
        }
        UsageRecorded usage = event.envelope().payloadAs(mapper, UsageRecorded.class);
        return accounting.apply(event.envelope().eventId(), usage)
                .invoke(applied -> Log.debugf("usage %s of %s: %s", usage.usageId(), usage.userId(),
                        applied ? "applied" : "already applied"))
                .replaceWithVoid();
    }
}
