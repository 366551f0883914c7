package jp.kagi.renewal;

import java.time.Instant;

/**
 * An account due for renewal: its current certificate, when its customer's cadence makes it due, and why it is
 * listed (by the cadence, or because the certificate expires within the window asked for).
 */
public record DueAccount(String userId, String displayName, String customer, String commonName, String serial,
                         Instant issuedAt, Instant dueAt, Instant notAfter, Reason reason) {

    public enum Reason { CADENCE, EXPIRY }
}
