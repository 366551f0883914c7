package jp.kagi.ca;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

/**
 * Creates a new two-tier CA: a self-signed root (RSA-4096, 20 years) and an issuing CA under it (RSA-3072, 10 years).
 * With a PKCS#11 token the issuing key pair is generated in the token (its private half never exists outside it).
 */
final class CaFactory {

    private CaFactory() {
    }

    static CaMaterial create(CaNames names, Instant now, SecureRandom random) {
        return create(names, now, random, Optional.empty());
    }

    static CaMaterial create(CaNames names, Instant now, SecureRandom random, Optional<Pkcs11Token> token) {
        Instant start = now.truncatedTo(ChronoUnit.SECONDS);
        KeyPair root = rsa(4096, random);
        KeyPair issuing = token.map(t -> t.generate(3072)).orElseGet(() -> rsa(3072, random));
        var rootCert = CertificateSigning.signCa(CertificateSigning.caSubject(names.organization(), names.root()),
                root.getPublic(), SerialNumbers.next(random), start,
                start.atOffset(ZoneOffset.UTC).plusYears(20).toInstant(), 1, null, root.getPrivate());
        var issuingCert = CertificateSigning.signCa(CertificateSigning.caSubject(names.organization(), names.issuing()),
                issuing.getPublic(), SerialNumbers.next(random), start,
                start.atOffset(ZoneOffset.UTC).plusYears(10).toInstant(), 0, rootCert, root.getPrivate());
        return new CaMaterial(rootCert, issuingCert, issuing.getPrivate(), root.getPrivate(), aes256(random));
    }

    private static KeyPair rsa(int bits, SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits, random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate an RSA-" + bits + " CA key", e);
        }
    }

    private static SecretKey aes256(SecureRandom random) {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, random);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate the key-encryption key", e);
        }
    }

    record CaNames(String organization, String root, String issuing) {
    }
}
