package mr.bacmr.retrieval.e2e;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import mr.bacmr.retrieval.IngestedDocuments;
import mr.bacmr.retrieval.RetrievalTestInfrastructure;

import static mr.bacmr.retrieval.SearchCalls.metric;
import static mr.bacmr.retrieval.SearchCalls.scrape;
import static mr.bacmr.retrieval.SearchCalls.search;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole path with the real ingestion service: a PDF uploaded to ingestion is extracted, chunked, embedded and
 * published; its chunk events reach this index; searches cite it and get canonical text back through the cache.
 */
@QuarkusTest
@WithTestResource(RetrievalTestInfrastructure.class)
class SearchOverIngestedDocumentsTests {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String QUERY = "the siege of Vicksburg";

    static UUID document;
    static int chunks;

    @BeforeAll
    static void ingestOnce() {
        document = IngestedDocuments.ingest(IngestedDocuments.VICKSBURG, "Siege of Vicksburg (retrieval)");
        chunks = IngestedDocuments.chunkCount(document);
        assertTrue(chunks > 0, "ingestion made chunks");
    }

    /** Each test waits for the document's chunk events to have reached the index (RestAssured targets the app here). */
    @BeforeEach
    void indexed() {
        await().atMost(WAIT).untilAsserted(() -> search("premium", query(QUERY, 20))
                .statusCode(200).body("results", hasSize(Math.min(20, chunks))));
    }

    @Test
    void hitsCiteTheDocumentWithCanonicalTextAndAHighlightedSnippet() {
        search("premium", query(QUERY, 3)).statusCode(200)
                .body("text_unavailable", equalTo(false))
                .body("vector_unavailable", equalTo(false))
                .body("results[0].document_id", equalTo(document.toString()))
                .body("results[0].title", equalTo("Siege of Vicksburg (retrieval)"))
                .body("results[0].chunk_id", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{64}"))
                .body("results[0].page", greaterThan(0))
                .body("results[0].token_count", greaterThan(0))
                .body("results.text", everyItem(notNullValue()))
                .body("results[0].text", containsString("Vicksburg"))
                .body("results[0].snippet", containsStringIgnoringCase("<mark>vicksburg</mark>"));
    }

    /** Past Quarkus's default 8 KB output buffer a body went out chunked, in one write per 8 KB. */
    @Test
    void aLargeResultGoesOutInOneBodyWithItsLength() {
        Response response = search("premium", query(QUERY, 20)).statusCode(200)
                .extract().response();
        int length = response.asByteArray().length;
        assertTrue(length > 8192, "the body is larger than the default output buffer: " + length);
        assertEquals(String.valueOf(length), response.header("Content-Length"));
        assertNull(response.header("Transfer-Encoding"));
    }

    @Test
    void repeatedSearchesReadTextFromTheCacheAndTheMetricsSaySo() {
        search("premium", query("Vicksburg fortifications river", 5)).statusCode(200);
        String before = scrape();
        List<String> ids = search("premium", query("Vicksburg fortifications river", 5)).statusCode(200)
                .body("results.text", everyItem(notNullValue())).extract().path("results.chunk_id");
        String after = scrape();
        assertEquals(metric(before, "cache_gets_total", "cache=\"chunk_texts\"", "result=\"miss\""),
                metric(after, "cache_gets_total", "cache=\"chunk_texts\"", "result=\"miss\""), "no miss the second time");
        assertEquals(ids.size(), metric(after, "cache_gets_total", "cache=\"chunk_texts\"", "result=\"hit\"")
                - metric(before, "cache_gets_total", "cache=\"chunk_texts\"", "result=\"hit\""), 0.0, "one hit per result");
    }

    @Test
    void aNewQueryIsEmbeddedThroughTheGuardedModelCallAndItsRepeatFromTheVectorCache() {
        String query = "Vicksburg siege " + UUID.randomUUID();
        String embedCalls = "method=\"mr.bacmr.retrieval.client.QueryEmbedder.embedWithModel\"";
        String before = scrape();
        search("premium", query(query, 3)).statusCode(200).body("vector_unavailable", equalTo(false));
        String middle = scrape();
        search("premium", query(query, 3)).statusCode(200).body("vector_unavailable", equalTo(false));
        String after = scrape();
        assertEquals(1.0, counted(middle, "ft_invocations_total", embedCalls, "result=\"valueReturned\"")
                - counted(before, "ft_invocations_total", embedCalls, "result=\"valueReturned\""), 0.0,
                "the model call runs under its timeout, retry and breaker");
        assertEquals(counted(middle, "ft_invocations_total", embedCalls, "result=\"valueReturned\""),
                counted(after, "ft_invocations_total", embedCalls, "result=\"valueReturned\""), 0.0,
                "the repeat does not reach the model");
        assertEquals(1.0, metric(after, "cache_gets_total", "cache=\"query_vectors\"", "result=\"hit\"")
                - counted(middle, "cache_gets_total", "cache=\"query_vectors\"", "result=\"hit\""), 0.0);
        assertEquals(Runtime.getRuntime().availableProcessors(),
                metric(after, "executor_pool_size_threads", "name=\"search\""), 0.0, "one search thread per core");
        assertTrue(counted(after, "bacmr_search_queue_wait_seconds_count")
                > counted(before, "bacmr_search_queue_wait_seconds_count"), "each search's wait for a thread is timed");
        assertTrue(counted(after, "bacmr_search_run_seconds_count") > counted(before, "bacmr_search_run_seconds_count"));
        assertTrue(metric(after, "bacmr_search_run_seconds_bucket", "le=\"+Inf\"") >= 2,
                "a histogram, so dashboards can take percentiles");
    }

    /** A counter's value, 0 before its first increment (a labelled counter appears then). */
    private static double counted(String scrape, String name, String... labels) {
        double value = metric(scrape, name, labels);
        return Double.isNaN(value) ? 0 : value;
    }

    @Test
    void aSecondIdenticalRerankWithinItsTtlDoesNotCallTheReranker() {
        String unique = QUERY + " " + UUID.randomUUID();   // a query no earlier test reranked
        String before = scrape();
        List<String> first = search("standard", Map.of("query", unique, "top_k", 5, "rerank", true,
                "filters", Map.of("document_id", document.toString())))
                .statusCode(200).body("reranked", equalTo(true)).body("rerank_ignored", equalTo(false))
                .extract().path("results.chunk_id");
        String middle = scrape();
        List<String> second = search("standard", Map.of("query", unique.toUpperCase(), "top_k", 5, "rerank", true,
                "filters", Map.of("document_id", document.toString())))
                .statusCode(200).body("reranked", equalTo(true)).extract().path("results.chunk_id");
        String after = scrape();

        assertEquals(1.0, calls(middle) - calls(before), "the first rerank called the reranker");
        assertEquals(calls(middle), calls(after), "the second was served from the cache");
        assertEquals(1.0, metric(after, "cache_gets_total", "cache=\"reranks\"", "result=\"hit\"")
                - metric(middle, "cache_gets_total", "cache=\"reranks\"", "result=\"hit\""), 0.0);
        assertEquals(first, second);
    }

    @Test
    void aFreeTierRerankIsIgnoredAndTheResponseSaysSo() {
        search("free", Map.of("query", QUERY, "top_k", 5, "rerank", true,
                "filters", Map.of("document_id", document.toString())))
                .statusCode(200)
                .body("reranked", equalTo(false))
                .body("rerank_ignored", equalTo(true))
                .body("results", hasSize(Math.min(5, chunks)));
    }

    @Test
    void deletingADocumentInIngestionRemovesItsChunksFromTheIndex() {
        UUID doomed = IngestedDocuments.ingest(IngestedDocuments.VICKSBURG, "Vicksburg (to delete)");
        Map<String, Object> inDoomed = Map.of("query", QUERY, "top_k", 5,
                "filters", Map.of("document_id", doomed.toString()));
        await().atMost(WAIT).untilAsserted(() -> search("standard", inDoomed).body("results.size()", greaterThan(0)));
        IngestedDocuments.delete(doomed);
        await().atMost(WAIT).untilAsserted(() -> search("standard", inDoomed).body("results", hasSize(0)));
        search("standard", query(QUERY, 5)).body("results.size()", greaterThan(0));   // the other document stays
    }

    private static Map<String, Object> query(String text, int topK) {
        return Map.of("query", text, "top_k", topK, "filters", Map.of("document_id", document.toString()));
    }

    private static double calls(String scrape) {
        double value = metric(scrape, "bacmr_retrieval_rerank_calls_total");
        return Double.isNaN(value) ? 0 : value;
    }
}
