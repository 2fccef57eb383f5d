package mr.bacmr.billing.domain;

import java.time.Instant;

/** One immutable line of a wallet's history. */
public record LedgerEntry(long id, String kind, long amount, long balanceAfter, String reference, Instant createdAt) {
}
