package mr.bacmr.ingestion.domain;

import static mr.bacmr.ingestion.domain.JobLostException.unlessStillHeld;

import io.quarkus.logging.Log;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;

import mr.bacmr.ingestion.config.IngestionConfig;
import mr.bacmr.common.embedding.ChunkEmbedding;
import mr.bacmr.ingestion.store.ChunkStore;
import mr.bacmr.ingestion.store.JobStore;

/**
 * A REINDEX job republishes every live chunk under a new generation (the job id), re-embedding with the configured
 * model; consumers rebuild their index from it. It walks chunks in id order in pages, so memory stays flat.
 */
@ApplicationScoped
public class ReindexJobRunner {

    private static final Duration DB = Duration.ofSeconds(30);
    private static final int PAGE = 200;

    private final Pool pool;
    private final JobStore jobs;
    private final ChunkStore chunks;
    private final ChunkPublisher publisher;
    private final IngestionConfig config;

    public ReindexJobRunner(Pool pool, JobStore jobs, ChunkStore chunks, ChunkPublisher publisher,
                            IngestionConfig config) {
        this.pool = pool;
        this.jobs = jobs;
        this.chunks = chunks;
        this.publisher = publisher;
        this.config = config;
    }

    public void run(ClaimedJob job, String worker) {
        Duration lease = config.jobs().lease();
        int total = chunks.countLive().await().atMost(DB).intValue();
        unlessStillHeld(jobs.progress(job.id(), worker, JobState.EXTRACTING, null, null, 0, total, lease), job.id());
        for (JobState[] step : new JobState[][]{{JobState.EXTRACTING, JobState.CHUNKING},
                {JobState.CHUNKING, JobState.EMBEDDING}}) {
            unlessStillHeld(jobs.advance(job.id(), worker, step[0], step[1], lease), job.id());
        }
        String generation = job.id().toString();
        int done = 0;
        String after = "";
        for (List<StoredChunk> page = chunks.liveAfter(after, PAGE).await().atMost(DB); !page.isEmpty();
             page = chunks.liveAfter(after, PAGE).await().atMost(DB)) {
            List<ChunkEmbedding> embeddings = publisher.embed(page, ignored -> { });
            publisher.publish(page, embeddings, generation);
            done += page.size();
            after = page.get(page.size() - 1).id();
            unlessStillHeld(jobs.progress(job.id(), worker, JobState.EMBEDDING, null, null, done, total, lease),
                    job.id());
        }
        unlessStillHeld(jobs.advance(job.id(), worker, JobState.EMBEDDING, JobState.PUBLISHING, lease), job.id());
        unlessStillHeld(jobs.advance(job.id(), worker, JobState.PUBLISHING, JobState.COMPLETED, lease), job.id());
        Log.infof("reindex %s republished %d chunks with %s", job.id(), done, publisher.model());
    }

}
