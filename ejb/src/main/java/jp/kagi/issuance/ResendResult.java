package jp.kagi.issuance;

/**
 * What a resend queued: which mail of certificate {@code serial} went to {@code recipient}; {@code newPassword} says
 * that the registration request carries a freshly drawn password and the previous one stopped working. Never the
 * password itself.
 */
public record ResendResult(String serial, String commonName, String mail, String kind, String recipient,
                           boolean newPassword) {
}
