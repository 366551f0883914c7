package jp.kagi.admin;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers for five minutes that a password matched, so that REST clients sending HTTP Basic on every call do
 * not pay 600,000 PBKDF2 rounds each time. Holds only an HMAC of the password under a key that lives in this
 * process's memory; a changed password hash invalidates the entry.
 */
@ApplicationScoped
public class CredentialCache {

    private static final Duration TTL = Duration.ofMinutes(5);
    private static final int MAX_ENTRIES = 10_000;

    private final byte[] key = new byte[32];
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    public CredentialCache() {
        new SecureRandom().nextBytes(key);
    }

    boolean knows(String userId, String passwordHash, String password) {
        Entry entry = entries.get(userId);
        return entry != null && entry.expires > System.nanoTime() && entry.passwordHash.equals(passwordHash)
                && MessageDigest.isEqual(entry.mac, mac(password));
    }

    void remember(String userId, String passwordHash, String password) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(userId, new Entry(passwordHash, mac(password), System.nanoTime() + TTL.toNanos()));
    }

    private byte[] mac(String password) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            return hmac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private record Entry(String passwordHash, byte[] mac, long expires) {
    }
}
