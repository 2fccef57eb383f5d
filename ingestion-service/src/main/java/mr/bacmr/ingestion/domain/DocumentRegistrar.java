package mr.bacmr.ingestion.domain;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

import mr.bacmr.common.events.EventEnvelope;
import mr.bacmr.common.events.Topics;
import mr.bacmr.common.outbox.OutboxMessage;
import mr.bacmr.common.outbox.OutboxWriter;
import mr.bacmr.ingestion.config.IngestionConfig;
import mr.bacmr.ingestion.events.DocumentLifecycle;
import mr.bacmr.ingestion.store.DocumentStore;
import mr.bacmr.ingestion.store.JobStore;

/**
 * Registers uploaded bytes as a document. The file id is the sha256 of the bytes, unique among live documents,
 * so the same bytes — one after the other or at the same moment — always land on one document.
 */
@ApplicationScoped
public class DocumentRegistrar {

    static final String PRODUCER = "ingestion-service";

    private final Pool pool;
    private final ObjectFingerprinter fingerprinter;
    private final DocumentStore documents;
    private final JobStore jobs;
    private final OutboxWriter outbox;
    private final ObjectMapper mapper;
    private final IngestionConfig config;

    public DocumentRegistrar(Pool pool, ObjectFingerprinter fingerprinter, DocumentStore documents, JobStore jobs,
                             OutboxWriter outbox, ObjectMapper mapper, IngestionConfig config) {
        this.pool = pool;
        this.fingerprinter = fingerprinter;
        this.documents = documents;
        this.jobs = jobs;
        this.outbox = outbox;
        this.mapper = mapper;
        this.config = config;
    }

    public Uni<Registration> register(NewDocument document) {
        return Uni.createFrom().item(() -> fingerprinter.fingerprint(document.objectKey()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(fingerprint -> pool.withTransaction(tx -> documents.insertIfNew(tx, document, fingerprint)
                        .chain(inserted -> inserted.isEmpty()
                                ? documents.findLiveByFileId(tx, fingerprint.fileId())
                                        .map(existing -> new Registration(existing.orElseThrow(),
                                                existing.get().latestJob() == null ? null : existing.get().latestJob().id(),
                                                false))
                                : jobs.create(tx, "INGEST", inserted.get(), config.jobs().maxAttempts(), Map.of())
                                        .call(jobId -> outbox.append(tx, accepted(document, fingerprint, inserted.get())))
                                        .chain(jobId -> documents.find(tx, inserted.get())
                                                .map(created -> new Registration(created.orElseThrow(), jobId, true))))));
    }

    private OutboxMessage accepted(NewDocument document, Fingerprint fingerprint, java.util.UUID documentId) {
        DocumentLifecycle payload = new DocumentLifecycle(documentId, fingerprint.fileId(), document.title(),
                document.subject(), document.level(), document.language(), document.source(), null, null, null, null);
        return OutboxMessage.event(Topics.INGESTION_DOCUMENTS, documentId.toString(),
                EventEnvelope.createIdentified(mapper, documentId.toString(), DocumentLifecycle.ACCEPTED, 1, PRODUCER,
                        payload));
    }
}
