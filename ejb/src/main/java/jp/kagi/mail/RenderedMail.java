package jp.kagi.mail;

/** A mail ready to store in the outbox: its subject and plain-text body. */
public record RenderedMail(String subject, String body) {
}
