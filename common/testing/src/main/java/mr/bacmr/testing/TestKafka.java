package mr.bacmr.testing;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real Kafka broker for tests: the one in {@code KAFKA_BOOTSTRAP_SERVERS} when set, else a single-node KRaft
 * cluster in this JVM (Kafka's own test kit), started once and shared by every test of the JVM.
 */
public final class TestKafka {

    /** System properties are JVM-wide, so test classes loaded by Quarkus' class loaders share one broker. */
    private static final String PROPERTY = "bacmr.test.kafka.bootstrap-servers";

    public static synchronized String bootstrapServers() {
        String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (external != null && !external.isBlank()) {
            return external;
        }
        String running = System.getProperty(PROPERTY);
        if (running != null) {
            return running;
        }
        String started = startInJvm();
        System.setProperty(PROPERTY, started);
        return started;
    }

    private static String startInJvm() {
        // Kafka halts the JVM with a non-zero code on a fault it calls fatal, which can happen while the broker is
        // torn down at JVM exit; surefire then reports the whole fork as crashed although every test passed.
        Exit.setExitProcedure((code, message) -> System.err.println("in-JVM Kafka asked to exit " + code + ": " + message));
        Exit.setHaltProcedure((code, message) -> System.err.println("in-JVM Kafka asked to halt " + code + ": " + message));
        try {
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "true")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    cluster.close();
                } catch (Exception ignored) {
                    // the JVM is exiting; nothing left to clean
                }
            }, "test-kafka-shutdown"));
            return cluster.bootstrapServers();
        } catch (Exception e) {
            throw new IllegalStateException("could not start the in-JVM Kafka broker", e);
        }
    }

    private TestKafka() {
    }
}
