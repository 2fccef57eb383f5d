package mr.bacmr.billing.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import java.util.List;

import mr.bacmr.testing.BacmrTestInfrastructure;
import mr.bacmr.testing.Endpoint;
import mr.bacmr.testing.ServiceContractTests;

@QuarkusTest
@WithTestResource(value = BacmrTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "billing"))
class BillingServiceContractTests extends ServiceContractTests {

    BillingServiceContractTests() {
        super(new Contract(Endpoint.get("/v1/wallet"), "student",
                Endpoint.get("/v1/admin/wallets/someone"), "student", List.of("1", "2", "3", "4", "5")));
    }
}
