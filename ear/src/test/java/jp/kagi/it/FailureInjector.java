package jp.kagi.it;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicBoolean;
import jp.kagi.issuance.CertificateIssued;

/**
 * Test-only observer added to the EJB module of the deployment under test: when armed, it fails the issuing
 * transaction after the CN number was taken, the certificate stored and the mails queued.
 */
@ApplicationScoped
public class FailureInjector {

    private static final AtomicBoolean ARMED = new AtomicBoolean();

    public static void armOnce() {
        ARMED.set(true);
    }

    void onIssued(@Observes CertificateIssued event) {
        if (ARMED.compareAndSet(true, false)) {
            throw new IllegalStateException("injected failure after numbering " + event.cn());
        }
    }
}
