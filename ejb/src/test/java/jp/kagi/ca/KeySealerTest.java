package jp.kagi.ca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.KeyGenerator;
import org.junit.jupiter.api.Test;

/** Sealing at rest: round trip, purpose binding, tamper detection, fresh IVs. */
class KeySealerTest {

    private final KeySealer sealer;

    KeySealerTest() throws Exception {
        KeyGenerator aes = KeyGenerator.getInstance("AES");
        aes.init(256);
        sealer = new KeySealer(aes.generateKey(), new SecureRandom());
    }

    @Test
    void whatIsSealedUnsealsUnderTheSamePurpose() {
        byte[] secret = "秘密鍵".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(secret, sealer.unseal("private-key", sealer.seal("private-key", secret)));
    }

    @Test
    void aSealedKeyCannotBeOpenedAsSomethingElse() {
        byte[] sealed = sealer.seal("private-key", new byte[] {1, 2, 3});
        assertThrows(IllegalStateException.class, () -> sealer.unseal("mail-body", sealed));
    }

    @Test
    void anyChangedByteIsDetected() {
        byte[] sealed = sealer.seal("mail-body", new byte[64]);
        for (int i = 1; i < sealed.length; i += 7) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= 1;
            assertThrows(IllegalStateException.class, () -> sealer.unseal("mail-body", tampered));
        }
    }

    @Test
    void theSamePlainTextSealsDifferentlyEachTime() {
        byte[] plain = new byte[32];
        assertFalse(Arrays.equals(sealer.seal("x", plain), sealer.seal("x", plain)));
    }

    @Test
    void anotherKeyOpensNothing() throws Exception {
        KeyGenerator aes = KeyGenerator.getInstance("AES");
        aes.init(256);
        KeySealer other = new KeySealer(aes.generateKey(), new SecureRandom());
        byte[] sealed = sealer.seal("private-key", new byte[] {9});
        assertThrows(IllegalStateException.class, () -> other.unseal("private-key", sealed));
    }
}
