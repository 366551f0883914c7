package jp.kagi.ca;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals what Kagi must keep but nobody may read at rest (a private key's data key, a mail body holding a password)
 * with AES-256-GCM under a key-encryption key. The purpose is bound as associated data, so a sealed private key
 * cannot be unsealed as a mail body or the other way round.
 *
 * <p>The KEK has versions (12/sealing): a sealed value names the version it was sealed under, new values are sealed
 * under the newest, and {@link #reseal} moves an old one to the newest so that an old version can be retired.
 * Format 1 (before versions) carries no version and means version 1, the CA keystore's original {@code kagi-kek}.
 */
public final class KeySealer {

    private static final byte LEGACY = 1;
    private static final byte VERSIONED = 2;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SortedMap<Integer, SecretKey> keks;
    private final int current;
    private final SecureRandom random;

    /** One KEK, version 1 (also what a per-key data key uses, with its own purpose). */
    public KeySealer(SecretKey kek, SecureRandom random) {
        this(Map.of(1, kek), random);
    }

    /** Every KEK version still held; the highest seals. */
    public KeySealer(Map<Integer, SecretKey> keks, SecureRandom random) {
        if (keks.isEmpty()) {
            throw new IllegalArgumentException("No key-encryption key");
        }
        this.keks = new TreeMap<>(keks);
        this.current = this.keks.lastKey();
        this.random = random;
    }

    /** The version new values are sealed under. */
    public int currentVersion() {
        return current;
    }

    /** Every version this sealer can open, oldest first. */
    public java.util.List<Integer> versions() {
        return java.util.List.copyOf(keks.keySet());
    }

    public byte[] seal(String purpose, byte[] plain) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keks.get(current), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(1 + Integer.BYTES + IV_BYTES + sealed.length).put(VERSIONED).putInt(current)
                    .put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot seal " + purpose, e);
        }
    }

    public byte[] unseal(String purpose, byte[] sealed) {
        int version = versionOf(sealed);
        int header = sealed[0] == LEGACY ? 1 : 1 + Integer.BYTES;
        if (sealed.length < header + IV_BYTES + TAG_BITS / 8) {
            throw new IllegalStateException("Not a sealed " + purpose);
        }
        SecretKey kek = keks.get(version);
        if (kek == null) {
            throw new IllegalStateException("Cannot unseal " + purpose + ": KEK version " + version + " is not held"
                    + " (retired, or the keystore is not the one this database was used with)");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, kek, new GCMParameterSpec(TAG_BITS, sealed, header, IV_BYTES));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(sealed, header + IV_BYTES, sealed.length - header - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot unseal " + purpose + " (wrong key or tampered data)", e);
        }
    }

    /** The KEK version {@code sealed} was sealed under. */
    public static int versionOf(byte[] sealed) {
        if (sealed == null || sealed.length < 1) {
            throw new IllegalStateException("Not a sealed value");
        }
        if (sealed[0] == LEGACY) {
            return 1;
        }
        if (sealed[0] != VERSIONED || sealed.length < 1 + Integer.BYTES) {
            throw new IllegalStateException("Not a sealed value");
        }
        return ByteBuffer.wrap(sealed, 1, Integer.BYTES).getInt();
    }

    /** The same value sealed under the newest version; {@code sealed} itself if it already is. */
    public byte[] reseal(String purpose, byte[] sealed) {
        if (sealed[0] == VERSIONED && versionOf(sealed) == current) {
            return sealed;
        }
        byte[] plain = unseal(purpose, sealed);
        try {
            return seal(purpose, plain);
        } finally {
            java.util.Arrays.fill(plain, (byte) 0);
        }
    }
}
