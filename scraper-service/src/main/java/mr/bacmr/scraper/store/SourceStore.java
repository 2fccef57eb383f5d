package mr.bacmr.scraper.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import mr.bacmr.common.web.Page;
import mr.bacmr.common.web.PageRequest;
import mr.bacmr.scraper.domain.Source;

/** Reads crawl sources. */
@ApplicationScoped
public class SourceStore {

    private final Pool pool;

    public SourceStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<Page<Source>> list(PageRequest page) {
        Uni<Long> total = pool.query("SELECT count(*) FROM sources").execute()
                .map(rows -> rows.iterator().next().getLong(0));
        Uni<List<Source>> items = pool.preparedQuery("""
                        SELECT id, name, seed_urls, allowed_hosts, max_depth, page_budget, rate_per_host_per_minute,
                               language_hint, enabled, created_at
                        FROM sources ORDER BY name LIMIT $1 OFFSET $2""")
                .execute(Tuple.of(page.size(), page.offset()))
                .map(rows -> {
                    List<Source> sources = new ArrayList<>(rows.size());
                    rows.forEach(row -> sources.add(toSource(row)));
                    return sources;
                });
        return Page.of(items, total, page);
    }

    private static Source toSource(Row row) {
        return new Source(row.getUUID("id"), row.getString("name"),
                Arrays.asList(row.getArrayOfStrings("seed_urls")), Arrays.asList(row.getArrayOfStrings("allowed_hosts")),
                row.getInteger("max_depth"), row.getInteger("page_budget"), row.getInteger("rate_per_host_per_minute"),
                row.getString("language_hint"), row.getBoolean("enabled"), row.getOffsetDateTime("created_at").toInstant());
    }
}
