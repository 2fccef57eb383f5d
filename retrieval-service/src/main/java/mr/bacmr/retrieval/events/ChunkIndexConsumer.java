package mr.bacmr.retrieval.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

import mr.bacmr.common.events.Topics;
import mr.bacmr.retrieval.config.RetrievalConfig;
import mr.bacmr.retrieval.domain.VectorIndex;

/**
 * Materialises {@code bacmr.ingestion.chunks} into this replica's index, on a thread of its own (index writes never
 * run on request threads). Every replica reads every partition: they are assigned here, not by a consumer group, and
 * each starts from the offsets committed with its index (the earliest offset when the index has none). The group id
 * (prefix + host name) only makes the replica's lag visible to Kafka tools.
 */
@ApplicationScoped
public class ChunkIndexConsumer {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration PARTITION_CHECK = Duration.ofSeconds(30);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final VectorIndex index;
    private final ChunkEventApplier applier;
    private final DeadLetters deadLetters;
    private final RetrievalConfig config;
    private final Map<String, Object> kafka;
    private final Counter parked;
    private final Map<Integer, Long> lag = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile boolean caughtUp;
    private volatile KafkaConsumer<String, String> consumer;
    // One thread of its own: a consumer run, and after a failure (or before the topic exists) the next run, scheduled.
    private final ScheduledThreadPoolExecutor runner = new ScheduledThreadPoolExecutor(1, task -> {
        Thread thread = new Thread(task, "chunk-index-consumer");
        thread.setDaemon(true);
        return thread;
    });

    public ChunkIndexConsumer(VectorIndex index, ChunkEventApplier applier, DeadLetters deadLetters,
                              RetrievalConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka,
                              MeterRegistry registry) {
        this.index = index;
        this.applier = applier;
        this.deadLetters = deadLetters;
        this.config = config;
        this.kafka = kafka;
        runner.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // shutdown drops a scheduled retry
        this.parked = registry.counter("bacmr.retrieval.index.events", "outcome", "dead_lettered");
        Gauge.builder("bacmr.retrieval.index.lag", this, ChunkIndexConsumer::totalLag)
                .description("chunk events on the broker not yet in this replica's index").register(registry);
        Gauge.builder("bacmr.retrieval.index.chunks", index, VectorIndex::size)
                .description("chunks in this replica's index").register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        if (config.index().consumerEnabled()) {
            running = true;
            runner.execute(this::run);
        }
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        runner.shutdown();
        runner.awaitTermination(15, TimeUnit.SECONDS);
    }

    /** True once the replica has read up to where the topic ended when it started consuming. */
    public boolean caughtUp() {
        return caughtUp;
    }

    public long totalLag() {
        return lag.values().stream().mapToLong(Long::longValue).sum();
    }

    /** One consumer session, until shutdown or a failure; then the next session is scheduled after {@code RETRY}. */
    private void run() {
        if (!running) {
            return;
        }
        try (KafkaConsumer<String, String> opened = newConsumer()) {
            consumer = opened;
            consume(opened);
        } catch (WakeupException e) {
            // shutting down
        } catch (RuntimeException e) {
            Log.errorf(e, "chunk index consumer failed; resuming from the last index commit in %s", RETRY);
        } finally {
            consumer = null;
        }
        if (running) {
            try {
                runner.schedule(this::run, RETRY.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // shut down meanwhile
            }
        }
    }

    private void consume(KafkaConsumer<String, String> kafkaConsumer) {
        Map<Integer, Long> next = new HashMap<>(index.checkpointedOffsets());
        Set<TopicPartition> assigned = assign(kafkaConsumer, Set.of(), next);
        if (assigned.isEmpty()) {
            Log.infof("waiting for topic %s", Topics.INGESTION_CHUNKS);
            return; // the next session, in RETRY, looks again
        }
        Map<TopicPartition, Long> startEnds = kafkaConsumer.endOffsets(assigned);
        long lastCommit = System.nanoTime();
        long lastPartitionCheck = System.nanoTime();
        boolean dirty = false;
        while (running) {
            for (ConsumerRecord<String, String> record : kafkaConsumer.poll(POLL)) {
                applyOrPark(record);
                next.put(record.partition(), record.offset() + 1);
                dirty = true;
            }
            track(kafkaConsumer, assigned, startEnds);
            if (dirty && elapsed(lastCommit).compareTo(config.index().commitInterval()) >= 0) {
                commit(kafkaConsumer, next);
                dirty = false;
                lastCommit = System.nanoTime();
            }
            if (elapsed(lastPartitionCheck).compareTo(PARTITION_CHECK) >= 0) {
                assigned = assign(kafkaConsumer, assigned, next);
                lastPartitionCheck = System.nanoTime();
            }
        }
        if (dirty) {
            commit(kafkaConsumer, next);
        }
    }

    private void applyOrPark(ConsumerRecord<String, String> record) {
        try {
            applier.apply(record);
        } catch (IllegalArgumentException e) {
            Log.warnf("chunk record %s/%d@%d refused, parked in the dead-letter topic: %s", record.topic(),
                    record.partition(), record.offset(), e.getMessage());
            deadLetters.park(record, e);
            parked.increment();
        }
    }

    /**
     * Assigns every partition of the topic; new ones start at their beginning. Keeps {@code current} while the topic
     * does not exist (yet).
     */
    private Set<TopicPartition> assign(KafkaConsumer<String, String> kafkaConsumer, Set<TopicPartition> current,
                                       Map<Integer, Long> next) {
        List<PartitionInfo> partitions = kafkaConsumer.partitionsFor(Topics.INGESTION_CHUNKS, Duration.ofSeconds(10));
        if (partitions == null || partitions.isEmpty()) {
            return current;
        }
        Set<TopicPartition> all = partitions.stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toSet());
        if (all.equals(current)) {
            return current;
        }
        kafkaConsumer.assign(all);
        for (TopicPartition partition : all) {
            if (current.contains(partition)) {
                continue;
            }
            Long offset = next.get(partition.partition());
            if (offset == null) {
                kafkaConsumer.seekToBeginning(List.of(partition));
            } else {
                kafkaConsumer.seek(partition, offset);
            }
        }
        Log.infof("consuming %s from %s", all, next.isEmpty() ? "the beginning (empty index)" : "the index's offsets " + next);
        return all;
    }

    private void track(KafkaConsumer<String, String> kafkaConsumer, Set<TopicPartition> assigned,
                       Map<TopicPartition, Long> startEnds) {
        boolean reached = true;
        for (TopicPartition partition : assigned) {
            OptionalLong partitionLag = kafkaConsumer.currentLag(partition);
            partitionLag.ifPresent(value -> lag.put(partition.partition(), value));
            Long end = startEnds.get(partition);
            if (end != null && kafkaConsumer.position(partition) < end) {
                reached = false;
            }
        }
        if (reached && !caughtUp) {
            caughtUp = true;
            Log.infof("search index caught up: %d chunks", index.size());
        }
    }

    private void commit(KafkaConsumer<String, String> kafkaConsumer, Map<Integer, Long> next) {
        index.checkpoint(next);
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        next.forEach((partition, offset) -> offsets.put(new TopicPartition(Topics.INGESTION_CHUNKS, partition),
                new OffsetAndMetadata(offset)));
        // informational only (lag in Kafka tools): positions are read back from the index, never from here
        kafkaConsumer.commitAsync(offsets, (committed, error) -> {
            if (error != null) {
                Log.debugf("group offsets not recorded: %s", error.getMessage());
            }
        });
    }

    private KafkaConsumer<String, String> newConsumer() {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.get("bootstrap.servers"));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.index().groupPrefix() + "-" + hostName());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "retrieval-index-" + hostName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    private static String hostName() {
        String host = System.getenv("HOSTNAME");
        if (host != null && !host.isBlank()) {
            return host;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "local";
        }
    }

    private static Duration elapsed(long since) {
        return Duration.ofNanos(System.nanoTime() - since);
    }
}
