package jp.kagi.issuance;

import jp.kagi.platform.Actor;

/**
 * Fired inside the issuing transaction, after the certificate is stored and before it commits. Observers run in
 * that transaction: what they write commits with the certificate, and if one fails, nothing was issued.
 */
public record CertificateIssued(Actor actor, String cn, String serial, String customer, String userId,
                                String requestId) {
}
