package jp.kagi.mail;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import jp.kagi.ca.CertificateAuthority;
import jp.kagi.metrics.KagiMeters;
import jp.kagi.platform.Access;
import jp.kagi.platform.CustomerScope;
import jp.kagi.platform.Settings;

/**
 * Puts mails into the outbox in the caller's transaction: if the change that caused a mail rolls back, the mail was
 * never there; if it commits, the sender will deliver it, however long SMTP is down.
 */
@Stateless
public class Outbox {

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private CertificateAuthority ca;

    @Inject
    private Settings settings;

    public MailView enqueue(MailKind kind, String recipient, String language, RenderedMail mail, boolean carriesSecret,
                            String certificateSerial) {
        byte[] sealed = ca.sealer().seal(OutboxMail.BODY_PURPOSE, mail.body().getBytes(StandardCharsets.UTF_8));
        OutboxMail row = new OutboxMail(kind, recipient, language, mail.subject(), sealed, carriesSecret,
                certificateSerial, "<" + UUID.randomUUID() + "@" + mailDomain() + ">", clock.instant());
        em.persist(row);
        KagiMeters.mailQueued();
        return row.view();
    }

    /** The outbox, newest first, optionally to one address: CA admins and auditors (mails are addressed to people). */
    public List<MailView> byRecipient(CustomerScope who, String recipient, int first, int max) {
        Access.everyCustomer(who);
        String query = recipient == null || recipient.isBlank()
                ? "select m from OutboxMail m order by m.id desc"
                : "select m from OutboxMail m where lower(m.recipient) = lower(:to) order by m.id desc";
        var q = em.createQuery(query, OutboxMail.class).setFirstResult(first).setMaxResults(max);
        if (recipient != null && !recipient.isBlank()) {
            q.setParameter("to", recipient.strip());
        }
        return q.getResultList().stream().map(OutboxMail::view).toList();
    }

    public List<MailView> byCertificate(String serial) {
        return em.createQuery("select m from OutboxMail m where m.certificateSerial = :serial order by m.id",
                OutboxMail.class).setParameter("serial", serial).getResultList().stream().map(OutboxMail::view).toList();
    }

    private String mailDomain() {
        try {
            String host = URI.create(settings.baseUrl()).getHost();
            return host == null ? "kagi.local" : host;
        } catch (IllegalArgumentException e) {
            return "kagi.local";
        }
    }
}
