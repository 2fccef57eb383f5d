package mr.bacmr.ingestion.store;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import mr.bacmr.common.web.Page;
import mr.bacmr.common.web.PageRequest;
import mr.bacmr.ingestion.domain.ClaimedJob;
import mr.bacmr.ingestion.domain.JobState;
import mr.bacmr.ingestion.domain.JobSummary;
import mr.bacmr.ingestion.domain.JobTransition;

/**
 * Ingestion jobs. Every state change is a guarded update ({@code WHERE state = expected}); the database trigger
 * refuses illegal transitions and writes the audit row.
 */
@ApplicationScoped
public class JobStore {

    private static final String COLUMNS = """
            id, kind, document_id, state, attempt, max_attempts, pages_done, pages_total, chunks_done, chunks_total,
            last_error, next_run_at, updated_at""";

    private final Pool pool;
    private final ObjectMapper mapper;

    public JobStore(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    public Uni<UUID> create(SqlClient tx, String kind, UUID documentId, int maxAttempts, Object options) {
        UUID id = UUID.randomUUID();
        return tx.preparedQuery("""
                        INSERT INTO ingestion_jobs (id, kind, document_id, max_attempts, options)
                        VALUES ($1, $2, $3, $4, ($5::text)::jsonb)""")
                .execute(Tuple.from(Arrays.asList(id, kind, documentId, maxAttempts, json(options))))
                .replaceWith(id);
    }

    public Uni<Optional<JobSummary>> find(UUID id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM ingestion_jobs WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toSummary(rows.iterator().next())));
    }

    public Uni<Optional<JobSummary>> latestFor(SqlClient client, UUID documentId) {
        return client.preparedQuery("SELECT " + COLUMNS
                        + " FROM ingestion_jobs WHERE document_id = $1 ORDER BY created_at DESC LIMIT 1")
                .execute(Tuple.of(documentId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toSummary(rows.iterator().next())));
    }

    public Uni<Page<JobSummary>> list(String state, PageRequest page) {
        Uni<Long> total = pool.preparedQuery("SELECT count(*) FROM ingestion_jobs WHERE ($1::text IS NULL OR state = $1)")
                .execute(Tuple.of(state)).map(rows -> rows.iterator().next().getLong(0));
        Uni<List<JobSummary>> items = pool.preparedQuery("SELECT " + COLUMNS + """
                         FROM ingestion_jobs WHERE ($1::text IS NULL OR state = $1)
                        ORDER BY updated_at DESC, id LIMIT $2 OFFSET $3""")
                .execute(Tuple.of(state, page.size(), page.offset()))
                .map(rows -> {
                    List<JobSummary> jobs = new ArrayList<>(rows.size());
                    rows.forEach(row -> jobs.add(toSummary(row)));
                    return jobs;
                });
        return Page.of(items, total, page);
    }

    public Uni<List<JobTransition>> transitions(UUID jobId) {
        return pool.preparedQuery("""
                        SELECT from_state, to_state, attempt, error, worker, at FROM ingestion_audit
                        WHERE job_id = $1 ORDER BY id""")
                .execute(Tuple.of(jobId))
                .map(rows -> {
                    List<JobTransition> transitions = new ArrayList<>(rows.size());
                    rows.forEach(row -> transitions.add(new JobTransition(row.getString("from_state"),
                            row.getString("to_state"), row.getInteger("attempt"), row.getString("error"),
                            row.getString("worker"), row.getOffsetDateTime("at").toInstant())));
                    return transitions;
                });
    }

    /**
     * Jobs whose worker stopped renewing its lease go back to FAILED (audited as such), to be claimed again.
     * Returns the database's time of the reaping, which starts the worker's pass.
     */
    public Uni<Instant> reapExpiredLeases() {
        return pool.query("""
                        WITH reaped AS (
                            UPDATE ingestion_jobs SET state = 'FAILED', next_run_at = now(),
                                   last_error = 'lease of ' || coalesce(lease_owner, '?') || ' expired: worker presumed dead'
                            WHERE state IN ('EXTRACTING', 'CHUNKING', 'EMBEDDING', 'PUBLISHING') AND lease_until < now()
                            RETURNING id)
                        SELECT now() AS pass_start, (SELECT count(*) FROM reaped) AS reaped""")
                .execute().map(rows -> rows.iterator().next().getOffsetDateTime("pass_start").toInstant());
    }

    /** Claims the next runnable job (PENDING, or FAILED and due) for {@code worker}; SKIP LOCKED lets replicas share. */
    public Uni<Optional<ClaimedJob>> claim(String worker, Duration lease) {
        return claim(worker, lease, Instant.now());
    }

    /** As {@link #claim(String, Duration)}, among jobs due by {@code dueBy}. */
    public Uni<Optional<ClaimedJob>> claim(String worker, Duration lease, Instant dueBy) {
        return pool.preparedQuery("""
                        UPDATE ingestion_jobs j SET state = 'EXTRACTING', attempt = j.attempt + 1, lease_owner = $1,
                               lease_until = now() + make_interval(secs => $2), last_error = NULL,
                               pages_done = 0, chunks_done = 0
                        WHERE j.id = (SELECT id FROM ingestion_jobs
                                      WHERE state IN ('PENDING', 'FAILED') AND next_run_at <= $3
                                        AND attempt < max_attempts
                                      ORDER BY next_run_at, created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
                        RETURNING j.id, j.kind, j.document_id, j.attempt, j.max_attempts, j.options::text AS options""")
                .execute(Tuple.of(worker, (double) lease.toMillis() / 1000, dueBy.atOffset(java.time.ZoneOffset.UTC)))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toClaimed(rows.iterator().next())));
    }

    /**
     * Moves a job this worker holds from one state to the next and renews the lease; false when the job is no longer
     * where the worker thinks (cancelled by an admin, or reaped after the lease expired).
     */
    public Uni<Boolean> advance(SqlClient client, UUID id, String worker, JobState from, JobState to, Duration lease) {
        return client.preparedQuery("""
                        UPDATE ingestion_jobs SET state = $4, lease_until = now() + make_interval(secs => $5)
                        WHERE id = $1 AND lease_owner = $2 AND state = $3""")
                .execute(Tuple.of(id, worker, from.name(), to.name(), (double) lease.toMillis() / 1000))
                .map(rows -> rows.rowCount() == 1);
    }

    /** {@link #advance(SqlClient, UUID, String, JobState, JobState, Duration)} on its own, in autocommit. */
    public Uni<Boolean> advance(UUID id, String worker, JobState from, JobState to, Duration lease) {
        return advance(pool, id, worker, from, to, lease);
    }

    public Uni<Boolean> progress(UUID id, String worker, JobState state, Integer pagesDone, Integer pagesTotal,
                                 Integer chunksDone, Integer chunksTotal, Duration lease) {
        return pool.preparedQuery("""
                        UPDATE ingestion_jobs SET pages_done = COALESCE($4, pages_done),
                               pages_total = COALESCE($5, pages_total), chunks_done = COALESCE($6, chunks_done),
                               chunks_total = COALESCE($7, chunks_total),
                               lease_until = now() + make_interval(secs => $8)
                        WHERE id = $1 AND lease_owner = $2 AND state = $3""")
                .execute(Tuple.from(Arrays.asList(id, worker, state.name(), pagesDone, pagesTotal, chunksDone,
                        chunksTotal, (double) lease.toMillis() / 1000)))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * Records a failure: FAILED with the next attempt after {@code retryDelay} (database time, as every replica reads
     * it), or FAILED then DEAD when none is left.
     */
    public Uni<JobState> fail(UUID id, String worker, JobState from, String error, Duration retryDelay, boolean permanent) {
        return pool.withTransaction(tx -> tx.preparedQuery("""
                                UPDATE ingestion_jobs SET state = 'FAILED', last_error = $4,
                                       next_run_at = now() + make_interval(secs => $5)
                                WHERE id = $1 AND lease_owner = $2 AND state = $3
                                RETURNING attempt, max_attempts""")
                        .execute(Tuple.of(id, worker, from.name(), truncate(error), retryDelay.toNanos() / 1e9))
                        .chain(rows -> {
                            if (rows.size() == 0) {
                                return Uni.createFrom().item(JobState.CANCELLED);
                            }
                            Row row = rows.iterator().next();
                            boolean exhausted = row.getInteger("attempt") >= row.getInteger("max_attempts");
                            if (!permanent && !exhausted) {
                                return Uni.createFrom().item(JobState.FAILED);
                            }
                            return tx.preparedQuery("UPDATE ingestion_jobs SET state = 'DEAD', lease_owner = NULL "
                                            + "WHERE id = $1 AND state = 'FAILED'")
                                    .execute(Tuple.of(id)).replaceWith(JobState.DEAD);
                        }));
    }

    /** Admin: cancels a job that has not finished. */
    public Uni<Boolean> cancel(UUID id, String reason) {
        return pool.preparedQuery("""
                        UPDATE ingestion_jobs SET state = 'CANCELLED', last_error = $2, lease_owner = NULL
                        WHERE id = $1 AND state NOT IN ('COMPLETED', 'DEAD', 'CANCELLED')""")
                .execute(Tuple.of(id, reason)).map(rows -> rows.rowCount() == 1);
    }

    /** Admin: gives a DEAD or CANCELLED job a fresh set of attempts. */
    public Uni<Boolean> retry(UUID id) {
        return pool.preparedQuery("""
                        UPDATE ingestion_jobs SET state = 'PENDING', attempt = 0, next_run_at = now(), lease_owner = NULL
                        WHERE id = $1 AND state IN ('DEAD', 'CANCELLED')""")
                .execute(Tuple.of(id)).map(rows -> rows.rowCount() == 1);
    }

    public Uni<Void> cancelActiveFor(SqlClient tx, UUID documentId, String reason) {
        return tx.preparedQuery("""
                        UPDATE ingestion_jobs SET state = 'CANCELLED', last_error = $2, lease_owner = NULL
                        WHERE document_id = $1 AND state NOT IN ('COMPLETED', 'DEAD', 'CANCELLED')""")
                .execute(Tuple.of(documentId, reason)).replaceWithVoid();
    }

    private ClaimedJob toClaimed(Row row) {
        try {
            return new ClaimedJob(row.getUUID("id"), row.getString("kind"), row.getUUID("document_id"),
                    row.getInteger("attempt"), row.getInteger("max_attempts"), mapper.readTree(row.getString("options")));
        } catch (Exception e) {
            throw new IllegalStateException("job options unreadable", e);
        }
    }

    private static JobSummary toSummary(Row row) {
        return new JobSummary(row.getUUID("id"), row.getString("kind"), row.getUUID("document_id"),
                row.getString("state"), row.getInteger("attempt"), row.getInteger("max_attempts"),
                row.getInteger("pages_done"), row.getInteger("pages_total"), row.getInteger("chunks_done"),
                row.getInteger("chunks_total"), row.getString("last_error"),
                row.getOffsetDateTime("next_run_at").toInstant(), row.getOffsetDateTime("updated_at").toInstant());
    }

    private String json(Object options) {
        try {
            return mapper.writeValueAsString(options == null ? java.util.Map.of() : options);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 2_000 ? error : error.substring(0, 2_000);
    }
}
