package mr.bacmr.ingestion.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import mr.bacmr.ingestion.chunking.Chunk;
import mr.bacmr.ingestion.domain.StoredChunk;
import mr.bacmr.ingestion.extraction.ExtractedPage;

/** The canonical chunk store and the pages it was cut from. Writes are idempotent: ids are deterministic. */
@ApplicationScoped
public class ChunkStore {

    private static final String CHUNK_COLUMNS = """
            c.id, c.document_id, c.file_id, c.page, c.chunk_index, c.language, c.token_count, c.char_start,
            c.char_end, c.text, c.text_sha256, d.title, d.subject, d.level""";

    private final Pool pool;

    public ChunkStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> savePages(SqlClient tx, UUID documentId, List<ExtractedPage> pages) {
        if (pages.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = pages.stream().map(page -> Tuple.of(documentId, page.number(), page.language(),
                page.needsOcr(), page.text().length())).toList();
        return tx.preparedQuery("""
                        INSERT INTO document_pages (document_id, page, language, needs_ocr, char_count)
                        VALUES ($1, $2, $3, $4, $5)
                        ON CONFLICT (document_id, page) DO UPDATE
                        SET language = EXCLUDED.language, needs_ocr = EXCLUDED.needs_ocr, char_count = EXCLUDED.char_count""")
                .executeBatch(rows).replaceWithVoid();
    }

    /** Inserts chunks not yet stored; a resumed job re-inserting the same ids changes nothing. */
    public Uni<Void> saveChunks(SqlClient tx, UUID documentId, List<Chunk> chunks) {
        if (chunks.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = chunks.stream().map(chunk -> Tuple.from(new Object[]{chunk.id(), documentId,
                chunk.fileId(), chunk.page(), chunk.index(), chunk.language(), chunk.tokenCount(), chunk.charStart(),
                chunk.charEnd(), chunk.text(), chunk.textSha256()})).toList();
        return tx.preparedQuery("""
                        INSERT INTO chunks (id, document_id, file_id, page, chunk_index, language, token_count,
                                            char_start, char_end, text, text_sha256)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                        ON CONFLICT (id) DO NOTHING""")
                .executeBatch(rows).replaceWithVoid();
    }

    public Uni<List<StoredChunk>> ofDocument(UUID documentId) {
        return pool.preparedQuery("SELECT " + CHUNK_COLUMNS + """
                         FROM chunks c JOIN documents d ON d.id = c.document_id
                        WHERE c.document_id = $1 ORDER BY c.page, c.chunk_index""")
                .execute(Tuple.of(documentId)).map(ChunkStore::toChunks);
    }

    /** A page of all live chunks, in a stable order, for reindexing. */
    public Uni<List<StoredChunk>> liveAfter(String afterId, int limit) {
        return pool.preparedQuery("SELECT " + CHUNK_COLUMNS + """
                         FROM chunks c JOIN documents d ON d.id = c.document_id
                        WHERE d.status = 'COMPLETED' AND c.id > $1 ORDER BY c.id LIMIT $2""")
                .execute(Tuple.of(afterId, limit)).map(ChunkStore::toChunks);
    }

    public Uni<Long> countLive() {
        return pool.query("SELECT count(*) FROM chunks c JOIN documents d ON d.id = c.document_id "
                        + "WHERE d.status = 'COMPLETED'")
                .execute().map(rows -> rows.iterator().next().getLong(0));
    }

    public Uni<List<StoredChunk>> byIds(List<String> ids) {
        return pool.preparedQuery("SELECT " + CHUNK_COLUMNS + """
                         FROM chunks c JOIN documents d ON d.id = c.document_id
                        WHERE c.id = ANY($1) AND d.status <> 'DELETED'""")
                .execute(Tuple.of((Object) ids.toArray(String[]::new))).map(ChunkStore::toChunks);
    }

    /** Removes a document's chunks from the canonical store; returns their ids (to tombstone downstream). */
    public Uni<List<String>> deleteOfDocument(SqlClient tx, UUID documentId) {
        return tx.preparedQuery("DELETE FROM chunks WHERE document_id = $1 RETURNING id")
                .execute(Tuple.of(documentId))
                .map(rows -> {
                    List<String> ids = new ArrayList<>(rows.size());
                    rows.forEach(row -> ids.add(row.getString(0)));
                    return ids;
                });
    }

    private static List<StoredChunk> toChunks(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<StoredChunk> chunks = new ArrayList<>(rows.size());
        rows.forEach(row -> chunks.add(new StoredChunk(row.getString("id"), row.getUUID("document_id"),
                row.getString("file_id"), row.getInteger("page"), row.getInteger("chunk_index"),
                row.getString("language"), row.getInteger("token_count"), row.getInteger("char_start"),
                row.getInteger("char_end"), row.getString("text"), row.getString("text_sha256"),
                row.getString("title"), row.getString("subject"), row.getString("level"))));
        return chunks;
    }
}
