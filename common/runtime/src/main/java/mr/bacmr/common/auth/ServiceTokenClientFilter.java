package mr.bacmr.common.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Sends this service's {@link ServiceTokens} token on a REST client. Deliberately not a global {@code @Provider}:
 * register it with {@code @RegisterProvider} on clients of our own services only, so the token never reaches a
 * third-party API.
 */
@ApplicationScoped
public class ServiceTokenClientFilter implements ClientRequestFilter {

    private final ServiceTokens tokens;

    public ServiceTokenClientFilter(ServiceTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public void filter(ClientRequestContext request) {
        if (!request.getHeaders().containsKey(HttpHeaders.AUTHORIZATION)) {
            request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.token());
        }
    }
}
