package mr.bacmr.common.events;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Creates the platform topics that are missing, with compaction where the topic is a state log. Runs off the
 * start-up path: a service must start (and report not-ready) while Kafka is away, not crash.
 */
@ApplicationScoped
public class TopicProvisioner {

    private final Map<String, Object> kafkaConfig;
    private final boolean enabled;
    private final int partitions;
    private final short replicationFactor;

    public TopicProvisioner(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
                            @ConfigProperty(name = "bacmr.kafka.provision-topics") boolean enabled,
                            @ConfigProperty(name = "bacmr.kafka.partitions") int partitions,
                            @ConfigProperty(name = "bacmr.kafka.replication-factor") short replicationFactor) {
        this.kafkaConfig = kafkaConfig;
        this.enabled = enabled;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled) {
            Infrastructure.getDefaultWorkerPool().execute(this::provision);
        }
    }

    void provision() {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaConfig.get("bootstrap.servers"),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = Topics.ALL.stream()
                    .flatMap(topic -> java.util.stream.Stream.of(topic, Topics.deadLetter(topic)))
                    .filter(topic -> !existing.contains(topic))
                    .map(this::newTopic)
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).values().forEach((topic, created) -> {
                    try {
                        created.get(30, TimeUnit.SECONDS);
                        Log.infof("created topic %s", topic);
                    } catch (Exception e) {
                        Log.debugf("topic %s not created here (%s), probably by another replica", topic, e.getMessage());
                    }
                });
            }
        } catch (Exception e) {
            Log.warnf("could not provision Kafka topics now (%s); brokers may auto-create them", e.getMessage());
        }
    }

    private NewTopic newTopic(String topic) {
        NewTopic newTopic = new NewTopic(topic, partitions, replicationFactor);
        if (Topics.isCompacted(topic)) {
            newTopic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        }
        return newTopic;
    }
}
