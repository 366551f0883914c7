package jp.kagi.ca;

import java.math.BigInteger;
import java.time.Instant;

/** A revoked certificate as a CRL lists it: serial, when, and the RFC 5280 reason code. */
public record RevokedEntry(BigInteger serial, Instant revokedAt, int reasonCode) {
}
