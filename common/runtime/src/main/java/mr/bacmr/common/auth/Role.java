package mr.bacmr.common.auth;

import java.util.Locale;
import java.util.Optional;

/** The JWT {@code role} claim. The string constants are for {@code @RolesAllowed}, which needs compile-time values. */
public enum Role {
    STUDENT(Names.STUDENT),
    TEACHER(Names.TEACHER),
    ADMIN(Names.ADMIN),
    SERVICE(Names.SERVICE);

    private final String claim;

    Role(String claim) {
        this.claim = claim;
    }

    public String claim() {
        return claim;
    }

    public static Optional<Role> fromClaim(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        for (Role role : values()) {
            if (role.claim.equals(wanted)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    public static final class Names {
        public static final String STUDENT = "student";
        public static final String TEACHER = "teacher";
        public static final String ADMIN = "admin";
        public static final String SERVICE = "service";

        private Names() {
        }
    }
}
