package mr.bacmr.ingestion.events;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import mr.bacmr.common.events.ReceivedEvent;
import mr.bacmr.common.outbox.ProcessedEvents;
import mr.bacmr.common.web.ProblemException;
import mr.bacmr.ingestion.domain.DocumentRegistrar;
import mr.bacmr.ingestion.domain.NewDocument;

/**
 * Registers documents the scraper accepted. Registration is idempotent by file id, and the event id is recorded
 * afterwards, so a redelivered event finds either its mark or the document its bytes already made.
 */
@ApplicationScoped
public class ScrapedDocumentConsumer {

    static final String CONSUMER = "ingestion.scraper-documents";
    static final String CREATED_BY = "scraper";

    private final DocumentRegistrar registrar;
    private final ProcessedEvents processed;
    private final ObjectMapper mapper;

    public ScrapedDocumentConsumer(DocumentRegistrar registrar, ProcessedEvents processed, ObjectMapper mapper) {
        this.registrar = registrar;
        this.processed = processed;
        this.mapper = mapper;
    }

    @Incoming("scraper-documents")
    @Retry(maxRetries = 3, delay = 500, abortOn = {ProblemException.class, IllegalArgumentException.class})
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        ReceivedEvent event = ReceivedEvent.read(mapper, record);
        if (event.isTombstone() || !ScrapedDocument.TYPE.equals(event.envelope().type())) {
            return Uni.createFrom().voidItem();
        }
        ScrapedDocument scraped = event.envelope().payloadAs(mapper, ScrapedDocument.class);
        String title = scraped.title() == null || scraped.title().isBlank() ? scraped.url() : scraped.title();
        NewDocument document = new NewDocument(scraped.objectKey(), title, null, null, scraped.language(), scraped.url(),
                CREATED_BY);
        return registrar.register(document)
                .invoke(registration -> Log.infof("scraped %s registered as document %s (%s)", scraped.url(),
                        registration.document().id(), registration.created() ? "new" : "known bytes"))
                .chain(registration -> processed.applyOnce(CONSUMER, event.envelope().eventId(),
                        tx -> Uni.createFrom().voidItem()))
                .replaceWithVoid();
    }
}
