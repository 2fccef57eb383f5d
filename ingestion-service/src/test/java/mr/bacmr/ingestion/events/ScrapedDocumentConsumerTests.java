package mr.bacmr.ingestion.events;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import mr.bacmr.common.events.EventEnvelope;
import mr.bacmr.common.events.Topics;
import mr.bacmr.ingestion.IngestionFixtures;
import mr.bacmr.testing.BacmrTestInfrastructure;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Scraped documents arrive over the real broker and become documents once, however often they are delivered. */
@QuarkusTest
@WithTestResource(value = BacmrTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "ingestion"))
class ScrapedDocumentConsumerTests {

    @Inject
    IngestionFixtures fixtures;
    @Inject
    ObjectMapper mapper;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aScrapedPdfBecomesOneDocumentEvenWhenDeliveredTwice() throws Exception {
        String key = fixtures.upload(IngestionFixtures.unique(IngestionFixtures.resource("habibi.pdf")));
        String url = "https://example.mr/cours/" + key.hashCode() + ".pdf";
        EventEnvelope event = EventEnvelope.create(mapper, ScrapedDocument.TYPE, 1, "scraper-service",
                new ScrapedDocument(key, url, "Habibi (scraped)", "ar", 0.92, "0f0f0f0f0f0f0f0f", "application/pdf"));
        String json = mapper.writeValueAsString(event);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.SCRAPER_DOCUMENTS, url, json)).get();
            producer.send(new ProducerRecord<>(Topics.SCRAPER_DOCUMENTS, url, json)).get();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> fixtures.count(
                "SELECT count(*) FROM processed_events WHERE event_id = $1", event.eventId()) == 1);
        assertEquals(1L, fixtures.count("SELECT count(*) FROM documents WHERE source = $1 AND created_by = 'scraper'", url));
        assertEquals(1L, fixtures.count("SELECT count(*) FROM ingestion_jobs j JOIN documents d ON d.id = j.document_id "
                + "WHERE d.source = $1", url));
    }
}
