package mr.bacmr.common.web;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;

import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Puts the authenticated user id in the log context ({@code user_id}), so every line of a request says whose it
 * was. A bad token is ignored here: the security check that follows answers it with a 401 problem.
 */
public class UserLogContextFilter {

    public static final String MDC_KEY = "user_id";

    private final CurrentIdentityAssociation identities;

    public UserLogContextFilter(CurrentIdentityAssociation identities) {
        this.identities = identities;
    }

    @ServerRequestFilter(preMatching = false)
    public Uni<Void> bindUser() {
        return identities.getDeferredIdentity()
                .invoke(identity -> {
                    if (!identity.isAnonymous()) {
                        MDC.put(MDC_KEY, identity.getPrincipal().getName());
                    }
                })
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
