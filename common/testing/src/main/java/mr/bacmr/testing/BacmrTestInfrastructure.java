package mr.bacmr.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * The whole real infrastructure a service test needs, as one Quarkus test resource: a fresh Postgres database
 * (dropped when the application stops), the shared Kafka broker, the shared S3 server and the test JWT key (which
 * services also sign their service-to-service tokens with).
 * Use with {@code @WithTestResource(value = BacmrTestInfrastructure.class, initArgs = @ResourceArg(name = "service",
 * value = "billing"))}.
 */
public class BacmrTestInfrastructure implements QuarkusTestResourceLifecycleManager {

    private String service = "service";
    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        service = initArgs.getOrDefault("service", service);
    }

    @Override
    public Map<String, String> start() {
        database = TestPostgres.createDatabase(service);
        return configFor(database);
    }

    /**
     * Config that points a service at the test infrastructure and at {@code database}: the same for the service under
     * test and for the real services it talks to ({@link TestServices}).
     */
    public static Map<String, String> configFor(String database) {
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.reactive.url", TestPostgres.reactiveUrl(database));
        config.put("quarkus.datasource.jdbc.url", TestPostgres.jdbcUrl(database));
        config.put("quarkus.datasource.username", TestPostgres.user());
        config.put("quarkus.datasource.password", TestPostgres.password());
        config.put("bacmr.test.database", database);
        config.put("kafka.bootstrap.servers", TestKafka.bootstrapServers());
        config.put("bacmr.s3.endpoint", TestObjectStore.endpoint());
        config.put("bacmr.s3.region", TestObjectStore.REGION);
        config.put("bacmr.s3.bucket", TestObjectStore.BUCKET);
        config.put("bacmr.s3.access-key", TestObjectStore.ACCESS_KEY);
        config.put("bacmr.s3.secret-key", TestObjectStore.SECRET_KEY);
        config.put("mp.jwt.verify.publickey.location", TestJwt.publicKeyFile());
        config.put("mp.jwt.verify.issuer", TestJwt.ISSUER);
        config.put("mp.jwt.verify.audiences", TestJwt.AUDIENCE);
        config.put("bacmr.service-auth.private-key-location", TestJwt.privateKeyFile());
        return config;
    }

    @Override
    public void stop() {
        if (database != null) {
            TestPostgres.dropDatabase(database);
        }
    }
}
