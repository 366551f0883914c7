package jp.kagi.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A client certificate never outlives its issuing CA (first issuance 13 months, renewal 37 months). */
class ClientProfileTest {

    static final SecureRandom RANDOM = new SecureRandom();

    static ClientProfile profile(Instant notBefore, Instant notAfter) {
        return new ClientProfile("Customer", new CommonName("dsca", 1), notBefore, notAfter, KeyType.EC_P256,
                "http://kagi.test/crl/issuing-ca.crl", "http://kagi.test/ocsp", "http://kagi.test/crl/issuing-ca.cer",
                "http://kagi.test/crl/issuing-ca-delta.crl");
    }

    @Test
    void validityIsClampedToAnIssuingCaThatExpiresFirst() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        KeyPair rootKeys = KeyType.RSA_2048.generate(RANDOM);
        KeyPair issuingKeys = KeyType.RSA_2048.generate(RANDOM);
        Instant caEnd = now.atOffset(ZoneOffset.UTC).plusMonths(12).toInstant();
        X509Certificate root = CertificateSigning.signCa(CertificateSigning.caSubject("Kagi", "Root"),
                rootKeys.getPublic(), SerialNumbers.next(RANDOM), now, now.plus(3650, ChronoUnit.DAYS), 1, null,
                rootKeys.getPrivate());
        X509Certificate issuing = CertificateSigning.signCa(CertificateSigning.caSubject("Kagi", "Issuing"),
                issuingKeys.getPublic(), SerialNumbers.next(RANDOM), now, caEnd, 0, root, rootKeys.getPrivate());

        for (int months : new int[] {13, 37}) {
            ClientProfile asked = profile(now, now.atOffset(ZoneOffset.UTC).plusMonths(months).toInstant());
            ClientProfile clamped = asked.within(issuing.getNotAfter().toInstant());
            assertEquals(caEnd, clamped.notAfter());
            X509Certificate cert = CertificateSigning.signClient(clamped, KeyType.EC_P256.generate(RANDOM).getPublic(),
                    SerialNumbers.next(RANDOM), issuing, issuingKeys.getPrivate());
            assertEquals(List.of(), ProfileCheck.violations(cert, clamped, issuing));
            assertEquals(issuing.getNotAfter(), cert.getNotAfter());

            // Unclamped, the certificate outlives its issuer: the profile check refuses it.
            X509Certificate tooLong = CertificateSigning.signClient(asked, KeyType.EC_P256.generate(RANDOM).getPublic(),
                    SerialNumbers.next(RANDOM), issuing, issuingKeys.getPrivate());
            assertTrue(ProfileCheck.violations(tooLong, asked, issuing)
                    .contains("validity ends after the issuing CA's"));
        }

        ClientProfile shorter = profile(now, now.plus(30, ChronoUnit.DAYS));
        assertSame(shorter, shorter.within(caEnd));
    }
}
