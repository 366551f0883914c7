package jp.kagi.revocation;

import java.time.Instant;

/** Fired in the transaction that revokes a certificate; the CRLs are re-signed once it has committed. */
public record CertificateRevoked(String serial, Instant revokedAt) {
}
