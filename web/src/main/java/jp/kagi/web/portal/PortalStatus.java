package jp.kagi.web.portal;

import java.time.Instant;
import jp.kagi.certificate.CertificateStatus;
import jp.kagi.issuance.CertificateView;
import jp.kagi.retrieval.RequestStatus;

/** A certificate's status as the portal shows it to its owner; expired and locked win over the stored status. */
public enum PortalStatus {
    PENDING("status.pending"),
    RETRIEVED("status.retrieved"),
    LOCKED("status.locked"),
    EXPIRED("status.expired"),
    REVOKED("status.revoked");

    private final String messageKey;

    PortalStatus(String messageKey) {
        this.messageKey = messageKey;
    }

    public String messageKey() {
        return messageKey;
    }

    /** Revoked or expired certificates no longer work anywhere; the others may be offered by the browser. */
    public boolean isUsable() {
        return this != REVOKED && this != EXPIRED;
    }

    public static PortalStatus of(CertificateView c, Instant now) {
        if (CertificateStatus.REVOKED.name().equals(c.status())) {
            return REVOKED;
        }
        if (c.notAfter().isBefore(now)) {
            return EXPIRED;
        }
        if (RequestStatus.LOCKED.name().equals(c.retrievalStatus()) || c.locksAt() != null && !now.isBefore(c.locksAt())) {
            return LOCKED;
        }
        return RequestStatus.RETRIEVED.name().equals(c.retrievalStatus()) ? RETRIEVED : PENDING;
    }
}
