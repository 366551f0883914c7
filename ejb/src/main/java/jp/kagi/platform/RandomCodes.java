package jp.kagi.platform;

import java.security.SecureRandom;

/** Random identifiers and secrets drawn from alphabets without look-alike characters (no 0/O, 1/I/l). */
public final class RandomCodes {

    /** Request IDs (SPEC.md): upper-case letters and digits, without I, L, O, 0 and 1. */
    public static final String REQUEST_ID_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    /** Portal passwords: case matters at login (the seed manual warns users), so both cases are used. */
    public static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
    /** User IDs: lower case only, easy to read out over the phone to the support desk. */
    public static final String USER_ID_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

    public static final int REQUEST_ID_LENGTH = 16;
    public static final int PASSWORD_LENGTH = 14;

    private RandomCodes() {
    }

    public static String draw(SecureRandom random, String alphabet, int length) {
        StringBuilder code = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            code.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return code.toString();
    }

    public static String requestId(SecureRandom random) {
        return draw(random, REQUEST_ID_ALPHABET, REQUEST_ID_LENGTH);
    }

    public static String password(SecureRandom random) {
        return draw(random, PASSWORD_ALPHABET, PASSWORD_LENGTH);
    }

    public static String userId(SecureRandom random) {
        return "u" + draw(random, USER_ID_ALPHABET, 8);
    }
}
