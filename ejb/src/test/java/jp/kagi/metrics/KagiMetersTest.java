package jp.kagi.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KagiMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final FakeTransaction transaction = new FakeTransaction();

    @AfterEach
    void unbind() {
        KagiMeters.unbind();
    }

    @Test
    void withoutARegistryNothingIsCountedAndNothingFails() {
        KagiMeters.certificateIssued();
        KagiMeters.lockApplied("reissue");
        assertNull(registry.find("kagi_certificates_issued").counter());
    }

    @Test
    void outsideATransactionACountIsImmediate() {
        KagiMeters.bind(registry, null);
        KagiMeters.loginFailed("staff");
        KagiMeters.loginFailed("staff");
        KagiMeters.loginFailed("portal");
        assertEquals(2, count("kagi_login_failures", "surface", "staff"));
        assertEquals(1, count("kagi_login_failures", "surface", "portal"));
    }

    @Test
    void insideATransactionOnlyACommitCounts() {
        KagiMeters.bind(registry, transaction);
        transaction.status = Status.STATUS_ACTIVE;
        KagiMeters.certificateIssued();
        KagiMeters.certificateIssued();
        assertEquals(0, count("kagi_certificates_issued"), "not before the commit");
        transaction.synchronizations.get(0).afterCompletion(Status.STATUS_COMMITTED);
        transaction.synchronizations.get(1).afterCompletion(Status.STATUS_ROLLEDBACK);
        assertEquals(1, count("kagi_certificates_issued"), "the rolled-back one issued nothing");
    }

    @Test
    void eventsThatAreNotTransactionalCountAtOnce() {
        KagiMeters.bind(registry, transaction);
        transaction.status = Status.STATUS_ACTIVE;
        KagiMeters.ocspRequest("successful");
        KagiMeters.aspRefusal("REVOCATION_UNKNOWN");
        KagiMeters.loginFailed("portal");
        assertEquals(1, count("kagi_ocsp_requests", "result", "successful"));
        assertEquals(1, count("kagi_asp_refusals", "reason", "revocation-unknown"));
        assertEquals(1, count("kagi_login_failures", "surface", "portal"), "a refused sign-in rolls back");
        assertEquals(List.of(), transaction.synchronizations);
    }

    @Test
    void labelValuesAreLowerCaseWithDashes() {
        assertEquals("campaign-cancelled", KagiMeters.label("CAMPAIGN_CANCELLED"));
        assertEquals("unknown", KagiMeters.label(null));
    }

    private double count(String name, String... tags) {
        Counter counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    private static final class FakeTransaction implements TransactionSynchronizationRegistry {
        int status = Status.STATUS_NO_TRANSACTION;
        final List<Synchronization> synchronizations = new ArrayList<>();

        @Override
        public Object getTransactionKey() {
            return status == Status.STATUS_NO_TRANSACTION ? null : this;
        }

        @Override
        public void putResource(Object key, Object value) {
        }

        @Override
        public Object getResource(Object key) {
            return null;
        }

        @Override
        public void registerInterposedSynchronization(Synchronization sync) {
            synchronizations.add(sync);
        }

        @Override
        public int getTransactionStatus() {
            return status;
        }

        @Override
        public void setRollbackOnly() {
        }

        @Override
        public boolean getRollbackOnly() {
            return false;
        }
    }
}
