package jp.kagi.asp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The JDK's handshake diagnostics (JDK 17, as TransportContext.fatal writes them) mapped to Kagi's reasons. */
class RefusalReasonTest {

    @Test
    void noCertificateInTls13AndTls12() {
        assertEquals(RefusalReason.NO_CERTIFICATE,
                RefusalReason.ofHandshakeFailure("Fatal (CERTIFICATE_REQUIRED): Empty client certificate chain"));
        assertEquals(RefusalReason.NO_CERTIFICATE,
                RefusalReason.ofHandshakeFailure("Fatal (BAD_CERTIFICATE): Empty client certificate chain"));
    }

    @Test
    void revokedBeforeAnythingElseInThePkixMessage() {
        assertEquals(RefusalReason.REVOKED, RefusalReason.ofHandshakeFailure("Fatal (BAD_CERTIFICATE): PKIX path "
                + "validation failed: java.security.cert.CertPathValidatorException: Certificate has been revoked, "
                + "reason: KEY_COMPROMISE, revocation date: Fri Nov 27 16:00:00 UTC 2026, authority: CN=Kagi Issuing CA"));
    }

    @Test
    void validityFromTheNestedCause() {
        assertEquals(RefusalReason.EXPIRED, RefusalReason.ofHandshakeFailure("Fatal (CERTIFICATE_UNKNOWN): PKIX path "
                + "validation failed: java.security.cert.CertPathValidatorException: validity check failed\n"
                + "Caused by: java.security.cert.CertificateExpiredException: NotAfter: Thu Nov 26 16:00:00 UTC 2026"));
        assertEquals(RefusalReason.NOT_YET_VALID, RefusalReason.ofHandshakeFailure("Fatal (CERTIFICATE_UNKNOWN): PKIX "
                + "path validation failed: java.security.cert.CertPathValidatorException: validity check failed\n"
                + "Caused by: java.security.cert.CertificateNotYetValidException: NotBefore: Sat Nov 28 16:00:00 2026"));
    }

    @Test
    void signatureIssuerUsageAndProtocol() {
        assertEquals(RefusalReason.BAD_SIGNATURE, RefusalReason.ofHandshakeFailure("Fatal (CERTIFICATE_UNKNOWN): PKIX "
                + "path validation failed: java.security.cert.CertPathValidatorException: signature check failed"));
        assertEquals(RefusalReason.UNTRUSTED_ISSUER, RefusalReason.ofHandshakeFailure("Fatal (CERTIFICATE_UNKNOWN): "
                + "PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to "
                + "find valid certification path to requested target"));
        assertEquals(RefusalReason.NOT_FOR_CLIENT_AUTH, RefusalReason.ofHandshakeFailure("Fatal (CERTIFICATE_UNKNOWN):"
                + " Extended key usage does not permit use for TLS client authentication"));
        assertEquals(RefusalReason.CA_CERTIFICATE, RefusalReason.ofHandshakeFailure("Fatal (CERTIFICATE_UNKNOWN): PKIX"
                + " path validation failed: java.security.cert.CertPathValidatorException: check failed: "
                + "pathLenConstraint violated - this cert must be the last cert in the certification path"));
        assertEquals(RefusalReason.OLD_PROTOCOL, RefusalReason.ofHandshakeFailure("Fatal (PROTOCOL_VERSION): Client "
                + "requested protocol TLSv1.1 is not enabled or supported in server context"));
        assertEquals(RefusalReason.OTHER, RefusalReason.ofHandshakeFailure("Fatal (HANDSHAKE_FAILURE): no cipher "
                + "suites in common"));
        assertEquals(RefusalReason.OTHER, RefusalReason.ofHandshakeFailure(null));
    }
}
