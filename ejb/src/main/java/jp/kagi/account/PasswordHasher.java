package jp.kagi.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * PBKDF2-HMAC-SHA256 (Bouncy Castle) with a 16-byte salt; 600,000 iterations by default (OWASP 2023). The
 * iteration count is stored with each hash, so raising it later does not invalidate existing passwords.
 */
public final class PasswordHasher {

    public static final int DEFAULT_ITERATIONS = 600_000;
    private static final String SCHEME = "pbkdf2-sha256";

    private final int iterations;
    private final SecureRandom random;

    public PasswordHasher(int iterations, SecureRandom random) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations");
        }
        this.iterations = iterations;
        this.random = random;
    }

    public String hash(String password) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        byte[] dk = derive(password, salt, iterations);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(dk);
    }

    public boolean verify(String password, String stored) {
        if (password == null || stored == null) {
            return false;
        }
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !SCHEME.equals(parts[0])) {
            return false;
        }
        int rounds;
        try {
            rounds = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            return false;
        }
        Base64.Decoder b64 = Base64.getDecoder();
        byte[] expected = b64.decode(parts[3]);
        return MessageDigest.isEqual(expected, derive(password, b64.decode(parts[2]), rounds));
    }

    private static byte[] derive(String password, byte[] salt, int rounds) {
        PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(new SHA256Digest());
        generator.init(password.getBytes(StandardCharsets.UTF_8), salt, rounds);
        return ((KeyParameter) generator.generateDerivedParameters(256)).getKey();
    }
}
