package jp.kagi.vault;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import jp.kagi.ca.KeySealer;

/**
 * One data key (AES-256) that seals exactly one secret, stored wrapped by the KEK under a random id. Deleting the row
 * destroys the secret for good: what it sealed cannot be opened without it, whoever holds the KEK (crypto-shredding).
 * The wrap binds the row's id as associated data, so a wrapped key copied into another row does not open.
 */
@Entity
@Table(name = "key_vault")
public class DataKey {

    private static final String WRAP_PURPOSE = "data-key ";

    @Id
    private String id;

    @Column(name = "kek_version", nullable = false)
    private int kekVersion;

    @Column(name = "wrapped_key", nullable = false)
    private byte[] wrappedKey;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "rewrapped_at")
    private Instant rewrappedAt;

    protected DataKey() {
    }

    /** The secret sealed under a fresh data key, and that key (to persist) wrapped by the newest KEK. */
    public record Sealed(DataKey key, byte[] sealed) {
    }

    public static Sealed seal(String purpose, byte[] plain, KeySealer kek, Instant now, SecureRandom random) {
        DataKey key = new DataKey();
        byte[] id = new byte[16];
        random.nextBytes(id);
        key.id = HexFormat.of().formatHex(id);
        key.createdAt = now;
        SecretKey dek = newDek(random);
        byte[] raw = dek.getEncoded();
        try {
            key.wrappedKey = kek.seal(WRAP_PURPOSE + key.id, raw);
            key.kekVersion = kek.currentVersion();
            return new Sealed(key, new KeySealer(dek, random).seal(purpose, plain));
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** Opens a secret sealed by {@link #seal} under this data key. */
    public byte[] open(String purpose, byte[] sealed, KeySealer kek) {
        byte[] raw = kek.unseal(WRAP_PURPOSE + id, wrappedKey);
        try {
            return new KeySealer(new SecretKeySpec(raw, "AES"), new SecureRandom()).unseal(purpose, sealed);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** Re-wraps this data key under the newest KEK (the secret it seals is not touched); false if it already was. */
    public boolean rewrap(KeySealer kek, Instant now) {
        if (kekVersion == kek.currentVersion()) {
            return false;
        }
        wrappedKey = kek.reseal(WRAP_PURPOSE + id, wrappedKey);
        kekVersion = kek.currentVersion();
        rewrappedAt = now;
        return true;
    }

    public String id() {
        return id;
    }

    public int kekVersion() {
        return kekVersion;
    }

    private static SecretKey newDek(SecureRandom random) {
        try {
            KeyGenerator aes = KeyGenerator.getInstance("AES");
            aes.init(256, random);
            return aes.generateKey();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("AES is not available", e);
        }
    }
}
