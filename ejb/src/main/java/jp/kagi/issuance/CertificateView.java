package jp.kagi.issuance;

import java.time.Instant;

/** A certificate and its retrieval state, as lists and exports show it. */
public record CertificateView(String cn, String subject, String serial, String customer, String userId,
                              String keyType, String status, Instant notBefore, Instant notAfter, Instant issuedAt,
                              String requestId, String retrievalStatus, Instant firstRetrievedAt, Instant locksAt) {
}
