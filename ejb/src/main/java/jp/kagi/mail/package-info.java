/**
 * Mail: the issuance notice and the registration (or renewal) request, rendered from Japanese and English templates,
 * stored in a transactional outbox in the same transaction as the change that caused them, and sent by a timer
 * with retries and backoff, oldest first and no faster than KAGI_MAIL_RATE mails per minute (a token
 * bucket, {@code MailRateBucket}). Bodies are sealed at rest; a body that carried a password is erased once sent.
 */
package jp.kagi.mail;
