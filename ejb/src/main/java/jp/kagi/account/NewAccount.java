package jp.kagi.account;

/** What an admin supplies to open an account (SPEC.md: customer, email, displayName, language). */
public record NewAccount(String customer, String email, String displayName, String language) {
}
