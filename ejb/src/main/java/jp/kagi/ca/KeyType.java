package jp.kagi.ca;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;

/** The key types a customer can choose for its users' certificates (SPEC.md: RSA-2048 default, RSA-3072, EC P-256). */
public enum KeyType {
    RSA_2048("RSA", 2048),
    RSA_3072("RSA", 3072),
    EC_P256("EC", 256);

    private final String algorithm;
    private final int bits;

    KeyType(String algorithm, int bits) {
        this.algorithm = algorithm;
        this.bits = bits;
    }

    public boolean isRsa() {
        return "RSA".equals(algorithm);
    }

    public String algorithm() {
        return algorithm;
    }

    public int bits() {
        return bits;
    }

    public KeyPair generate(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (isRsa()) {
                generator.initialize(new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4), random);
            } else {
                generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM cannot generate " + this + " keys", e);
        }
    }
}
