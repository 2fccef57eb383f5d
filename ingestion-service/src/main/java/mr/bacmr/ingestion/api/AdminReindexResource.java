package mr.bacmr.ingestion.api;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.Operation;

import mr.bacmr.common.auth.Role;
import mr.bacmr.ingestion.config.IngestionConfig;
import mr.bacmr.ingestion.store.JobStore;

/** Admin reindex (S19 part): republish every chunk, re-embedded with the configured model, as a job with progress. */
@Path("/v1/admin/reindex")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.ADMIN)
public class AdminReindexResource {

    private final Pool pool;
    private final JobStore jobs;
    private final IngestionConfig config;

    public AdminReindexResource(Pool pool, JobStore jobs, IngestionConfig config) {
        this.pool = pool;
        this.jobs = jobs;
        this.config = config;
    }

    /** @param reEmbed recorded for operators; vectors are always recomputed with the model configured now */
    public record ReindexRequest(Boolean reEmbed) {
    }

    @POST
    @Operation(summary = "Start a reindex job; follow it at /v1/jobs/{id}")
    public Uni<Response> start(ReindexRequest request) {
        boolean reEmbed = request != null && Boolean.TRUE.equals(request.reEmbed());
        return pool.withTransaction(tx -> jobs.create(tx, "REINDEX", null, config.jobs().maxAttempts(),
                        Map.of("re_embed", reEmbed)))
                .chain(jobs::find)
                .map(job -> Response.accepted(job.orElseThrow()).build());
    }
}
