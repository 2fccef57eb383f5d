package mr.bacmr.retrieval;

import io.restassured.response.ValidatableResponse;

import java.util.Map;

import mr.bacmr.testing.TestJwt;

import static io.restassured.RestAssured.given;

/** {@code POST /v1/search} as a caller of a tier. */
public final class SearchCalls {

    private SearchCalls() {
    }

    public static ValidatableResponse search(String tier, Map<String, Object> body) {
        return given().auth().oauth2(TestJwt.token("student-" + tier, "student", tier))
                .contentType("application/json").body(body)
                .when().post("/v1/search").then();
    }

    public static double metric(String scrape, String name, String... labels) {
        double total = 0;
        boolean found = false;
        for (String line : scrape.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                boolean all = true;
                for (String label : labels) {
                    all &= line.contains(label);
                }
                if (all) {
                    total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    found = true;
                }
            }
        }
        return found ? total : Double.NaN;
    }

    public static String scrape() {
        return given().accept("text/plain").when().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
