package mr.bacmr.ingestion.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import mr.bacmr.common.web.Page;
import mr.bacmr.common.web.PageRequest;
import mr.bacmr.ingestion.domain.DocumentDetail;
import mr.bacmr.ingestion.domain.DocumentFilter;
import mr.bacmr.ingestion.domain.DocumentSummary;
import mr.bacmr.ingestion.domain.Fingerprint;
import mr.bacmr.ingestion.domain.JobSummary;
import mr.bacmr.ingestion.domain.NewDocument;

/** The documents table. */
@ApplicationScoped
public class DocumentStore {

    // Each filter is "($n IS NULL OR column = $n)", so one prepared statement serves every combination.
    private static final String WHERE = """
            WHERE status <> 'DELETED'
              AND ($1::text IS NULL OR subject = $1) AND ($2::text IS NULL OR level = $2)
              AND ($3::text IS NULL OR language = $3) AND ($4::text IS NULL OR status = $4)""";

    private static final String DETAIL = """
            SELECT d.*, ARRAY(SELECT p.page FROM document_pages p WHERE p.document_id = d.id AND p.needs_ocr
                              ORDER BY p.page) AS ocr_pages
            FROM documents d""";

    private final Pool pool;
    private final JobStore jobs;

    public DocumentStore(Pool pool, JobStore jobs) {
        this.pool = pool;
        this.jobs = jobs;
    }

    public Uni<Page<DocumentSummary>> list(DocumentFilter filter, PageRequest page) {
        Tuple filters = Tuple.of(filter.subject(), filter.level(), filter.language(), filter.status());
        Uni<Long> total = pool.preparedQuery("SELECT count(*) FROM documents " + WHERE).execute(filters)
                .map(rows -> rows.iterator().next().getLong(0));
        Uni<List<DocumentSummary>> items = pool.preparedQuery("""
                        SELECT id, file_id, title, subject, level, language, status, page_count, chunk_count, created_at
                        FROM documents""" + " " + WHERE + " ORDER BY created_at DESC, id LIMIT $5 OFFSET $6")
                .execute(Tuple.of(filter.subject(), filter.level(), filter.language(), filter.status())
                        .addInteger(page.size()).addLong(page.offset()))
                .map(rows -> {
                    List<DocumentSummary> documents = new ArrayList<>(rows.size());
                    rows.forEach(row -> documents.add(toSummary(row)));
                    return documents;
                });
        return Page.of(items, total, page);
    }

    /** Inserts the document unless live bytes with the same file id exist; empty when they do. */
    public Uni<Optional<UUID>> insertIfNew(SqlClient tx, NewDocument document, Fingerprint fingerprint) {
        return tx.preparedQuery("""
                        INSERT INTO documents (id, file_id, object_key, title, subject, level, language, source,
                                               created_by, size_bytes)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                        ON CONFLICT (file_id) WHERE status <> 'DELETED' DO NOTHING
                        RETURNING id""")
                .execute(Tuple.from(Arrays.asList(UUID.randomUUID(), fingerprint.fileId(), document.objectKey(),
                        document.title(), nullable(document.subject()), nullable(document.level()),
                        nullable(document.language()), nullable(document.source()), document.createdBy(),
                        fingerprint.size())))
                .map(rows -> rows.size() == 0 ? Optional.<UUID>empty() : Optional.of(rows.iterator().next().getUUID(0)));
    }

    public Uni<Optional<DocumentDetail>> findLiveByFileId(SqlClient client, String fileId) {
        return client.preparedQuery(DETAIL + " WHERE d.file_id = $1 AND d.status <> 'DELETED'")
                .execute(Tuple.of(fileId))
                .chain(rows -> withJob(client, rows.size() == 0 ? null : rows.iterator().next()));
    }

    public Uni<Optional<DocumentDetail>> find(SqlClient client, UUID id) {
        return client.preparedQuery(DETAIL + " WHERE d.id = $1 AND d.status <> 'DELETED'")
                .execute(Tuple.of(id))
                .chain(rows -> withJob(client, rows.size() == 0 ? null : rows.iterator().next()));
    }

    public Uni<Optional<DocumentDetail>> find(UUID id) {
        return find(pool, id);
    }

    /** Marks the document deleted; false when there was no live document with that id. */
    public Uni<Boolean> markDeleted(SqlClient tx, UUID id) {
        return tx.preparedQuery("UPDATE documents SET status = 'DELETED', updated_at = now() "
                        + "WHERE id = $1 AND status <> 'DELETED'")
                .execute(Tuple.of(id)).map(rows -> rows.rowCount() == 1);
    }

    public Uni<Void> updateStatus(SqlClient tx, UUID id, String status, Integer pages, Integer chunks,
                                  Integer needsOcrPages, String failure) {
        return tx.preparedQuery("""
                        UPDATE documents SET status = $2, page_count = COALESCE($3, page_count),
                               chunk_count = COALESCE($4, chunk_count), needs_ocr_pages = COALESCE($5, needs_ocr_pages),
                               failure = $6, updated_at = now()
                        WHERE id = $1 AND status <> 'DELETED'""")
                .execute(Tuple.from(Arrays.asList(id, status, pages, chunks, needsOcrPages, failure)))
                .replaceWithVoid();
    }

    private Uni<Optional<DocumentDetail>> withJob(SqlClient client, Row row) {
        if (row == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        UUID id = row.getUUID("id");
        return jobs.latestFor(client, id).map(job -> Optional.of(toDetail(row, job.orElse(null))));
    }

    private static DocumentDetail toDetail(Row row, JobSummary job) {
        Integer[] ocrPages = row.getArrayOfIntegers("ocr_pages");
        return new DocumentDetail(row.getUUID("id"), row.getString("file_id"), row.getString("object_key"),
                row.getString("title"), row.getString("subject"), row.getString("level"), row.getString("language"),
                row.getString("source"), row.getString("status"), row.getInteger("page_count"),
                row.getInteger("chunk_count"), row.getInteger("needs_ocr_pages"),
                ocrPages == null ? List.of() : Arrays.asList(ocrPages), row.getString("failure"),
                row.getLong("size_bytes"), job, instant(row, "created_at"), instant(row, "updated_at"));
    }

    private static DocumentSummary toSummary(Row row) {
        return new DocumentSummary(row.getUUID("id"), row.getString("file_id"), row.getString("title"),
                row.getString("subject"), row.getString("level"), row.getString("language"), row.getString("status"),
                row.getInteger("page_count"), row.getInteger("chunk_count"), instant(row, "created_at"));
    }

    private static Instant instant(Row row, String column) {
        return row.getOffsetDateTime(column).toInstant();
    }

    private static String nullable(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
