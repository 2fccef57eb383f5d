package mr.bacmr.retrieval.ask;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

import mr.bacmr.retrieval.IngestedDocuments;
import mr.bacmr.retrieval.RetrievalTestInfrastructure;
import mr.bacmr.retrieval.testing.CoursePdfs;
import mr.bacmr.testing.TestJwt;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * What ask tests share: two course documents ingested once per JVM through the real ingestion service, wallets
 * topped up through the real billing service's admin API, and calls to {@code POST /v1/ask}.
 */
public final class AskFixtures {

    /** A short history lesson: one page, one chunk. */
    public static final String HISTORY = "La Mauritanie a obtenu son indépendance le 28 novembre 1960, sous la "
            + "présidence de Moktar Ould Daddah. Nouakchott, fondée en 1958 au bord de l'océan Atlantique, en est "
            + "devenue la capitale. Le pays est traversé au sud par le fleuve Sénégal, qui marque sa frontière. "
            + "L'économie repose sur le minerai de fer de Zouérate, la pêche et l'élevage.";

    private static final List<String> PHOTOSYNTHESIS_FACTS = List.of(
            "La photosynthèse est le processus par lequel les plantes vertes fabriquent leur matière organique.",
            "Elle se déroule dans les chloroplastes des cellules des feuilles, qui contiennent la chlorophylle.",
            "La chlorophylle absorbe l'énergie lumineuse, surtout dans le bleu et le rouge.",
            "La plante absorbe le dioxyde de carbone de l'air par les stomates de ses feuilles.",
            "L'eau puisée par les racines monte jusqu'aux feuilles par la sève brute.",
            "L'équation bilan de la photosynthèse est six CO2 plus six H2O donnent un glucose plus six O2.",
            "Le dioxygène produit par la photosynthèse est rejeté dans l'atmosphère.",
            "La phase claire de la photosynthèse transforme l'énergie lumineuse en énergie chimique.",
            "La phase sombre, ou cycle de Calvin, fixe le carbone du dioxyde de carbone en glucides.",
            "Le glucose produit est stocké sous forme d'amidon ou transformé en saccharose dans la sève élaborée.",
            "L'intensité de la photosynthèse augmente avec l'éclairement jusqu'à un palier.",
            "Une température trop élevée ou un manque d'eau ferment les stomates et ralentissent la photosynthèse.");

    private static volatile Corpus corpus;

    /** The ingested documents and how many chunks each has. */
    public record Corpus(UUID history, UUID biology, int biologyChunks) {
    }

    public static synchronized Corpus corpus() {
        if (corpus == null) {
            UUID history = IngestedDocuments.ingest(CoursePdfs.pdf(List.of(HISTORY)), "histoire.pdf",
                    "Histoire de la Mauritanie", "histoire", "fr");
            UUID biology = IngestedDocuments.ingest(CoursePdfs.pdf(biologyPages()), "photosynthese.pdf",
                    "La photosynthèse", "svt", "fr");
            int biologyChunks = awaitSearchable(biology, 6);
            awaitSearchable(history, 1);
            corpus = new Corpus(history, biology, biologyChunks);
        }
        return corpus;
    }

    /** Six pages of about 400 words on photosynthesis: more than the free tier's 2,000 context tokens in all. */
    private static List<String> biologyPages() {
        List<String> pages = new ArrayList<>();
        for (int page = 0; page < 6; page++) {
            StringBuilder text = new StringBuilder("Chapitre " + (page + 1) + " : la photosynthèse. ");
            for (int i = 0; text.length() < 2_600; i++) {
                text.append(PHOTOSYNTHESIS_FACTS.get((i * 5 + page) % PHOTOSYNTHESIS_FACTS.size())).append(' ');
            }
            pages.add(text.toString().strip());
        }
        return pages;
    }

    private static int awaitSearchable(UUID document, int atLeast) {
        int[] found = new int[1];
        await("document " + document + " indexed with its text").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    JsonPath result = given().auth().oauth2(TestJwt.token("fixture", "student", "premium"))
                            .contentType("application/json")
                            .body(Map.of("query", "la photosynthèse Mauritanie", "top_k", 20,
                                    "filters", Map.of("document_id", document.toString())))
                            .when().post("/v1/search").then().extract().jsonPath();
                    List<String> texts = result.getList("results.text");
                    found[0] = texts == null ? 0 : texts.size();
                    return texts != null && texts.size() >= atLeast && texts.stream().allMatch(t -> t != null);
                });
        return found[0];
    }

    /** A new user with {@code credits} in their wallet (none when 0). */
    public static String userWith(long credits) {
        String user = "student-" + UUID.randomUUID();
        if (credits > 0) {
            given().baseUri(config(RetrievalTestInfrastructure.BILLING_URL))
                    .auth().oauth2(TestJwt.token("admin-1", "admin", null)).contentType("application/json")
                    .body(Map.of("amount", credits, "payment_ref", "test-" + UUID.randomUUID()))
                    .when().post("/v1/admin/wallets/" + user + "/topups")
                    .then().statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(200),
                            org.hamcrest.Matchers.is(201)));
        }
        return user;
    }

    /** The user's wallet as billing reports it: balance, held, available. */
    public static JsonPath wallet(String user) {
        return given().baseUri(config(RetrievalTestInfrastructure.BILLING_URL))
                .auth().oauth2(TestJwt.token(user, "student", null))
                .when().get("/v1/wallet").then().statusCode(200).extract().jsonPath();
    }

    /** A reservation as billing reports it. */
    public static JsonPath reservation(String id) {
        return given().baseUri(config(RetrievalTestInfrastructure.BILLING_URL))
                .auth().oauth2(TestJwt.token("retrieval-service", "service", null))
                .when().get("/internal/v1/reservations/" + id).then().statusCode(200).extract().jsonPath();
    }

    public static Response ask(String user, String tier, String question, UUID document) {
        Map<String, Object> body = new HashMap<>();
        body.put("question", question);
        if (document != null) {
            body.put("filters", Map.of("document_id", document.toString()));
        }
        return ask(user, tier, body);
    }

    public static Response ask(String user, String tier, Map<String, Object> body) {
        return given().auth().oauth2(TestJwt.token(user, "student", tier)).contentType("application/json")
                .body(body).when().post("/v1/ask");
    }

    public static String config(String key) {
        return ConfigProvider.getConfig().getValue(key, String.class);
    }

    private AskFixtures() {
    }
}
