package mr.bacmr.ingestion.api;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Duration;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestStreamElementType;

import mr.bacmr.common.auth.Role;
import mr.bacmr.common.web.ProblemException;
import mr.bacmr.ingestion.domain.JobSummary;
import mr.bacmr.ingestion.store.JobStore;

/** Job progress: a snapshot, or a stream of changes until the job ends. */
@Path("/v1/jobs/{id}")
@RolesAllowed({Role.Names.TEACHER, Role.Names.ADMIN})
public class JobResource {

    /** The worker may be on another replica, so progress is read from the database, not from memory. */
    static final Duration POLL = Duration.ofMillis(500);

    private final JobStore jobs;

    public JobResource(JobStore jobs) {
        this.jobs = jobs;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A job's state, attempt, pages and chunks done, and its audited transitions")
    public Uni<JobView> get(@PathParam("id") UUID id) {
        return find(id).chain(job -> jobs.transitions(id).map(transitions -> new JobView(job, transitions)));
    }

    @GET
    @Path("/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Server-sent events: the job each time it changes, ending with its final state")
    public Multi<JobSummary> events(@PathParam("id") UUID id) {
        return Multi.createBy().repeating().uni(() -> find(id)).withDelay(POLL)
                .whilst(job -> !job.isTerminal())
                .skip().repetitions();
    }

    private Uni<JobSummary> find(UUID id) {
        return jobs.find(id).map(found -> found.orElseThrow(() -> ProblemException.notFound("job", id)));
    }
}
