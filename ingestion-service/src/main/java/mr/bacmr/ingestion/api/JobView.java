package mr.bacmr.ingestion.api;

import java.util.List;

import mr.bacmr.ingestion.domain.JobSummary;
import mr.bacmr.ingestion.domain.JobTransition;

/** {@code GET /v1/jobs/{id}}: where the job is, and every state it went through. */
public record JobView(JobSummary job, List<JobTransition> transitions) {
}
