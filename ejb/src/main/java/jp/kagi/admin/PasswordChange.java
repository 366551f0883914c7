package jp.kagi.admin;

/**
 * A new staff password. {@code currentPassword} is required when users change their own password; a CA admin
 * resetting someone else's leaves it out, and that user must then change it at the next sign-in.
 */
public record PasswordChange(String currentPassword, String password) {

    @Override
    public String toString() {
        return "PasswordChange[***]"; // never in a log
    }
}
