package mr.bacmr.ingestion.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

import mr.bacmr.common.web.Page;
import mr.bacmr.common.web.PageRequest;
import mr.bacmr.ingestion.domain.DocumentFilter;
import mr.bacmr.ingestion.domain.DocumentSummary;

/** Reads the documents table. */
@ApplicationScoped
public class DocumentStore {

    // Each filter is "($n IS NULL OR column = $n)", so one prepared statement serves every combination.
    private static final String WHERE = """
            WHERE status <> 'DELETED'
              AND ($1::text IS NULL OR subject = $1) AND ($2::text IS NULL OR level = $2)
              AND ($3::text IS NULL OR language = $3) AND ($4::text IS NULL OR status = $4)""";

    private final Pool pool;

    public DocumentStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<Page<DocumentSummary>> list(DocumentFilter filter, PageRequest page) {
        Tuple filters = Tuple.of(filter.subject(), filter.level(), filter.language(), filter.status());
        Uni<Long> total = pool.preparedQuery("SELECT count(*) FROM documents " + WHERE).execute(filters)
                .map(rows -> rows.iterator().next().getLong(0));
        Uni<List<DocumentSummary>> items = pool.preparedQuery("""
                        SELECT id, file_id, title, subject, level, language, status, page_count, chunk_count, created_at
                        FROM documents""" + " " + WHERE + " ORDER BY created_at DESC, id LIMIT $5 OFFSET $6")
                .execute(Tuple.of(filter.subject(), filter.level(), filter.language(), filter.status())
                        .addInteger(page.size).addLong(page.offset()))
                .map(rows -> {
                    List<DocumentSummary> documents = new ArrayList<>(rows.size());
                    rows.forEach(row -> documents.add(toSummary(row)));
                    return documents;
                });
        return Uni.combine().all().unis(items, total).asTuple()
                .map(both -> new Page<>(both.getItem1(), page.page, page.size, both.getItem2()));
    }

    private static DocumentSummary toSummary(Row row) {
        return new DocumentSummary(row.getUUID("id"), row.getString("file_id"), row.getString("title"),
                row.getString("subject"), row.getString("level"), row.getString("language"), row.getString("status"),
                row.getInteger("page_count"), row.getInteger("chunk_count"),
                row.getOffsetDateTime("created_at").toInstant());
    }
}
