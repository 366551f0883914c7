package jp.kagi.ocsp;

import java.time.Instant;

/**
 * What the database says about one serial of the issuing CA: issued and not revoked (good), revoked with time and
 * RFC 5280 reason code, or never issued by Kagi (unknown; never "good").
 */
public record SerialStatus(Kind kind, Instant revokedAt, int reasonCode) {

    public enum Kind { GOOD, REVOKED, UNKNOWN }

    static final SerialStatus GOOD = new SerialStatus(Kind.GOOD, null, 0);
    static final SerialStatus UNKNOWN = new SerialStatus(Kind.UNKNOWN, null, 0);

    static SerialStatus revoked(Instant at, int reasonCode) {
        return new SerialStatus(Kind.REVOKED, at, reasonCode);
    }
}
