package jp.kagi.admin;

/** A new API token: the only time its secret is shown. */
public record CreatedToken(long id, String token) {
}
