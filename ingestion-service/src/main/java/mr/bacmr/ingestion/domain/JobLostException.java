package mr.bacmr.ingestion.domain;

/** The job moved away from this worker (an admin cancelled it, or its lease expired and it was reaped). */
public class JobLostException extends RuntimeException {

    public JobLostException(String message) {
        super(message);
    }
}
