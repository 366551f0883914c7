package jp.kagi.asp;

import java.util.Locale;

/** Why the 8444 listener refused a client; the key of the count and of the log line. */
public enum RefusalReason {
    NO_CERTIFICATE,
    EXPIRED,
    NOT_YET_VALID,
    REVOKED,
    REVOCATION_UNKNOWN,
    UNTRUSTED_ISSUER,
    BAD_SIGNATURE,
    NOT_FOR_CLIENT_AUTH,
    CA_CERTIFICATE,
    OLD_PROTOCOL,
    OTHER;

    /**
     * The reason behind a TLS handshake failure, read from the JDK's exception messages (the only thing the TLS layer
     * hands out; they have been stable across JDK 11-25). Order matters: the most specific text first.
     */
    public static RefusalReason ofHandshakeFailure(String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (m.contains("empty client certificate chain") || m.contains("certificate_required")
                || m.contains("empty server certificate chain") && m.contains("client")) {
            return NO_CERTIFICATE;
        }
        if (m.contains("has been revoked")) {
            return REVOKED;
        }
        if (m.contains("unable to determine revocation status") || m.contains("could not determine revocation")
                || m.contains("revocation status")) {
            return REVOCATION_UNKNOWN;
        }
        if (m.contains("certificateexpiredexception") || m.contains("validity check failed") && m.contains("expired")
                || m.contains("notafter")) {
            return EXPIRED;
        }
        if (m.contains("certificatenotyetvalidexception") || m.contains("notbefore")) {
            return NOT_YET_VALID;
        }
        if (m.contains("signature check failed") || m.contains("signature does not match")
                || m.contains("signatureexception")) {
            return BAD_SIGNATURE;
        }
        if (m.contains("extended key usage") || m.contains("extendedkeyusage") || m.contains("clientauth")) {
            return NOT_FOR_CLIENT_AUTH;
        }
        if (m.contains("pathlenconstraint") || m.contains("basic constraints") || m.contains("basicconstraints")) {
            return CA_CERTIFICATE; // a CA certificate below the issuing CA, whose path length is 0
        }
        if (m.contains("unable to find valid certification path") || m.contains("no trust anchor")
                || m.contains("path does not chain") || m.contains("trust anchor")) {
            return UNTRUSTED_ISSUER;
        }
        if (m.contains("protocol") && (m.contains("tlsv1.1") || m.contains("tlsv1 ") || m.contains("not supported")
                || m.contains("disabled"))) {
            return OLD_PROTOCOL;
        }
        return OTHER;
    }
}
