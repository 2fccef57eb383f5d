package mr.bacmr.retrieval.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.eclipse.microprofile.config.ConfigProvider;

import mr.bacmr.retrieval.RetrievalTestInfrastructure;

/** The tests' handle on the {@link FaultyLink} between the app and billing. */
public final class BillingLinkControl {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void cut() {
        post("/cut");
    }

    public static void restore() {
        post("/restore");
    }

    private static void post(String path) {
        String base = ConfigProvider.getConfig().getValue(RetrievalTestInfrastructure.BILLING_LINK_CONTROL, String.class);
        try {
            int status = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            if (status != 204) {
                throw new IllegalStateException(path + " answered " + status);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private BillingLinkControl() {
    }
}
