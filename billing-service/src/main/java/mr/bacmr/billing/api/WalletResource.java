package mr.bacmr.billing.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import mr.bacmr.billing.domain.LedgerEntry;
import mr.bacmr.billing.domain.WalletQueries;
import mr.bacmr.common.auth.Caller;
import mr.bacmr.common.auth.Role;
import mr.bacmr.common.web.Page;
import mr.bacmr.common.web.PageRequest;

/** The caller's own wallet; row-level security restricts every query to the caller's rows. */
@Path("/v1/wallet")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Names.STUDENT, Role.Names.TEACHER, Role.Names.ADMIN})
public class WalletResource {

    private final WalletQueries wallets;
    private final JsonWebToken jwt;

    public WalletResource(WalletQueries wallets, JsonWebToken jwt) {
        this.wallets = wallets;
        this.jwt = jwt;
    }

    @GET
    @Operation(summary = "The caller's balance, held and available credits, and latest ledger entries")
    public Uni<WalletView> mine() {
        Caller caller = Caller.of(jwt);
        return wallets.statement(caller.userId(), caller).map(WalletView::of);
    }

    @GET
    @Path("/ledger")
    @Operation(summary = "The caller's ledger, newest first, paged")
    public Uni<Page<LedgerEntry>> ledger(@BeanParam @Valid PageRequest page) {
        Caller caller = Caller.of(jwt);
        return wallets.ledger(caller.userId(), caller, page);
    }
}
