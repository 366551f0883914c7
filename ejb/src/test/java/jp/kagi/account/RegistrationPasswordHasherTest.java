package jp.kagi.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;
import jp.kagi.account.RegistrationPasswordHasher.Check;
import jp.kagi.platform.RandomCodes;
import org.junit.jupiter.api.Test;

/** Registration passwords: keyed HMAC-SHA256 with a salt, the old PBKDF2 form still accepted and flagged. */
class RegistrationPasswordHasherTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final RegistrationPasswordHasher hasher = hasher(key(1));

    private static SecretKeySpec key(int seed) {
        byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, (byte) seed);
        return new SecretKeySpec(bytes, "HmacSHA256");
    }

    private static RegistrationPasswordHasher hasher(SecretKeySpec key) {
        return new RegistrationPasswordHasher(RegistrationPasswordHasher.CURRENT_KEY_ID, key, RANDOM);
    }

    @Test
    void theNewFormVerifiesAndNamesSchemeAndKey() {
        String password = RandomCodes.password(RANDOM);
        String stored = hasher.hash(password);
        assertTrue(stored.startsWith("hmac-sha256$k1$"), stored);
        String[] parts = stored.split("\\$");
        assertEquals(4, parts.length);
        assertEquals(16, Base64.getDecoder().decode(parts[2]).length, "16-byte salt");
        assertEquals(32, Base64.getDecoder().decode(parts[3]).length, "HMAC-SHA256");
        assertFalse(stored.contains(password));
        assertEquals(Check.MATCH, hasher.verify(password, stored));
    }

    @Test
    void aWrongPasswordFails() {
        String stored = hasher.hash("pMaPZZMRGT2YE5");
        assertEquals(Check.NO_MATCH, hasher.verify("pmapzzmrgt2ye5", stored), "case matters");
        assertEquals(Check.NO_MATCH, hasher.verify(" pMaPZZMRGT2YE5", stored), "no trimming");
        assertEquals(Check.NO_MATCH, hasher.verify("pMaPZZMRGT2YE", stored));
        assertEquals(Check.NO_MATCH, hasher.verify("", stored));
        assertEquals(Check.NO_MATCH, hasher.verify(null, stored));
        assertFalse(hasher.verify("x", stored).matches());
    }

    @Test
    void anotherKeyVerifiesNothing() {
        String stored = hasher.hash("pMaPZZMRGT2YE5");
        assertEquals(Check.NO_MATCH, hasher(key(2)).verify("pMaPZZMRGT2YE5", stored),
                "a stolen database without the key cannot be checked against");
        assertEquals(Check.NO_MATCH, new RegistrationPasswordHasher("k2", key(1), RANDOM).verify("pMaPZZMRGT2YE5", stored),
                "a hash names its key; an unknown key id does not verify");
    }

    @Test
    void theOldPbkdf2FormVerifiesAndAsksForARehash() {
        String old = new PasswordHasher(1_000, RANDOM).hash("pMaPZZMRGT2YE5");
        assertTrue(old.startsWith("pbkdf2-sha256$"));
        assertEquals(Check.MATCH_NEEDS_REHASH, hasher.verify("pMaPZZMRGT2YE5", old));
        assertTrue(Check.MATCH_NEEDS_REHASH.matches());
        assertEquals(Check.NO_MATCH, hasher.verify("wrong", old));
        assertEquals(Check.MATCH, hasher.verify("pMaPZZMRGT2YE5", hasher.hash("pMaPZZMRGT2YE5")), "after the rehash");
    }

    @Test
    void malformedStoredValuesFailCleanly() {
        String good = hasher.hash("pw");
        String[] parts = good.split("\\$");
        String[] malformed = {
            "", "$", "$$$", "hmac-sha256", "hmac-sha256$k1", "hmac-sha256$k1$$", "hmac-sha256$$" + parts[2] + "$" + parts[3],
            "hmac-sha256$k1$***$" + parts[3], "hmac-sha256$k1$" + parts[2] + "$***",
            "hmac-sha256$k1$" + parts[2] + "$" + parts[3].substring(4), "hmac-sha256$k1$AAAA$" + parts[3],
            good + "$extra", "HMAC-SHA256$k1$" + parts[2] + "$" + parts[3], "md5$k1$" + parts[2] + "$" + parts[3],
            "pbkdf2-sha256$", "pbkdf2-sha256$x$y$z", "pbkdf2-sha256$1000$***$***", "pbkdf2-sha256$-5$AAAA$AAAA",
            "pbkdf2-sha256$1000$AAAA",
        };
        for (String stored : malformed) {
            assertEquals(Check.NO_MATCH, hasher.verify("pw", stored), stored);
        }
        assertEquals(Check.NO_MATCH, hasher.verify("pw", null));
    }

    @Test
    void differentSaltsGiveDifferentHashes() {
        String a = hasher.hash("same");
        String b = hasher.hash("same");
        assertNotEquals(a, b);
        assertNotEquals(a.split("\\$")[2], b.split("\\$")[2]);
        assertNotEquals(a.split("\\$")[3], b.split("\\$")[3]);
        assertEquals(Check.MATCH, hasher.verify("same", a));
        assertEquals(Check.MATCH, hasher.verify("same", b));
    }

    @Test
    void theKeyIsRequired() {
        assertThrows(NullPointerException.class,
                () -> new RegistrationPasswordHasher(RegistrationPasswordHasher.CURRENT_KEY_ID, null, RANDOM));
        assertThrows(IllegalArgumentException.class, () -> new RegistrationPasswordHasher(
                RegistrationPasswordHasher.CURRENT_KEY_ID, new SecretKeySpec(new byte[16], "HmacSHA256"), RANDOM),
                "at least 256 bits");
        assertThrows(IllegalArgumentException.class, () -> new RegistrationPasswordHasher("k$1", key(1), RANDOM));
    }

    @Test
    void anUnknownUserCostsACheckAndNeverFails() {
        hasher.spendWrongPasswordCost("anything");
        hasher.spendWrongPasswordCost(null);
    }
}
