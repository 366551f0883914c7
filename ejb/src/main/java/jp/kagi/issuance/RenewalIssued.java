package jp.kagi.issuance;

/** A campaign's renewal as issued: the certificate, its row, and the renewal request mail that carries the password. */
public record RenewalIssued(IssuedCertificate issued, long certificateId, long renewalMailId) {
}
