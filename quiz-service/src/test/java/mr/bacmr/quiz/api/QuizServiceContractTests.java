package mr.bacmr.quiz.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import java.util.List;

import org.junit.jupiter.api.Test;

import mr.bacmr.testing.BacmrTestInfrastructure;
import mr.bacmr.testing.Endpoint;
import mr.bacmr.testing.ServiceContractTests;
import mr.bacmr.testing.TestJwt;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@WithTestResource(value = BacmrTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "quiz"))
class QuizServiceContractTests extends ServiceContractTests {

    QuizServiceContractTests() {
        super(new Contract(Endpoint.get("/v1/quizzes"), "student",
                Endpoint.get("/v1/quizzes"), "service", List.of("1")));
    }

    @Test
    void refusesPagesOutOfRange() {
        Endpoint.get("/v1/quizzes?size=1000&page=-1").call(TestJwt.token("s1", "student", "free"))
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://bacmr.mr/problems/validation-failed"))
                .body("errors.field", hasItem("size"))
                .body("errors.field", hasItem("page"));
    }
}
