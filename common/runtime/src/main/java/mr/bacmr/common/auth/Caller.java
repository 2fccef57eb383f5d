package mr.bacmr.common.auth;

import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling, read once from the verified JWT. */
public record Caller(String userId, Role role, Tier tier) {

    public static final String ROLE_CLAIM = "role";
    public static final String TIER_CLAIM = "tier";

    public static Caller of(JsonWebToken jwt) {
        Role role = Role.fromClaim(jwt.getClaim(ROLE_CLAIM))
                .orElseThrow(() -> new IllegalStateException("token has no known role"));
        return new Caller(jwt.getSubject(), role, Tier.fromClaim(jwt.getClaim(TIER_CLAIM)));
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
