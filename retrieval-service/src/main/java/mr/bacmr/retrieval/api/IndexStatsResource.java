package mr.bacmr.retrieval.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import mr.bacmr.common.auth.Role;
import mr.bacmr.retrieval.domain.SearchIndex;

/** What this replica's index holds; for other services and operators, never routed by the gateway. */
@Path("/internal/v1/index/stats")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Names.SERVICE, Role.Names.ADMIN})
public class IndexStatsResource {

    private final SearchIndex index;

    public IndexStatsResource(SearchIndex index) {
        this.index = index;
    }

    public record IndexStats(long chunks) {
    }

    @GET
    @Operation(summary = "Chunks in this replica's index")
    public IndexStats stats() {
        return new IndexStats(index.size());
    }
}
