package mr.bacmr.retrieval.api;

import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.Operation;

import mr.bacmr.common.auth.Role;
import mr.bacmr.retrieval.domain.VectorIndex;
import mr.bacmr.retrieval.events.ChunkIndexConsumer;

/** What this replica's index holds; for other services and operators, never routed by the gateway. */
@Path("/internal/v1/index/stats")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Names.SERVICE, Role.Names.ADMIN})
public class IndexStatsResource {

    private final VectorIndex index;
    private final ChunkIndexConsumer consumer;

    public IndexStatsResource(VectorIndex index, ChunkIndexConsumer consumer) {
        this.index = index;
        this.consumer = consumer;
    }

    /**
     * @param offsets the consumer position committed with the index (partition → next offset)
     * @param lag     chunk events on the broker not yet indexed
     */
    public record IndexStats(long chunks, Map<Integer, Long> offsets, long lag, boolean caughtUp) {
    }

    @GET
    @Blocking
    @Operation(summary = "Chunks in this replica's index, its committed offsets and its lag")
    public IndexStats stats() {
        return new IndexStats(index.size(), index.checkpointedOffsets(), consumer.totalLag(), consumer.caughtUp());
    }
}
