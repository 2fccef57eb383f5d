package mr.bacmr.billing.domain;

import io.smallrye.mutiny.Uni;

import mr.bacmr.common.web.ProblemException;

/**
 * What a committed transaction answers: a response, or a refusal whose side effect must still commit (a finalize
 * that finds its reservation past expiry expires it, then answers {@code reservation-expired}). Refusals that change
 * nothing are thrown inside the transaction instead, which rolls it back.
 */
record Outcome(StoredResponse response, ProblemException refusal) {

    static Outcome of(StoredResponse response) {
        return new Outcome(response, null);
    }

    static Outcome refused(ProblemException refusal) {
        return new Outcome(null, refusal);
    }

    Uni<StoredResponse> toUni() {
        return refusal == null ? Uni.createFrom().item(response) : Uni.createFrom().failure(refusal);
    }
}
