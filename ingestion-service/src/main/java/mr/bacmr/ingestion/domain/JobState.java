package mr.bacmr.ingestion.domain;

import java.util.EnumSet;
import java.util.Set;

/** Ingestion job states (S2). The database holds the allowed transitions and refuses any other. */
public enum JobState {
    PENDING, EXTRACTING, CHUNKING, EMBEDDING, PUBLISHING, COMPLETED, FAILED, DEAD, CANCELLED;

    /** States in which a worker holds the job under a lease. */
    public static final Set<JobState> RUNNING = EnumSet.of(EXTRACTING, CHUNKING, EMBEDDING, PUBLISHING);

    /** States nothing moves out of on its own. */
    public static final Set<JobState> TERMINAL = EnumSet.of(COMPLETED, DEAD, CANCELLED);

    public boolean isTerminal() {
        return TERMINAL.contains(this);
    }
}
