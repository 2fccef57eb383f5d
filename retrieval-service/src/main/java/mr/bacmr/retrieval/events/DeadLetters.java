package mr.bacmr.retrieval.events;

import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import mr.bacmr.common.events.Topics;

/** Parks a chunk record the index cannot take in {@code bacmr.ingestion.chunks.dlq}, with the reason, and moves on. */
@ApplicationScoped
public class DeadLetters {

    public static final String ERROR_HEADER = "dlq.error";
    public static final String SOURCE_HEADER = "dlq.source";

    private final Map<String, Object> kafka;
    private KafkaProducer<String, String> producer;

    public DeadLetters(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.kafka = kafka;
    }

    public synchronized void park(ConsumerRecord<String, String> record, Exception reason) {
        ProducerRecord<String, String> parked = new ProducerRecord<>(Topics.deadLetter(record.topic()), record.key(),
                record.value());
        record.headers().forEach(header -> parked.headers().add(header));
        parked.headers().add(ERROR_HEADER, String.valueOf(reason.getMessage()).getBytes(StandardCharsets.UTF_8));
        parked.headers().add(SOURCE_HEADER, (record.topic() + "/" + record.partition() + "@" + record.offset())
                .getBytes(StandardCharsets.UTF_8));
        try {
            producer().send(parked).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot park a refused chunk record", e);
        }
    }

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            Map<String, Object> props = new HashMap<>();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.get("bootstrap.servers"));
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Duration.ofSeconds(30).toMillis());
            producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
