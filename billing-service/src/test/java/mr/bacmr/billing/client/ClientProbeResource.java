package mr.bacmr.billing.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.UUID;

/**
 * Test-only endpoint that uses {@link BillingClient} from inside a request, as retrieval and quiz do: the request's
 * id must travel on to billing.
 */
@Path("/test/billing-client")
@Produces(MediaType.APPLICATION_JSON)
public class ClientProbeResource {

    private final BillingClient billing;

    public ClientProbeResource(BillingClient billing) {
        this.billing = billing;
    }

    @POST
    @Path("/reserve/{user}")
    public Uni<Reservation> reserve(@PathParam("user") String user) {
        return billing.reserve(new ReserveRequest(user, 10, "probe", "probe-" + UUID.randomUUID(), null));
    }
}
