package jp.kagi.issuance;

import java.time.Instant;

/**
 * The newest certificate of an account with its two user-side states, for the account list: key first retrieved
 * (null: not yet) and installed, i.e. first passed the self-test (null: not yet).
 */
public record AccountCertificate(String userId, String cn, Instant firstRetrievedAt, Instant installedAt) {
}
