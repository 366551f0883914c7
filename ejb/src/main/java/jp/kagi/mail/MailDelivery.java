package jp.kagi.mail;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.logging.Logger;
import jp.kagi.audit.AuditLog;
import jp.kagi.ca.CertificateAuthority;
import jp.kagi.metrics.KagiMeters;
import jp.kagi.platform.Access;
import jp.kagi.platform.Actor;
import jp.kagi.platform.CustomerScope;
import jp.kagi.platform.Settings;

/**
 * Delivers one outbox mail in its own transaction, holding the row's lock while it talks to SMTP so that no other
 * sender can pick the same mail; the outcome (sent, or failed with the next retry time) commits with it.
 */
@Stateless
public class MailDelivery {

    private static final Logger LOG = Logger.getLogger(MailDelivery.class.getName());

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private SmtpTransport smtp;

    @Inject
    private CertificateAuthority ca;

    @Inject
    private Settings settings;

    @Inject
    private AuditLog audit;

    /**
     * The ids of up to {@code max} due mails, oldest first (by id, which is the order they were created in). A mail
     * waiting for its retry is skipped until its time comes, and then goes before every younger mail: a retry neither
     * jumps ahead of older mails nor queues behind a campaign created after it. Served by ix_outbox_pending_id (V8_1).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Long> due(int max) {
        return em.createQuery("select m.id from OutboxMail m where m.status = :pending and m.nextAttemptAt <= :now"
                        + " order by m.id", Long.class)
                .setParameter("pending", MailStatus.PENDING).setParameter("now", clock.instant())
                .setMaxResults(max).getResultList();
    }

    /** Returns true when the mail was handed to the SMTP server. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean deliver(long id) {
        OutboxMail mail = em.find(OutboxMail.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (mail == null || !mail.isDue(clock.instant())) {
            return false; // another sender got there first, or an admin changed it
        }
        try {
            String body = new String(ca.sealer().unseal(OutboxMail.BODY_PURPOSE, mail.sealedBody()), StandardCharsets.UTF_8);
            smtp.send(mail.recipient(), mail.subject(), body, mail.messageId());
            mail.delivered(clock.instant());
            KagiMeters.mailSent();
            LOG.fine(() -> "Sent mail " + id + " to " + mail.recipient());
            return true;
        } catch (MessagingException | RuntimeException e) {
            mail.failed(e.getClass().getSimpleName() + ": " + e.getMessage(), clock.instant(),
                    settings.integer("kagi.mail.max.attempts", 12),
                    settings.duration("kagi.mail.retry.base", java.time.Duration.ofSeconds(30)));
            KagiMeters.mailFailed(MailStatus.FAILED.name().equals(mail.view().status()));
            LOG.warning(() -> "Mail " + id + " to " + mail.recipient() + " not sent (attempt " + mail.view().attempts()
                    + "): " + e.getMessage());
            return false;
        }
    }

    /** An admin's retry of a mail; audited with the status it had, so that a resend to anyone is on record. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public boolean retry(Actor actor, CustomerScope who, long id) {
        Access.caAdmin(who);
        OutboxMail mail = em.find(OutboxMail.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (mail == null) {
            return false;
        }
        MailView before = mail.view();
        mail.retry(clock.instant());
        audit.record(actor, "mail.retry", "mail", Long.toString(id), before.kind() + " to " + before.recipient()
                + ", was " + before.status() + " after " + before.attempts() + " attempts");
        return true;
    }
}
