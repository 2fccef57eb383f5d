package mr.bacmr.billing.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import mr.bacmr.billing.domain.TopUpService;
import mr.bacmr.billing.domain.WalletQueries;
import mr.bacmr.billing.store.DbCaller;
import mr.bacmr.common.auth.Caller;
import mr.bacmr.common.auth.Role;

/** Any user's wallet and top-ups, for support and admins. */
@Path("/v1/admin/wallets/{userId}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.ADMIN)
public class AdminWalletResource {

    private final WalletQueries wallets;
    private final TopUpService topUps;
    private final JsonWebToken jwt;

    public AdminWalletResource(WalletQueries wallets, TopUpService topUps, JsonWebToken jwt) {
        this.wallets = wallets;
        this.topUps = topUps;
        this.jwt = jwt;
    }

    @GET
    @Operation(summary = "A user's wallet (admin)")
    public Uni<WalletView> wallet(@PathParam("userId") @Size(max = Limits.MAX_ID) String userId) {
        return wallets.statement(userId, Caller.of(jwt)).map(WalletView::of);
    }

    @POST
    @Path("/topups")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Credit a payment to a wallet: 201; the same payment_ref again returns the original top-up")
    public Uni<Response> topUp(@PathParam("userId") @Size(max = Limits.MAX_ID) String userId,
                               @NotNull @Valid TopUpRequest request) {
        return topUps.topUp(DbCaller.admin(jwt.getSubject()), userId, request.amount(), request.paymentRef())
                .map(result -> {
                    Response.ResponseBuilder builder = Response.status(201).entity(result.topUp());
                    if (result.replayed()) {
                        builder.header(IdempotencyKeys.REPLAYED_HEADER, "true");
                    }
                    return builder.build();
                });
    }
}
