package mr.bacmr.billing.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import mr.bacmr.billing.store.WalletStore;
import mr.bacmr.common.auth.Role;

/** The caller's own wallet. */
@Path("/v1/wallet")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Names.STUDENT, Role.Names.TEACHER, Role.Names.ADMIN})
public class WalletResource {

    private final WalletStore wallets;
    private final JsonWebToken jwt;
    private final int recentEntries;

    public WalletResource(WalletStore wallets, JsonWebToken jwt,
                          @ConfigProperty(name = "bacmr.billing.recent-entries") int recentEntries) {
        this.wallets = wallets;
        this.jwt = jwt;
        this.recentEntries = recentEntries;
    }

    @GET
    @Operation(summary = "The caller's balance, held and available credits, and latest ledger entries")
    public Uni<WalletView> mine() {
        String userId = jwt.getSubject();
        return wallets.find(userId)
                .chain(wallet -> wallets.recentEntries(userId, recentEntries).map(entries -> WalletView.of(wallet, entries)));
    }
}
