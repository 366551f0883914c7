package jp.kagi.it;

import jakarta.inject.Inject;
import java.util.UUID;
import jp.kagi.account.AccountService;
import jp.kagi.account.NewAccount;
import jp.kagi.audit.AuditLog;
import jp.kagi.customer.CustomerService;
import jp.kagi.customer.PolicyChange;
import jp.kagi.issuance.IssuanceService;
import jp.kagi.issuance.IssuedCertificate;
import jp.kagi.platform.Actor;
import jp.kagi.platform.CustomerScope;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The persistent lock timer inside the server: with a customer policy of seconds (an operator's rehearsal), a
 * request locks on its own, its private key is destroyed and the lock is audited. The server runs the timer every
 * 2 s in tests (-Dkagi.lock.sweep=PT2S); the clock itself is never moved.
 */
@ExtendWith(ArquillianExtension.class)
class LockTimerIT {

    private static final Actor ACTOR = new Actor("lock-it", "127.0.0.1");

    @Deployment
    static EnterpriseArchive deployment() {
        return KagiDeployment.withTestClasses(LockTimerIT.class, ItProbe.class, KagiDeployment.class, Poll.class);
    }

    @Inject
    CustomerService customers;

    @Inject
    AccountService accounts;

    @Inject
    IssuanceService issuance;

    @Inject
    AuditLog audit;

    @Inject
    ItProbe probe;

    @Test
    void theTimerLocksARequestAfterItsIssuanceDurationAndDestroysTheKey() {
        String customer = "Lock " + UUID.randomUUID().toString().substring(0, 8);
        customers.create(ACTOR, CustomerScope.SYSTEM, customer, "ca@example.jp");
        customers.changePolicy(ACTOR, CustomerScope.SYSTEM, customer, new PolicyChange("PT4S", "PT2S", null, null, null, null, null, null));
        String userId = accounts.create(ACTOR, CustomerScope.SYSTEM, new NewAccount(customer, "lock@example.jp", "Lock", "ja")).userId();
        IssuedCertificate issued = issuance.issue(ACTOR, CustomerScope.SYSTEM, userId);
        assertNotNull(probe.sealedKey(issued.requestId()), "the key waits sealed for retrieval");
        assertEquals("PENDING", probe.requestStatus(issued.requestId()));

        Poll.until("locked by the timer, not by a request", java.time.Duration.ofSeconds(30),
                () -> "LOCKED".equals(probe.requestStatus(issued.requestId())));
        assertNull(probe.sealedKey(issued.requestId()), "the private key is destroyed");
        assertTrue(audit.forObject(CustomerScope.SYSTEM, "certificate", issued.serial()).stream()
                .anyMatch(e -> e.action().equals("retrieval.lock") && e.detail().contains("issuance")), "audited");
    }

    @Test
    void anOpenRequestOfAnotherCustomerIsLeftAlone() {
        String customer = "Open " + UUID.randomUUID().toString().substring(0, 8);
        customers.create(ACTOR, CustomerScope.SYSTEM, customer, "ca@example.jp");
        String userId = accounts.create(ACTOR, CustomerScope.SYSTEM, new NewAccount(customer, "open@example.jp", "Open", "en")).userId();
        IssuedCertificate issued = issuance.issue(ACTOR, CustomerScope.SYSTEM, userId);
        // A request of a customer with a 2-second rule, issued after the open one: once the timer has locked it, the
        // timer has run since the open request was issued, and must have left that one alone.
        String quick = "Quick " + UUID.randomUUID().toString().substring(0, 8);
        customers.create(ACTOR, CustomerScope.SYSTEM, quick, "ca@example.jp");
        customers.changePolicy(ACTOR, CustomerScope.SYSTEM, quick, new PolicyChange("PT2S", "PT1S", null, null, null, null, null, null));
        IssuedCertificate witness = issuance.issue(ACTOR, CustomerScope.SYSTEM,
                accounts.create(ACTOR, CustomerScope.SYSTEM, new NewAccount(quick, "quick@example.jp", "Quick", "en")).userId());
        Poll.until("the witness locked by the timer", java.time.Duration.ofSeconds(30),
                () -> "LOCKED".equals(probe.requestStatus(witness.requestId())));
        assertEquals("PENDING", probe.requestStatus(issued.requestId()));
        assertNotNull(probe.sealedKey(issued.requestId()));
    }
}
