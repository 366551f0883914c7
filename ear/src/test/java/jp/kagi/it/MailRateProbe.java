package jp.kagi.it;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import jp.kagi.mail.MailDelivery;
import jp.kagi.mail.MailKind;
import jp.kagi.mail.MailStatus;
import jp.kagi.mail.Outbox;
import jp.kagi.mail.RenderedMail;

/**
 * Test-only EJB for the mail-rate tests: sets KAGI_MAIL_RATE in the server as an operator would (a system property,
 * no restart), fills the outbox in one transaction, and reads how far the sender got.
 */
@Stateless
public class MailRateProbe {

    @PersistenceContext
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    MailDelivery delivery;

    /** Sets kagi.mail.rate ({@code null} removes it) and returns what it was before. */
    public String setRate(String perMinute) {
        String before = System.getProperty("kagi.mail.rate");
        if (perMinute == null) {
            System.clearProperty("kagi.mail.rate");
        } else {
            System.setProperty("kagi.mail.rate", perMinute);
        }
        return before;
    }

    /**
     * Puts {@code count} mails into the outbox in one transaction, numbered from {@code from} in their subjects
     * ("rate 00042"), and returns their Message-IDs in creation order. All go to {@code rate@<domain>} (one GreenMail
     * mailbox, which keeps the order of arrival) or each to its own {@code rate-<n>@<domain>}.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<String> enqueue(String domain, int from, int count, boolean oneMailbox) {
        List<String> ids = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            String subject = String.format("rate %05d", i);
            ids.add(outbox.enqueue(MailKind.ISSUANCE_NOTICE, (oneMailbox ? "rate" : "rate-" + i) + "@" + domain, "en",
                    new RenderedMail(subject, "Mail " + i + " of the mail-rate test.\n"), false, null).messageId());
            if (i % 500 == 499) {
                em.flush();
                em.clear();
            }
        }
        return ids;
    }

    /** How many mails to {@code domain} have been handed to SMTP. */
    public long sent(String domain) {
        return em.createQuery("select count(m) from OutboxMail m where m.recipient like :to and m.status = :sent",
                        Long.class).setParameter("to", "%@" + domain).setParameter("sent", MailStatus.SENT)
                .getSingleResult();
    }

    /** The sender's due query, as it runs it: milliseconds for one batch of 50. */
    public double dueQueryMillis() {
        long t = System.nanoTime();
        delivery.due(50);
        return (System.nanoTime() - t) / 1e6;
    }

    /** The database's plan for the sender's due query (H2 or PostgreSQL EXPLAIN), for the benchmark report. */
    public String duePlan() {
        List<?> rows = em.createNativeQuery("EXPLAIN SELECT id FROM outbox_mail WHERE status = 'PENDING'"
                + " AND next_attempt_at <= CURRENT_TIMESTAMP ORDER BY id LIMIT 50").getResultList();
        StringBuilder plan = new StringBuilder();
        for (Object row : rows) {
            plan.append(row instanceof Object[] cells ? cells[0] : row).append('\n');
        }
        return plan.toString().strip();
    }
}
