package mr.bacmr.testing;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/** An HTTP call a contract test makes: method, path, optional JSON body. */
public record Endpoint(String method, String path, String jsonBody) {

    public static Endpoint get(String path) {
        return new Endpoint("GET", path, null);
    }

    public static Endpoint post(String path, String jsonBody) {
        return new Endpoint("POST", path, jsonBody);
    }

    public Response call(String bearerToken) {
        return call(bearerToken, java.util.Map.of());
    }

    public Response call(String bearerToken, java.util.Map<String, String> headers) {
        RequestSpecification request = given().headers(headers);
        if (bearerToken != null) {
            request = request.auth().oauth2(bearerToken);
        }
        if (jsonBody != null) {
            request = request.contentType("application/json").body(jsonBody);
        }
        return request.when().request(method, path);
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
