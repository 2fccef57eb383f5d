package mr.bacmr.common.auth;

import java.util.Locale;

/** The JWT {@code tier} claim; a missing or unknown tier is treated as {@link #FREE}, never as a higher one. */
public enum Tier {
    FREE(new TierLimits(5, false, 20, 2_000)),
    STANDARD(new TierLimits(10, true, 200, 4_000)),
    PREMIUM(new TierLimits(20, true, 2_000, 8_000));

    private final TierLimits limits;

    Tier(TierLimits limits) {
        this.limits = limits;
    }

    public TierLimits limits() {
        return limits;
    }

    public String claim() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Tier fromClaim(String value) {
        if (value != null) {
            for (Tier tier : values()) {
                if (tier.claim().equals(value.trim().toLowerCase(Locale.ROOT))) {
                    return tier;
                }
            }
        }
        return FREE;
    }
}
