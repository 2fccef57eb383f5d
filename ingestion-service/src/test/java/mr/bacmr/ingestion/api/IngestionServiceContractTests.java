package mr.bacmr.ingestion.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import java.util.List;

import mr.bacmr.testing.BacmrTestInfrastructure;
import mr.bacmr.testing.Endpoint;
import mr.bacmr.testing.ServiceContractTests;

@QuarkusTest
@WithTestResource(value = BacmrTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "ingestion"))
class IngestionServiceContractTests extends ServiceContractTests {

    IngestionServiceContractTests() {
        super(new Contract(Endpoint.get("/v1/documents?page=0&size=5"), "student",
                Endpoint.get("/v1/admin/jobs"), "teacher", List.of("1")));
    }
}
