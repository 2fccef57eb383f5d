package mr.bacmr.ingestion.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import mr.bacmr.common.auth.Role;
import mr.bacmr.common.web.Page;
import mr.bacmr.common.web.PageRequest;
import mr.bacmr.common.web.ProblemException;
import mr.bacmr.ingestion.domain.IngestionProblems;
import mr.bacmr.ingestion.domain.JobSummary;
import mr.bacmr.ingestion.store.JobStore;

/** Operators' view of the ingestion queue, with retry and cancel. */
@Path("/v1/admin/jobs")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.ADMIN)
public class AdminJobResource {

    private final JobStore jobs;
    private final JsonWebToken jwt;

    public AdminJobResource(JobStore jobs, JsonWebToken jwt) {
        this.jobs = jobs;
        this.jwt = jwt;
    }

    @GET
    @Operation(summary = "Ingestion jobs, most recently changed first (admin)")
    public Uni<Page<JobSummary>> list(@QueryParam("state") String state, @BeanParam @Valid PageRequest page) {
        return jobs.list(state, page);
    }

    @POST
    @Path("/{id}/retry")
    @Operation(summary = "Give a DEAD or CANCELLED job a fresh set of attempts")
    public Uni<JobSummary> retry(@PathParam("id") UUID id) {
        return jobs.retry(id).chain(done -> done ? current(id) : refuse(id, "only DEAD or CANCELLED jobs can be retried"));
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel a job that has not finished; its worker stops at the next step")
    public Uni<JobSummary> cancel(@PathParam("id") UUID id) {
        return jobs.cancel(id, "cancelled by " + jwt.getSubject())
                .chain(done -> done ? current(id) : refuse(id, "the job has already finished"));
    }

    private Uni<JobSummary> current(UUID id) {
        return jobs.find(id).map(found -> found.orElseThrow(() -> ProblemException.notFound("job", id)));
    }

    private Uni<JobSummary> refuse(UUID id, String why) {
        return current(id).map(job -> {
            throw IngestionProblems.jobStateConflict("job " + id + " is " + job.state() + ": " + why);
        });
    }
}
