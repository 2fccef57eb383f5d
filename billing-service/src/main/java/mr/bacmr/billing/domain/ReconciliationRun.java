package mr.bacmr.billing.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A reconciliation run: what it checked and the drifts it recorded ({@code drifts} is left out of run lists). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReconciliationRun(UUID id, String trigger, String requestedBy, Instant startedAt, Instant finishedAt,
                                long walletsChecked, long reservationsChecked, long ledgerEntriesChecked,
                                int driftCount, List<Drift> drifts) {

    public static final String SCHEDULED = "SCHEDULED";
    public static final String MANUAL = "MANUAL";

    public ReconciliationRun withoutDrifts() {
        return new ReconciliationRun(id, trigger, requestedBy, startedAt, finishedAt, walletsChecked,
                reservationsChecked, ledgerEntriesChecked, driftCount, null);
    }
}
