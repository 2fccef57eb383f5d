package mr.bacmr.ingestion.domain;

import java.time.Instant;

/** One audited state change of a job. */
public record JobTransition(String fromState, String toState, int attempt, String error, String worker, Instant at) {
}
