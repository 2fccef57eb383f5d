package mr.bacmr.ingestion.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** {@code embedding_refs}: a record of every vector published (S5). */
@ApplicationScoped
public class EmbeddingRefStore {

    private final Pool pool;

    public EmbeddingRefStore(Pool pool) {
        this.pool = pool;
    }

    public record Ref(String chunkId, String vectorId, String namespace, String model, int dims, int windows) {
    }

    public Uni<Void> recordPublished(SqlClient tx, List<Ref> refs) {
        if (refs.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                        INSERT INTO embedding_refs (chunk_id, vector_id, namespace, model, dims, windows, status)
                        VALUES ($1, $2, $3, $4, $5, $6, 'PUBLISHED')
                        ON CONFLICT (chunk_id, namespace, model) DO UPDATE
                        SET vector_id = EXCLUDED.vector_id, dims = EXCLUDED.dims, windows = EXCLUDED.windows,
                            status = 'PUBLISHED', published_at = now()""")
                .executeBatch(refs.stream().map(ref -> Tuple.of(ref.chunkId(), ref.vectorId(), ref.namespace(),
                        ref.model(), ref.dims(), ref.windows())).toList())
                .replaceWithVoid();
    }

    public Uni<Void> markDeleted(SqlClient tx, List<String> chunkIds) {
        return tx.preparedQuery("UPDATE embedding_refs SET status = 'DELETED' WHERE chunk_id = ANY($1)")
                .execute(Tuple.of((Object) chunkIds.toArray(String[]::new))).replaceWithVoid();
    }

    public Uni<Long> count() {
        return pool.query("SELECT count(*) FROM embedding_refs").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }
}
