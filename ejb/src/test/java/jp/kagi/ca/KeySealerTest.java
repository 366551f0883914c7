package jp.kagi.ca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
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

    @Test
    void aNewKekVersionSealsWhileTheOldOneStillOpensAndResealMovesValuesUnderIt() throws Exception {
        KeyGenerator aes = KeyGenerator.getInstance("AES");
        aes.init(256);
        javax.crypto.SecretKey v1 = aes.generateKey();
        javax.crypto.SecretKey v2 = aes.generateKey();
        KeySealer old = new KeySealer(v1, new SecureRandom());
        byte[] sealedV1 = old.seal("mail-body", new byte[] {7});
        KeySealer both = new KeySealer(java.util.Map.of(1, v1, 2, v2), new SecureRandom());
        assertEquals(2, both.currentVersion());
        assertEquals(2, KeySealer.versionOf(both.seal("x", new byte[] {1})));
        assertArrayEquals(new byte[] {7}, both.unseal("mail-body", sealedV1));

        byte[] moved = both.reseal("mail-body", sealedV1);
        assertEquals(2, KeySealer.versionOf(moved));
        assertSame(moved, both.reseal("mail-body", moved), "already under the newest: unchanged");
        KeySealer retired = new KeySealer(java.util.Map.of(2, v2), new SecureRandom());
        assertArrayEquals(new byte[] {7}, retired.unseal("mail-body", moved), "v1 is no longer needed");
        assertThrows(IllegalStateException.class, () -> retired.unseal("mail-body", sealedV1));
    }

    @Test
    void whatWasSealedBeforeVersionsOpensAsVersionOne() throws Exception {
        KeyGenerator aes = KeyGenerator.getInstance("AES");
        aes.init(256);
        javax.crypto.SecretKey v1 = aes.generateKey();
        // Format 1 as Kagi wrote it before 12/sealing: 0x01, IV, AES-GCM(ciphertext + tag), purpose as AAD.
        byte[] iv = new byte[12];
        new SecureRandom().nextBytes(iv);
        javax.crypto.Cipher gcm = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(javax.crypto.Cipher.ENCRYPT_MODE, v1, new javax.crypto.spec.GCMParameterSpec(128, iv));
        gcm.updateAAD("private-key".getBytes(StandardCharsets.UTF_8));
        byte[] body = gcm.doFinal(new byte[] {4, 2});
        byte[] legacy = java.nio.ByteBuffer.allocate(1 + 12 + body.length).put((byte) 1).put(iv).put(body).array();

        KeySealer ring = new KeySealer(java.util.Map.of(1, v1, 2, aes.generateKey()), new SecureRandom());
        assertEquals(1, KeySealer.versionOf(legacy));
        assertArrayEquals(new byte[] {4, 2}, ring.unseal("private-key", legacy));
        assertEquals(2, KeySealer.versionOf(ring.reseal("private-key", legacy)));
    }
}
