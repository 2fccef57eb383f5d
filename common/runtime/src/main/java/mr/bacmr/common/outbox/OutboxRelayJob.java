package mr.bacmr.common.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Runs the {@link OutboxRelay} on a schedule in every service; the producer is idempotent with {@code acks=all}. */
@ApplicationScoped
public class OutboxRelayJob {

    /** The scheduled job's identity, to pause and resume it through Quarkus's {@code Scheduler}. */
    public static final String IDENTITY = "outbox-relay";

    private final OutboxRelay relay;
    private final KafkaProducer<String, String> producer;
    private final boolean enabled;

    public OutboxRelayJob(Pool pool, MeterRegistry registry,
                          @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
                          @ConfigProperty(name = "bacmr.outbox.enabled") boolean enabled,
                          @ConfigProperty(name = "bacmr.outbox.batch-size") int batchSize,
                          @ConfigProperty(name = "bacmr.outbox.send-timeout") Duration sendTimeout,
                          @ConfigProperty(name = "quarkus.application.name") String producerName) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaConfig.get("bootstrap.servers"));
        config.put(ProducerConfig.CLIENT_ID_CONFIG, producerName + "-outbox");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // Fail a round quickly when the broker is away; the rows stay and the next round retries.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        this.relay = new OutboxRelay(pool, producer, Infrastructure.getDefaultWorkerPool(), batchSize,
                sendTimeout.plusSeconds(5), registry);
        this.enabled = enabled;
    }

    @Scheduled(every = "${bacmr.outbox.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = IDENTITY)
    Uni<Void> relayPending() {
        if (!enabled) {
            return Uni.createFrom().voidItem();
        }
        return relay.relayAll().onFailure().recoverWithItem(0).replaceWithVoid();
    }

    /** Publishes everything pending now; tests and admin tools use it instead of waiting for the schedule. */
    public Uni<Integer> relayNow() {
        return relay.relayAll();
    }

    void close(@Observes ShutdownEvent event) {
        producer.close(Duration.ofSeconds(5));
    }
}
