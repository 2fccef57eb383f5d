package mr.bacmr.billing.client;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;

/**
 * The same client, with the same fault tolerance, pointed at a port nothing listens on (a second client config, built
 * programmatically). Typed to itself so that injecting {@link BillingClient} still finds the real one.
 */
@ApplicationScoped
@Typed(UnreachableBillingClient.class)
public class UnreachableBillingClient extends BillingClient {

    public UnreachableBillingClient() {
        super(QuarkusRestClientBuilder.newBuilder().baseUri(closedPort()).build(BillingApi.class));
    }

    private static URI closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
