package jp.kagi.ca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** HKDF purpose keys: stable for the same KEK and label, different for another label or KEK, never the KEK. */
class PurposeKeysTest {

    private static SecretKey kek(int seed) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) seed);
        return new SecretKeySpec(bytes, "AES");
    }

    @Test
    void sameInputsSameKeyOtherwiseAnother() {
        SecretKey a = PurposeKeys.hmacSha256(kek(7), CertificateAuthority.ACCOUNT_PASSWORD_KEY_LABEL);
        assertEquals(32, a.getEncoded().length);
        assertEquals("HmacSHA256", a.getAlgorithm());
        assertArrayEquals(a.getEncoded(),
                PurposeKeys.hmacSha256(kek(7), CertificateAuthority.ACCOUNT_PASSWORD_KEY_LABEL).getEncoded(),
                "a restart derives the same key");
        assertFalse(Arrays.equals(a.getEncoded(), PurposeKeys.hmacSha256(kek(7), "another purpose").getEncoded()));
        assertFalse(Arrays.equals(a.getEncoded(),
                PurposeKeys.hmacSha256(kek(8), CertificateAuthority.ACCOUNT_PASSWORD_KEY_LABEL).getEncoded()));
        assertFalse(Arrays.equals(a.getEncoded(), kek(7).getEncoded()));
    }

    @Test
    void aShortOrUnreadableKekIsRefused() {
        assertThrows(IllegalStateException.class,
                () -> PurposeKeys.hmacSha256(new SecretKeySpec(new byte[16], "AES"), "x"));
    }
}
