package mr.bacmr.retrieval.ask;

import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import mr.bacmr.retrieval.store.AskQuotaStore;
import mr.bacmr.retrieval.testing.BillingLinkControl;
import mr.bacmr.retrieval.testing.ChatStubControl;

/**
 * What tests of asks against the real billing service and the OpenAI stub share: the stub's control, the breakers
 * (closed before and after each test), the billing link (healed after each test) and the stores to look into.
 */
abstract class AsksAgainstBilling {

    protected final ChatStubControl chat = ChatStubControl.ofApp();

    @Inject
    CircuitBreakerMaintenance breakers;
    @Inject
    AskQuotaStore quota;
    @Inject
    Pool pool;

    @BeforeEach
    void freshStub() {
        chat.reset();
        breakers.resetAll();
    }

    @AfterEach
    void healLinks() {
        BillingLinkControl.restore();
        chat.reset();
        breakers.resetAll(); // billing's client breaker too: a cut link may have opened it
    }

    /** Heals a link a test cut, and closes the billing client's breaker it opened, before the test goes on. */
    protected void restoreBilling() {
        BillingLinkControl.restore();
        breakers.resetAll();
    }
}
