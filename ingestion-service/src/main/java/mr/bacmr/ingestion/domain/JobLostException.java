package mr.bacmr.ingestion.domain;

/** The job moved away from this worker (an admin cancelled it, or its lease expired and it was reaped). */
public class JobLostException extends RuntimeException {

    public JobLostException(String message) {
        super(message);
    }

    /** Waits for a guarded job update; when it matched no row the job has moved away from this worker. */
    public static void unlessStillHeld(io.smallrye.mutiny.Uni<Boolean> guardedUpdate, java.util.UUID jobId) {
        if (!guardedUpdate.await().atMost(java.time.Duration.ofSeconds(30))) {
            throw new JobLostException("job " + jobId + " is no longer held by this worker");
        }
    }
}
