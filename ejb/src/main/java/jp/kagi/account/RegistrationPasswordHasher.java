package jp.kagi.account;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * Hashes and checks the system-generated registration passwords of portal accounts (look-up secrets of about 81
 * bits, {@link jp.kagi.platform.RandomCodes#password}): HMAC-SHA256 under a server-side key, over a 16-byte
 * per-account salt and the password, stored as {@code hmac-sha256$<key id>$<salt>$<mac>} (Base64, no padding).
 * Without the key a stolen database allows no guessing at all; with it, 81 bits are still out of reach, so no slow
 * KDF is needed (OWASP ASVS V2.6.2). Hashes of the old form ({@code pbkdf2-sha256$...}) still verify, and say so,
 * so that the caller can store the new form after a successful check. Staff passwords, chosen by people, keep
 * {@link PasswordHasher}. Nothing here logs or keeps a password.
 */
public final class RegistrationPasswordHasher {

    /** What a check found. */
    public enum Check {
        /** The password is right and stored in the current form. */
        MATCH,
        /** The password is right but stored in an old form: store {@link #hash} of it in its place. */
        MATCH_NEEDS_REHASH,
        /** Wrong password, or a stored value this hasher cannot read. */
        NO_MATCH;

        public boolean matches() {
            return this != NO_MATCH;
        }
    }

    public static final String SCHEME = "hmac-sha256";
    /** The id of the key that {@link #hash} uses; it names the key in every stored value (rotation). */
    public static final String CURRENT_KEY_ID = "k1";
    static final int SALT_BYTES = 16;
    static final int MIN_KEY_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAC_BYTES = 32;
    private static final String LEGACY_PREFIX = "pbkdf2-sha256$";

    private final String keyId;
    private final SecretKey key;
    private final SecureRandom random;
    private final PasswordHasher legacy;

    /**
     * @param keyId the id written into new hashes ({@link #CURRENT_KEY_ID})
     * @param key   the HMAC key, at least 256 bits; required: without it there is nothing to hash with
     */
    public RegistrationPasswordHasher(String keyId, SecretKey key, SecureRandom random) {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(key, "an HMAC key is required");
        byte[] encoded = key.getEncoded();
        if (encoded == null || encoded.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("The HMAC key must have at least " + MIN_KEY_BYTES + " bytes");
        }
        if (keyId.isEmpty() || keyId.contains("$")) {
            throw new IllegalArgumentException("keyId");
        }
        this.keyId = keyId;
        this.key = key;
        this.random = Objects.requireNonNull(random, "random");
        // Only verifies old hashes; its iteration count is irrelevant since each hash carries its own.
        this.legacy = new PasswordHasher(PasswordHasher.DEFAULT_ITERATIONS, random);
    }

    public String hash(String password) {
        Objects.requireNonNull(password, "password");
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + keyId + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(mac(salt, password));
    }

    /** Checks {@code password} against a stored value in constant time; never throws for a malformed one. */
    public Check verify(String password, String stored) {
        if (password == null || stored == null) {
            return Check.NO_MATCH;
        }
        if (stored.startsWith(LEGACY_PREFIX)) {
            try {
                return legacy.verify(password, stored) ? Check.MATCH_NEEDS_REHASH : Check.NO_MATCH;
            } catch (RuntimeException malformed) {
                return Check.NO_MATCH;
            }
        }
        String[] parts = stored.split("\\$", -1);
        if (parts.length != 4 || !SCHEME.equals(parts[0]) || !keyId.equals(parts[1])) {
            return Check.NO_MATCH;
        }
        byte[] salt;
        byte[] expected;
        try {
            Base64.Decoder b64 = Base64.getDecoder();
            salt = b64.decode(parts[2]);
            expected = b64.decode(parts[3]);
        } catch (IllegalArgumentException malformed) {
            return Check.NO_MATCH;
        }
        if (salt.length != SALT_BYTES || expected.length != MAC_BYTES) {
            return Check.NO_MATCH;
        }
        return MessageDigest.isEqual(expected, mac(salt, password)) ? Check.MATCH : Check.NO_MATCH;
    }

    /**
     * Spends what checking a wrong password against a current hash costs, for a user ID that does not exist, so
     * that timing does not tell which IDs exist.
     */
    public void spendWrongPasswordCost(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        MessageDigest.isEqual(new byte[MAC_BYTES], mac(salt, password == null ? "" : password));
    }

    private byte[] mac(byte[] salt, String password) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(salt); // fixed length, so salt and password cannot be shifted into each other
            return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
