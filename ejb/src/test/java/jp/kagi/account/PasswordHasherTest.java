package jp.kagi.account;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** PBKDF2-HMAC-SHA256 hashes: exact, case-sensitive, salted, carrying their iteration count. */
class PasswordHasherTest {

    // Few rounds keep the test fast; the production count is checked separately below.
    private final PasswordHasher hasher = new PasswordHasher(1_000, new SecureRandom());

    @Test
    void theRightPasswordMatchesAndNothingElse() {
        String stored = hasher.hash("pMaPZZMRGT2YE5");
        assertTrue(hasher.verify("pMaPZZMRGT2YE5", stored));
        assertFalse(hasher.verify("pmapzzmrgt2ye5", stored), "case matters (the seed manual says so)");
        assertFalse(hasher.verify(" pMaPZZMRGT2YE5", stored), "no trimming");
        assertFalse(hasher.verify("", stored));
        assertFalse(hasher.verify(null, stored));
    }

    @Test
    void eachHashHasItsOwnSaltAndNamesItsScheme() {
        String a = hasher.hash("same");
        String b = hasher.hash("same");
        assertNotEquals(a, b);
        assertTrue(a.startsWith("pbkdf2-sha256$1000$"), a);
    }

    @Test
    void aHashMadeWithOtherRoundsStillVerifies() {
        String stored = new PasswordHasher(2_000, new SecureRandom()).hash("x");
        assertTrue(hasher.verify("x", stored), "the stored count is used, so raising it later breaks nothing");
    }

    @Test
    void garbageNeverVerifies() {
        assertFalse(hasher.verify("x", "md5$abc"));
        assertFalse(hasher.verify("x", "pbkdf2-sha256$many$a$b"));
    }

    @Test
    void productionUsesAtLeast600kRounds() {
        assertTrue(PasswordHasher.DEFAULT_ITERATIONS >= 600_000);
    }
}
