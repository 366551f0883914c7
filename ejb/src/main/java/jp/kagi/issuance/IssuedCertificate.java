package jp.kagi.issuance;

import java.time.Instant;

/** What an admin learns from an issuance (SPEC.md REST: cn, subject, serial, requestId, notAfter). */
public record IssuedCertificate(String cn, String subject, String serial, String requestId, Instant notAfter) {
}
