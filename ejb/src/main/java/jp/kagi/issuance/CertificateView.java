package jp.kagi.issuance;

import java.time.Instant;

/**
 * A certificate and its retrieval state, as lists and exports show it. {@code installedAt}: when a browser first
 * passed the self-test with it (null: never), the "installed" state next to "retrieved".
 */
public record CertificateView(String cn, String subject, String serial, String customer, String userId,
                              String keyType, String status, Instant notBefore, Instant notAfter, Instant issuedAt,
                              String requestId, String retrievalStatus, Instant firstRetrievedAt, Instant locksAt,
                              Instant installedAt) {
}
