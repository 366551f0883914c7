package jp.kagi.ca;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * Keys for one purpose each, derived from the key-encryption key with HKDF-SHA256 (RFC 5869) and a distinct
 * purpose label: nothing new to store, back up or restore beside the CA keystore, and a derived key reveals neither
 * the KEK nor any other purpose's key. See docs/architecture.md, "Registration passwords".
 */
final class PurposeKeys {

    /** HKDF salt: fixed and public, it only separates Kagi's derivations from any other use of the same key. */
    private static final byte[] SALT = "kagi purpose keys v1".getBytes(StandardCharsets.US_ASCII);

    private PurposeKeys() {
    }

    /** A 256-bit HMAC-SHA256 key for {@code label}; the same KEK and label always give the same key. */
    static SecretKey hmacSha256(SecretKey kek, String label) {
        byte[] ikm = kek.getEncoded();
        if (ikm == null || ikm.length < 32) {
            throw new IllegalStateException("The key-encryption key cannot be read for key derivation");
        }
        byte[] okm = new byte[32];
        try {
            HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
            hkdf.init(new HKDFParameters(ikm, SALT, label.getBytes(StandardCharsets.UTF_8)));
            hkdf.generateBytes(okm, 0, okm.length);
            return new SecretKeySpec(okm, "HmacSHA256");
        } finally {
            Arrays.fill(ikm, (byte) 0);
            Arrays.fill(okm, (byte) 0);
        }
    }
}
