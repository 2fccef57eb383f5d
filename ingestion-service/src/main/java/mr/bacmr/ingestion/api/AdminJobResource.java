package mr.bacmr.ingestion.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import mr.bacmr.common.auth.Role;
import mr.bacmr.common.web.Page;
import mr.bacmr.common.web.PageRequest;
import mr.bacmr.ingestion.domain.JobSummary;
import mr.bacmr.ingestion.store.JobStore;

/** Operators' view of the ingestion queue. */
@Path("/v1/admin/jobs")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.ADMIN)
public class AdminJobResource {

    private final JobStore jobs;

    public AdminJobResource(JobStore jobs) {
        this.jobs = jobs;
    }

    @GET
    @Operation(summary = "Ingestion jobs, most recently changed first (admin)")
    public Uni<Page<JobSummary>> list(@QueryParam("state") String state, @BeanParam @Valid PageRequest page) {
        return jobs.list(state, page);
    }
}
