package mr.bacmr.billing.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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

import mr.bacmr.billing.domain.Reservation;
import mr.bacmr.billing.domain.ReservationService;
import mr.bacmr.billing.domain.StoredResponse;
import mr.bacmr.billing.store.DbCaller;
import mr.bacmr.common.auth.Role;
import mr.bacmr.common.web.RequestIds;

/**
 * Two-phase reservations for the services that charge credits (retrieval, quiz); never routed by the gateway.
 * Answers carry the reservation resource; a replay under an idempotency key is the stored original, byte for byte,
 * marked {@code Idempotent-Replayed: true}.
 */
@Path("/internal/v1/reservations")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.SERVICE)
public class InternalReservationResource {

    static final String PATH = "/internal/v1/reservations/";

    private final ReservationService reservations;
    private final JsonWebToken jwt;

    public InternalReservationResource(ReservationService reservations, JsonWebToken jwt) {
        this.reservations = reservations;
        this.jwt = jwt;
    }

    @POST
    @Operation(summary = "Hold credits: 201, or 402 insufficient-credits (nothing held); idempotent by idempotency_key")
    public Uni<Response> reserve(@NotNull @Valid ReserveRequest request) {
        return reservations.reserve(caller(), request.toCommand(RequestIds.current())).map(this::respond);
    }

    @POST
    @Path("/{id}/finalize")
    @Operation(summary = "Capture the credits used (at most the amount) and return the rest; resolves once")
    public Uni<Response> finalize(@PathParam("id") UUID id, @HeaderParam(IdempotencyKeys.HEADER) String key,
                                  @NotNull @Valid FinalizeRequest request) {
        return reservations.finalize(caller(), id, request.actual(), IdempotencyKeys.check(key)).map(this::respond);
    }

    @POST
    @Path("/{id}/release")
    @Operation(summary = "Return all held credits; resolves once")
    public Uni<Response> release(@PathParam("id") UUID id, @HeaderParam(IdempotencyKeys.HEADER) String key) {
        return reservations.release(caller(), id, IdempotencyKeys.check(key)).map(this::respond);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A reservation and its state")
    public Uni<Reservation> get(@PathParam("id") UUID id) {
        return reservations.get(caller(), id);
    }

    private DbCaller caller() {
        return DbCaller.service(jwt.getSubject());
    }

    private Response respond(StoredResponse response) {
        Response.ResponseBuilder builder = Response.status(response.status()).type(MediaType.APPLICATION_JSON)
                .entity(response.body());
        if (response.status() == 201) {
            builder.location(URI.create(PATH + response.reservationId()));
        }
        if (response.replayed()) {
            builder.header(IdempotencyKeys.REPLAYED_HEADER, "true");
        }
        return builder.build();
    }
}
