package jp.kagi.issuance;

import java.time.Instant;
import jp.kagi.certificate.ClientCertificate;
import jp.kagi.retrieval.RetrievalRequest;

/**
 * A certificate and its retrieval state, as lists and exports show it. {@code installedAt}: when a browser first
 * passed the self-test with it (null: never), the "installed" state next to "retrieved".
 */
public record CertificateView(String cn, String subject, String serial, String customer, String userId,
                              String keyType, String status, Instant notBefore, Instant notAfter, Instant issuedAt,
                              String requestId, String retrievalStatus, Instant firstRetrievedAt, Instant locksAt,
                              Instant installedAt) {

    /** A certificate and its retrieval request (null when it has none). */
    static CertificateView of(ClientCertificate c, RetrievalRequest request) {
        return new CertificateView(c.commonName(), c.subject(), c.serial(), c.customer().name(), c.account().userId(),
                c.keyType().name(), c.status().name(), c.notBefore(), c.notAfter(), c.issuedAt(),
                request == null ? null : request.requestId(), request == null ? null : request.status().name(),
                request == null ? null : request.firstRetrievedAt(), request == null ? null : request.locksAt(),
                c.installedAt());
    }
}
