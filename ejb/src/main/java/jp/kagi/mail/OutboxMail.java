package jp.kagi.mail;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;

/** A mail in the transactional outbox, with its delivery state. */
@Entity
@Table(name = "outbox_mail")
public class OutboxMail {

    static final String BODY_PURPOSE = "mail-body";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private MailKind kind;

    @Column(nullable = false)
    private String recipient;

    @Column(nullable = false)
    private String language;

    @Column(nullable = false)
    private String subject;

    @Column(name = "sealed_body")
    private byte[] sealedBody;

    @Column(name = "carries_secret", nullable = false)
    private boolean carriesSecret;

    @Column(name = "certificate_serial")
    private String certificateSerial;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private MailStatus status;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "sent_at")
    private Instant sentAt;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "message_id", nullable = false)
    private String messageId;

    @Version
    private long version;

    protected OutboxMail() {
    }

    OutboxMail(MailKind kind, String recipient, String language, String subject, byte[] sealedBody,
               boolean carriesSecret, String certificateSerial, String messageId, Instant now) {
        this.kind = kind;
        this.recipient = recipient;
        this.language = language;
        this.subject = subject;
        this.sealedBody = sealedBody;
        this.carriesSecret = carriesSecret;
        this.certificateSerial = certificateSerial;
        this.messageId = messageId;
        this.status = MailStatus.PENDING;
        this.createdAt = now;
        this.nextAttemptAt = now;
    }

    boolean isDue(Instant now) {
        return status == MailStatus.PENDING && !nextAttemptAt.isAfter(now);
    }

    void delivered(Instant now) {
        status = MailStatus.SENT;
        attempts++;
        sentAt = now;
        lastError = null;
        if (carriesSecret) {
            sealedBody = null; // the password reached its reader; Kagi keeps no copy
        }
    }

    /** Counts a failed attempt and schedules the next one: base, 2 × base, 4 × base ... at most an hour apart. */
    void failed(String error, Instant now, int maxAttempts, Duration base) {
        attempts++;
        lastError = error == null ? "unknown error" : error.length() > 500 ? error.substring(0, 500) : error;
        if (attempts >= maxAttempts) {
            status = MailStatus.FAILED;
        } else {
            Duration wait = base.multipliedBy(1L << Math.min(attempts - 1, 20));
            nextAttemptAt = now.plus(wait.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : wait);
        }
    }

    /** An admin's retry of a mail that gave up. */
    void retry(Instant now) {
        if (status == MailStatus.FAILED) {
            status = MailStatus.PENDING;
            nextAttemptAt = now;
        }
    }

    Long id() {
        return id;
    }

    /** Re-seals the body under the newest KEK version (12/sealing rotation); false if there was nothing to do. */
    public boolean resealBody(jp.kagi.ca.KeySealer sealer) {
        if (sealedBody == null || jp.kagi.ca.KeySealer.versionOf(sealedBody) == sealer.currentVersion()
                && sealedBody[0] != 1) {
            return false;
        }
        sealedBody = sealer.reseal(BODY_PURPOSE, sealedBody);
        return true;
    }

    byte[] sealedBody() {
        return sealedBody;
    }

    String recipient() {
        return recipient;
    }

    String subject() {
        return subject;
    }

    String messageId() {
        return messageId;
    }

    public MailView view() {
        return new MailView(id, kind.name(), recipient, language, subject, status.name(), attempts, createdAt,
                status == MailStatus.PENDING ? nextAttemptAt : null, sentAt, lastError, certificateSerial, messageId);
    }
}
