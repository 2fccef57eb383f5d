package mr.bacmr.ingestion.domain;

import static mr.bacmr.ingestion.domain.JobLostException.unlessStillHeld;
import static mr.bacmr.ingestion.domain.JobState.CHUNKING;
import static mr.bacmr.ingestion.domain.JobState.COMPLETED;
import static mr.bacmr.ingestion.domain.JobState.EMBEDDING;
import static mr.bacmr.ingestion.domain.JobState.EXTRACTING;
import static mr.bacmr.ingestion.domain.JobState.PUBLISHING;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import mr.bacmr.common.events.EventEnvelope;
import mr.bacmr.common.events.Topics;
import mr.bacmr.common.outbox.OutboxMessage;
import mr.bacmr.common.outbox.OutboxWriter;
import mr.bacmr.ingestion.chunking.Chunk;
import mr.bacmr.ingestion.chunking.TokenChunker;
import mr.bacmr.ingestion.client.ObjectStore;
import mr.bacmr.ingestion.config.IngestionConfig;
import mr.bacmr.common.embedding.ChunkEmbedding;
import mr.bacmr.ingestion.events.DocumentLifecycle;
import mr.bacmr.ingestion.extraction.ExtractedDocument;
import mr.bacmr.ingestion.extraction.ExtractedPage;
import mr.bacmr.ingestion.extraction.PdfTextExtractor;
import mr.bacmr.ingestion.store.ChunkStore;
import mr.bacmr.ingestion.store.DocumentStore;
import mr.bacmr.ingestion.store.JobStore;

/**
 * Runs one claimed INGEST job through EXTRACTING → CHUNKING → EMBEDDING → PUBLISHING → COMPLETED. Blocking: it runs
 * on the worker's thread, never on the event loop. Every write is idempotent (deterministic chunk ids and event ids),
 * so a job resumed after its worker died finishes without duplicating anything.
 */
@ApplicationScoped
public class IngestionJobRunner {

    static final Duration DB = Duration.ofSeconds(30);

    private final Pool pool;
    private final JobStore jobs;
    private final DocumentStore documents;
    private final ChunkStore chunks;
    private final ObjectStore objectStore;
    private final PdfTextExtractor extractor;
    private final TokenChunker chunker;
    private final ChunkPublisher publisher;
    private final OutboxWriter outbox;
    private final ObjectMapper mapper;
    private final IngestionConfig config;

    public IngestionJobRunner(Pool pool, JobStore jobs, DocumentStore documents, ChunkStore chunks,
                              ObjectStore objectStore, PdfTextExtractor extractor, TokenChunker chunker,
                              ChunkPublisher publisher, OutboxWriter outbox, ObjectMapper mapper,
                              IngestionConfig config) {
        this.pool = pool;
        this.jobs = jobs;
        this.documents = documents;
        this.chunks = chunks;
        this.objectStore = objectStore;
        this.extractor = extractor;
        this.chunker = chunker;
        this.publisher = publisher;
        this.outbox = outbox;
        this.mapper = mapper;
        this.config = config;
    }

    public void run(ClaimedJob job, String worker) throws Exception {
        DocumentDetail document = documents.find(job.documentId()).await().atMost(DB)
                .orElseThrow(() -> new JobLostException("document " + job.documentId() + " is gone"));
        Duration lease = config.jobs().lease();

        ExtractedDocument extracted = extract(job, worker, document, lease);
        int ocrPages = (int) extracted.pages().stream().filter(ExtractedPage::needsOcr).count();
        unlessStillHeld(pool.withTransaction(tx -> jobs.advance(tx, job.id(), worker, EXTRACTING, CHUNKING, lease)
                .call(moved -> moved ? chunks.savePages(tx, document.id(), extracted.pages())
                        .chain(() -> documents.updateStatus(tx, document.id(), "PROCESSING", extracted.pageCount(),
                                null, ocrPages, null))
                        : Uni.createFrom().voidItem())), job.id());

        List<Chunk> cut = new ArrayList<>();
        for (ExtractedPage page : extracted.pages()) {
            if (!page.needsOcr() && !page.text().isBlank()) {
                cut.addAll(chunker.chunk(document.fileId(), page.number(), page.text(), page.language()));
            }
        }
        for (int from = 0; from < cut.size(); from += 500) {
            List<Chunk> batch = cut.subList(from, Math.min(cut.size(), from + 500));
            pool.withTransaction(tx -> chunks.saveChunks(tx, document.id(), batch)).await().atMost(DB);
        }
        unlessStillHeld(jobs.progress(job.id(), worker, CHUNKING, null, null, 0, cut.size(), lease), job.id());
        unlessStillHeld(jobs.advance(job.id(), worker, CHUNKING, EMBEDDING, lease), job.id());

        List<StoredChunk> stored = chunks.ofDocument(document.id()).await().atMost(DB);
        List<ChunkEmbedding> embeddings = publisher.embed(stored,
                done -> unlessStillHeld(jobs.progress(job.id(), worker, EMBEDDING, null, null, done, null, lease),
                        job.id()));
        unlessStillHeld(jobs.advance(job.id(), worker, EMBEDDING, PUBLISHING, lease), job.id());

        publisher.publish(stored, embeddings, document.id().toString());
        int chunkCount = stored.size();
        unlessStillHeld(pool.withTransaction(tx -> jobs.advance(tx, job.id(), worker, PUBLISHING, COMPLETED, lease)
                .call(moved -> moved ? documents.updateStatus(tx, document.id(), "COMPLETED", extracted.pageCount(),
                        chunkCount, ocrPages, null) : Uni.createFrom().voidItem())
                .call(moved -> moved ? outbox.append(tx, lifecycle(document, DocumentLifecycle.COMPLETED,
                        extracted.pageCount(), chunkCount, ocrPages, null)) : Uni.createFrom().voidItem())), job.id());
        Log.infof("document %s ingested: %d pages (%d need OCR), %d chunks", document.id(), extracted.pageCount(),
                ocrPages, chunkCount);
    }

    /** Marks the document failed and says why (the job is already DEAD). */
    public void markDocumentFailed(UUID documentId, String reason) {
        pool.withTransaction(tx -> documents.find(tx, documentId).chain(found -> found.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : documents.updateStatus(tx, documentId, "FAILED", null, null, null, reason)
                                .chain(() -> outbox.append(tx, lifecycle(found.get(), DocumentLifecycle.FAILED,
                                        null, null, null, reason)))))
                .await().atMost(DB);
    }

    private ExtractedDocument extract(ClaimedJob job, String worker, DocumentDetail document, Duration lease)
            throws Exception {
        Path pdf = Files.createTempFile("bacmr-ingest-", ".pdf");
        try {
            objectStore.download(document.objectKey(), pdf);
            int every = config.jobs().progressEvery();
            return extractor.extract(pdf, (done, total) -> {
                if (done == 1 || done == total || done % every == 0) {
                    unlessStillHeld(jobs.progress(job.id(), worker, EXTRACTING, done, total, null, null, lease),
                            job.id());
                }
            });
        } finally {
            Files.deleteIfExists(pdf);
        }
    }

    private OutboxMessage lifecycle(DocumentDetail document, String type, Integer pages, Integer chunkCount,
                                    Integer ocrPages, String reason) {
        DocumentLifecycle payload = new DocumentLifecycle(document.id(), document.fileId(), document.title(),
                document.subject(), document.level(), document.language(), document.source(), pages, chunkCount,
                ocrPages, reason);
        return OutboxMessage.event(Topics.INGESTION_DOCUMENTS, document.id().toString(),
                EventEnvelope.createIdentified(mapper, document.id().toString(), type, 1, DocumentRegistrar.PRODUCER,
                        payload));
    }

}
