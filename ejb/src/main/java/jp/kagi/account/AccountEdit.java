package jp.kagi.account;

/** A change to an account's e-mail, display name and mail language; a null field keeps its current value. */
public record AccountEdit(String email, String displayName, String language) {
}
