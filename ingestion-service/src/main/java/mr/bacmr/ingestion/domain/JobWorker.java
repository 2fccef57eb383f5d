package mr.bacmr.ingestion.domain;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import mr.bacmr.common.web.RequestIds;
import mr.bacmr.ingestion.config.IngestionConfig;
import mr.bacmr.ingestion.extraction.PdfRejectedException;
import mr.bacmr.ingestion.store.JobStore;

/**
 * Takes jobs off the queue, one at a time per replica: reaps jobs whose worker died, claims the next runnable one
 * with a lease, runs it, and records the outcome — permanent failures (encrypted, corrupt, empty PDF) go DEAD at
 * once with their reason, anything else is retried with backoff until the attempts are spent.
 */
@ApplicationScoped
public class JobWorker {

    private static final Duration DB = Duration.ofSeconds(30);

    private final JobStore jobs;
    private final IngestionJobRunner ingestion;
    private final ReindexJobRunner reindex;
    private final RetryPolicy retries;
    private final IngestionConfig config;
    private final String workerId;

    public JobWorker(JobStore jobs, IngestionJobRunner ingestion, ReindexJobRunner reindex, RetryPolicy retries,
                     IngestionConfig config) {
        this.jobs = jobs;
        this.ingestion = ingestion;
        this.reindex = reindex;
        this.retries = retries;
        this.config = config;
        this.workerId = hostname() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    public String workerId() {
        return workerId;
    }

    @Scheduled(every = "${bacmr.ingestion.jobs.poll-interval:1s}", identity = "ingestion-jobs",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (config.jobs().workerEnabled()) {
            drain();
        }
    }

    /** Runs jobs until none is runnable; returns how many ran. Blocking. */
    public int drain() {
        int ran = 0;
        // Only jobs due when the pass began (database time): a job failing now is retried in a later pass.
        Instant passStart = jobs.reapExpiredLeases().await().atMost(DB);
        for (Optional<ClaimedJob> next = claim(passStart); next.isPresent(); next = claim(passStart)) {
            runOne(next.get());
            ran++;
        }
        return ran;
    }

    private Optional<ClaimedJob> claim(Instant dueBy) {
        return jobs.claim(workerId, config.jobs().lease(), dueBy).await().atMost(DB);
    }

    void runOne(ClaimedJob job) {
        RequestIds.bind("job-" + job.id());
        try {
            if ("REINDEX".equals(job.kind())) {
                reindex.run(job, workerId);
            } else {
                ingestion.run(job, workerId);
            }
        } catch (JobLostException e) {
            Log.infof("job %s stopped: %s", job.id(), e.getMessage());
        } catch (PdfRejectedException e) {
            fail(job, e.reason().name().toLowerCase() + ": " + e.getMessage(), true);
        } catch (Exception e) {
            Log.warnf(e, "job %s attempt %d failed", job.id(), job.attempt());
            fail(job, e.getClass().getSimpleName() + ": " + e.getMessage(), false);
        } finally {
            RequestIds.bind(null);
        }
    }

    private void fail(ClaimedJob job, String reason, boolean permanent) {
        Duration retryDelay = retries.delayAfter(job.attempt());
        JobState current = jobs.find(job.id()).await().atMost(DB)
                .map(summary -> JobState.valueOf(summary.state())).orElse(JobState.CANCELLED);
        if (!JobState.RUNNING.contains(current)) {
            return;
        }
        JobState outcome = jobs.fail(job.id(), workerId, current, reason, retryDelay, permanent).await().atMost(DB);
        if (outcome == JobState.DEAD && job.documentId() != null) {
            ingestion.markDocumentFailed(job.documentId(), reason);
        }
        Log.infof("job %s is %s after attempt %d: %s", job.id(), outcome, job.attempt(), reason);
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "worker";
        }
    }
}
