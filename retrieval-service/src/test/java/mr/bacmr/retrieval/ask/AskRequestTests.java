package mr.bacmr.retrieval.ask;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import mr.bacmr.retrieval.ChunkEventFixtures;
import mr.bacmr.retrieval.RetrievalTestInfrastructure;
import mr.bacmr.retrieval.SearchCalls;
import mr.bacmr.retrieval.store.AskQuotaStore;
import mr.bacmr.retrieval.testing.ChatStubControl;
import mr.bacmr.testing.TestJwt;

import static io.restassured.RestAssured.given;
import static mr.bacmr.retrieval.ask.AskFixtures.ask;
import static mr.bacmr.retrieval.ask.AskFixtures.corpus;
import static mr.bacmr.retrieval.ask.AskFixtures.userWith;
import static mr.bacmr.retrieval.ask.AskFixtures.wallet;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an ask accepts and refuses, the answer language, and how a doubtful answer is flagged. */
@QuarkusTest
@WithTestResource(RetrievalTestInfrastructure.class)
class AskRequestTests {

    private final ChatStubControl chat = ChatStubControl.ofApp();

    @Inject
    ChunkEventFixtures events;
    @Inject
    AskQuotaStore quota;

    @BeforeEach
    void freshStub() {
        chat.reset();
    }

    @Test
    void refusesBadBodiesWithFieldErrors() {
        String user = "student-" + UUID.randomUUID();
        ask(user, "free", Map.of("question", "  ", "language", "de")).then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://bacmr.mr/problems/validation-failed"))
                .body("errors.field", hasItem("question"))
                .body("errors.field", hasItem("language"));
        ask(user, "free", Map.of("question", "x".repeat(2_001))).then().statusCode(400)
                .body("errors.field", hasItem("question"));
        ask(user, "free", Map.of("question", "Qu'est-ce que la photosynthèse ?",
                "filters", Map.of("language", "klingon"))).then().statusCode(400)
                .body("errors.field", hasItem("language"));
        given().auth().oauth2(TestJwt.token(user, "student", "free")).contentType("application/json")
                .body("{\"question\": ").when().post("/v1/ask").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://bacmr.mr/problems/malformed-request"));
        given().auth().oauth2(TestJwt.token(user, "student", "free")).contentType("application/json")
                .body(Map.of("question", "ok", "filters", Map.of("document_id", "not-a-uuid")))
                .when().post("/v1/ask").then().statusCode(400).contentType("application/problem+json");
        assertEquals(0, chat.calls().size());
    }

    @Test
    void needsAStudentTeacherOrAdminToken() {
        given().contentType("application/json").body(Map.of("question", "Qu'est-ce que la photosynthèse ?"))
                .when().post("/v1/ask").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestJwt.token("svc", "service", null)).contentType("application/json")
                .body(Map.of("question", "Qu'est-ce que la photosynthèse ?"))
                .when().post("/v1/ask").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void anAnswerInAnotherLanguageThanAskedIsFlaggedNotRefunded() {
        String user = userWith(100);
        chat.answer("La capitale de la Mauritanie est Nouakchott, fondée en 1958 [1].", 800, 30);

        ask(user, "standard", Map.of("question", "Quelle est la capitale de la Mauritanie ?", "language", "ar",
                "filters", Map.of("document_id", corpus().history().toString())))
                .then().statusCode(200)
                .body("language", equalTo("ar"))
                .body("mode", equalTo("generative"))
                .body("validation.language_ok", equalTo(false))
                .body("validation.grounded", equalTo(true))
                .body("usage.credits", greaterThan(0)); // flagged, not refunded: the tokens were spent

        JsonNode call = chat.calls().get(0);
        assertTrue(call.path("messages").get(0).path("content").asText().contains("in Arabic"));
    }

    @Test
    void passagesWhoseTextCannotBeReadAre503AndTheAskIsGivenBack() {
        String user = userWith(100);
        UUID document = UUID.randomUUID();
        // Indexed from Kafka, but ingestion's chunk store has never heard of it: its text cannot be fetched.
        events.publish(List.of(ChunkEventFixtures.chunk(document, "fr",
                "Le baobab de Kiffa stocke des milliers de litres d'eau dans son tronc pendant la saison sèche.")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> SearchCalls.search("premium",
                        Map.of("query", "baobab Kiffa", "filters", Map.of("document_id", document.toString())))
                .statusCode(200).body("results", hasSize(1)).body("text_unavailable", equalTo(true)));

        ask(user, "standard", "Que stocke le baobab de Kiffa ?", document).then().statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("https://bacmr.mr/problems/sources-unavailable"));

        assertEquals(0, chat.calls().size());
        assertEquals(0, quota.usedToday(user).await().indefinitely());
        assertEquals(0, wallet(user).getLong("held"), "nothing was reserved");
    }

    @Test
    void theStudentsLanguageChoiceWinsOverDetection() {
        String user = userWith(100);
        chat.answer("Mauritania became independent on 28 November 1960 [1].", 800, 30);

        ask(user, "standard", Map.of("question", "Quand la Mauritanie est-elle devenue indépendante ?",
                "language", "en", "filters", Map.of("document_id", corpus().history().toString())))
                .then().statusCode(200)
                .body("language", equalTo("en"))
                .body("validation.language_ok", equalTo(true));

        assertTrue(chat.calls().get(0).path("messages").get(0).path("content").asText().contains("in English"));
    }

    @Test
    void anAnswerNotFoundInItsSourcesIsFlaggedNotHidden() {
        String user = userWith(100);
        String madeUp = "Le Sénégal voisin exporte surtout des arachides et du poisson vers l'Europe et l'Asie.";
        chat.answer(madeUp, 800, 30);

        ask(user, "standard", "Quelle est l'économie de la Mauritanie ?", corpus().history()).then().statusCode(200)
                .body("mode", equalTo("generative"))
                .body("answer", equalTo(madeUp))
                .body("validation.grounded", equalTo(false))
                .body("validation.language_ok", equalTo(true));
    }
}
