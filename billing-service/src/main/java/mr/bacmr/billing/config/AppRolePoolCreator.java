package mr.bacmr.billing.config;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * The reactive pool connects as the non-owner app role, so row-level security applies to every query the service
 * makes; the datasource credentials (the owner) are used by Flyway alone. Everything else about the connection
 * (host, database, pool size, statement cache) stays as the datasource configuration says.
 */
@ApplicationScoped
public class AppRolePoolCreator implements PgPoolCreator {

    private final BillingConfig config;

    public AppRolePoolCreator(BillingConfig config) {
        this.config = config;
    }

    @Override
    public Pool create(Input input) {
        List<SqlConnectOptions> asAppRole = input.pgConnectOptionsList().stream()
                .map(options -> new PgConnectOptions(options)
                        .setUser(config.db().appUser())
                        .setPassword(config.db().appPassword().orElse("")))
                .map(SqlConnectOptions.class::cast)
                .toList();
        return PgBuilder.pool()
                .with(input.poolOptions())
                .connectingTo(asAppRole)
                .using(input.vertx())
                .build();
    }
}
