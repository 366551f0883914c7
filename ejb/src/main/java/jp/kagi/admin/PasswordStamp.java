package jp.kagi.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A short digest of a staff user's (salted, slow) password hash: kept in an HTTP session to notice that the
 * password changed since that session signed in. It reveals nothing a password guess could use.
 */
final class PasswordStamp {

    private PasswordStamp() {
    }

    static String of(String passwordHash) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("kagi-staff-session:" + passwordHash).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    static boolean matches(String stamp, String passwordHash) {
        return stamp != null && MessageDigest.isEqual(stamp.getBytes(StandardCharsets.UTF_8),
                of(passwordHash).getBytes(StandardCharsets.UTF_8));
    }
}
