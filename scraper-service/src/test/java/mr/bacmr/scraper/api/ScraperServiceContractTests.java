package mr.bacmr.scraper.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import java.util.List;

import mr.bacmr.testing.BacmrTestInfrastructure;
import mr.bacmr.testing.Endpoint;
import mr.bacmr.testing.ServiceContractTests;

@QuarkusTest
@WithTestResource(value = BacmrTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "scraper"))
class ScraperServiceContractTests extends ServiceContractTests {

    ScraperServiceContractTests() {
        super(new Contract(Endpoint.get("/v1/sources"), "teacher",
                Endpoint.get("/v1/sources"), "student", List.of("1")));
    }
}
