package jp.kagi.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Request IDs (SPEC.md): 16 upper-case letters and digits without look-alikes, from a CSPRNG. */
class RandomCodesTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void theRequestIdAlphabetHasNoLookAlikes() {
        for (char c : "0O1IL".toCharArray()) {
            assertEquals(-1, RandomCodes.REQUEST_ID_ALPHABET.indexOf(c), "contains " + c);
        }
        assertTrue(RandomCodes.REQUEST_ID_ALPHABET.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c >= '2' && c <= '9'));
        assertEquals(31, RandomCodes.REQUEST_ID_ALPHABET.chars().distinct().count());
    }

    @Test
    void requestIdsAreSixteenCharactersOfTheAlphabetAndDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        Set<Character> used = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RandomCodes.requestId(random);
            assertEquals(16, id.length());
            assertTrue(id.chars().allMatch(c -> RandomCodes.REQUEST_ID_ALPHABET.indexOf(c) >= 0), id);
            assertTrue(seen.add(id));
            id.chars().forEach(c -> used.add((char) c));
        }
        assertEquals(31, used.size(), "every character of the alphabet occurs");
    }

    @Test
    void passwordsMixCaseAndAvoidLookAlikes() {
        String password = RandomCodes.password(random);
        assertEquals(RandomCodes.PASSWORD_LENGTH, password.length());
        for (char c : "0O1Il".toCharArray()) {
            assertEquals(-1, RandomCodes.PASSWORD_ALPHABET.indexOf(c));
        }
        assertTrue(RandomCodes.PASSWORD_ALPHABET.chars().anyMatch(Character::isLowerCase));
        assertTrue(RandomCodes.PASSWORD_ALPHABET.chars().anyMatch(Character::isUpperCase));
    }

    @Test
    void userIdsAreLowerCase() {
        String id = RandomCodes.userId(random);
        assertTrue(id.matches("u[a-z2-9]{8}"), id);
        assertFalse(id.chars().anyMatch(Character::isUpperCase));
    }

    @Test
    void passwordsCarryAtLeastEightyBitsAsLookUpSecrets() {
        // 56 symbols, 14 characters: 14 × log2(56) ≈ 81.3 bits; the keyed hash of account passwords relies on it
        double bits = RandomCodes.PASSWORD_LENGTH * Math.log(RandomCodes.PASSWORD_ALPHABET.length()) / Math.log(2);
        assertTrue(bits >= 80, "bits: " + bits);
        assertEquals(RandomCodes.PASSWORD_ALPHABET.length(), RandomCodes.PASSWORD_ALPHABET.chars().distinct().count());
    }
}
