package mr.bacmr.billing.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.UUID;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import mr.bacmr.common.auth.ServiceTokenClientFilter;
import mr.bacmr.common.web.RequestIdClientFilter;

/** billing-service's internal reservation API; use {@link BillingClient}, which adds the fault tolerance. */
@Path("/internal/v1/reservations")
@RegisterRestClient(configKey = "billing")
@RegisterProvider(RequestIdClientFilter.class)
@RegisterProvider(ServiceTokenClientFilter.class)
@RegisterProvider(BillingProblemMapper.class)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface BillingApi {

    String IDEMPOTENCY_KEY = "Idempotency-Key";

    @POST
    Uni<Reservation> reserve(ReserveRequest request);

    @POST
    @Path("/{id}/finalize")
    Uni<Reservation> finalize(@PathParam("id") UUID id, @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
                              FinalizeBody body);

    @POST
    @Path("/{id}/release")
    Uni<Reservation> release(@PathParam("id") UUID id, @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey);

    @GET
    @Path("/{id}")
    Uni<Reservation> get(@PathParam("id") UUID id);

    /** Body of finalize: the credits actually used, at most the reserved amount. */
    record FinalizeBody(long actual) {
    }
}
