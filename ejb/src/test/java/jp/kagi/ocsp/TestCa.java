package jp.kagi.ocsp;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import jp.kagi.ca.CertificateSigning;
import jp.kagi.ca.ResponderCredential;
import jp.kagi.ca.SerialNumbers;

/** A throwaway issuing CA and its delegated responder, as Kagi's code builds them. */
final class TestCa {

    static final SecureRandom RANDOM = new SecureRandom();
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    final KeyPair keys = rsa();
    final X509Certificate issuing = CertificateSigning.signCa(CertificateSigning.caSubject("Kagi", "Kagi Issuing CA"),
            keys.getPublic(), SerialNumbers.next(RANDOM), NOW, NOW.plus(Duration.ofDays(3650)), 0, null,
            keys.getPrivate());
    final ResponderCredential responder = responder();

    private ResponderCredential responder() {
        KeyPair r = rsa();
        return new ResponderCredential(r.getPrivate(), CertificateSigning.signOcspResponder(
                CertificateSigning.caSubject("Kagi", "Kagi OCSP Responder"), r.getPublic(), BigInteger.TEN, NOW,
                NOW.plus(Duration.ofDays(90)), issuing, keys.getPrivate()));
    }

    static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048, RANDOM);
            return g.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
