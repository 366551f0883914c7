package jp.kagi.mail;

import java.time.Instant;

/** A mail's delivery status as the API shows it: never its body. */
public record MailView(long id, String kind, String recipient, String language, String subject, String status,
                       int attempts, Instant createdAt, Instant nextAttemptAt, Instant sentAt, String lastError,
                       String certificateSerial, String messageId) {
}
