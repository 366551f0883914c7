package jp.kagi.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jp.kagi.issuance.CertificateIssued;

/** Writes the audit record of an issuance inside the issuing transaction. */
@ApplicationScoped
public class IssuanceAuditor {

    @Inject
    AuditLog audit;

    void onIssued(@Observes CertificateIssued event) {
        audit.record(event.actor(), "certificate.issue", "certificate", event.serial(),
                event.cn() + " for " + event.userId() + " (" + event.customer() + "), request " + event.requestId());
    }
}
