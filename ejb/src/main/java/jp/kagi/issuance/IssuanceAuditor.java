package jp.kagi.issuance;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jp.kagi.audit.AuditLog;

/**
 * Writes the audit record of an issuance inside the issuing transaction. Here, not in audit: issuance already uses the
 * audit log, and audit must not import issuance back (no cycle between feature packages).
 */
@ApplicationScoped
public class IssuanceAuditor {

    @Inject
    AuditLog audit;

    void onIssued(@Observes CertificateIssued event) {
        audit.record(event.actor(), "certificate.issue", "certificate", event.serial(),
                event.cn() + " for " + event.userId() + " (" + event.customer() + "), request " + event.requestId());
    }
}
