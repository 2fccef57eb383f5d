package mr.bacmr.billing.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

import mr.bacmr.billing.store.WalletStore;
import mr.bacmr.common.auth.Role;

/** Any user's wallet, for support and admins. */
@Path("/v1/admin/wallets")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.ADMIN)
public class AdminWalletResource {

    private final WalletStore wallets;
    private final int recentEntries;

    public AdminWalletResource(WalletStore wallets,
                               @ConfigProperty(name = "bacmr.billing.recent-entries") int recentEntries) {
        this.wallets = wallets;
        this.recentEntries = recentEntries;
    }

    @GET
    @Path("/{userId}")
    @Operation(summary = "A user's wallet (admin)")
    public Uni<WalletView> wallet(@PathParam("userId") String userId) {
        return wallets.find(userId)
                .chain(wallet -> wallets.recentEntries(userId, recentEntries).map(entries -> WalletView.of(wallet, entries)));
    }
}
