package mr.bacmr.billing.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import mr.bacmr.billing.domain.ReconciliationRun;
import mr.bacmr.billing.domain.ReconciliationService;
import mr.bacmr.billing.store.DbCaller;
import mr.bacmr.common.auth.Role;
import mr.bacmr.common.web.Page;
import mr.bacmr.common.web.PageRequest;
import mr.bacmr.common.web.ProblemException;

/** Reconciliation runs: start one now, list them, read one with its drift rows. */
@Path("/v1/admin/reconciliation")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.ADMIN)
public class AdminReconciliationResource {

    private final ReconciliationService reconciliation;
    private final JsonWebToken jwt;

    public AdminReconciliationResource(ReconciliationService reconciliation, JsonWebToken jwt) {
        this.reconciliation = reconciliation;
        this.jwt = jwt;
    }

    @POST
    @Operation(summary = "Run a reconciliation now: 201 with what it checked and every drift it recorded")
    public Uni<Response> run() {
        return reconciliation.runNow(jwt.getSubject()).map(run -> Response
                .created(URI.create("/v1/admin/reconciliation/" + run.id())).entity(run).build());
    }

    @GET
    @Operation(summary = "Reconciliation runs, newest first")
    public Uni<Page<ReconciliationRun>> list(@BeanParam @Valid PageRequest page) {
        return reconciliation.list(admin(), page);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One run with its drift rows")
    public Uni<ReconciliationRun> get(@PathParam("id") UUID id) {
        return reconciliation.find(admin(), id)
                .map(run -> run.orElseThrow(() -> ProblemException.notFound("reconciliation run", id)));
    }

    private DbCaller admin() {
        return DbCaller.admin(jwt.getSubject());
    }
}
