package jp.kagi.ca;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals what Kagi must keep but nobody may read at rest (private keys awaiting retrieval, a mail body holding a
 * password) with AES-256-GCM under the key-encryption key kept in the CA keystore. The purpose is bound as
 * associated data, so a sealed private key cannot be unsealed as a mail body or the other way round.
 */
public final class KeySealer {

    private static final byte FORMAT = 1;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey kek;
    private final SecureRandom random;

    public KeySealer(SecretKey kek, SecureRandom random) {
        this.kek = kek;
        this.random = random;
    }

    public byte[] seal(String purpose, byte[] plain) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, kek, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(1 + IV_BYTES + sealed.length).put(FORMAT).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot seal " + purpose, e);
        }
    }

    public byte[] unseal(String purpose, byte[] sealed) {
        if (sealed == null || sealed.length < 1 + IV_BYTES + TAG_BITS / 8 || sealed[0] != FORMAT) {
            throw new IllegalStateException("Not a sealed " + purpose);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, kek, new GCMParameterSpec(TAG_BITS, sealed, 1, IV_BYTES));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(sealed, 1 + IV_BYTES, sealed.length - 1 - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot unseal " + purpose + " (wrong key or tampered data)", e);
        }
    }
}
