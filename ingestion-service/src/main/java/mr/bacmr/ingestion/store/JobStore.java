package mr.bacmr.ingestion.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

import mr.bacmr.common.web.Page;
import mr.bacmr.common.web.PageRequest;
import mr.bacmr.ingestion.domain.JobSummary;

/** Reads ingestion jobs. */
@ApplicationScoped
public class JobStore {

    private final Pool pool;

    public JobStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<Page<JobSummary>> list(String state, PageRequest page) {
        Uni<Long> total = pool.preparedQuery("SELECT count(*) FROM ingestion_jobs WHERE ($1::text IS NULL OR state = $1)")
                .execute(Tuple.of(state)).map(rows -> rows.iterator().next().getLong(0));
        Uni<List<JobSummary>> items = pool.preparedQuery("""
                        SELECT id, document_id, state, attempt, pages_done, pages_total, last_error, updated_at
                        FROM ingestion_jobs WHERE ($1::text IS NULL OR state = $1)
                        ORDER BY updated_at DESC, id LIMIT $2 OFFSET $3""")
                .execute(Tuple.of(state, page.size, page.offset()))
                .map(rows -> {
                    List<JobSummary> jobs = new ArrayList<>(rows.size());
                    rows.forEach(row -> jobs.add(new JobSummary(row.getUUID("id"), row.getUUID("document_id"),
                            row.getString("state"), row.getInteger("attempt"), row.getInteger("pages_done"),
                            row.getInteger("pages_total"), row.getString("last_error"),
                            row.getOffsetDateTime("updated_at").toInstant())));
                    return jobs;
                });
        return Uni.combine().all().unis(items, total).asTuple()
                .map(both -> new Page<>(both.getItem1(), page.page, page.size, both.getItem2()));
    }
}
