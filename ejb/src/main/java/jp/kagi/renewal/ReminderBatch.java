package jp.kagi.renewal;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import jp.kagi.mail.MailKind;
import jp.kagi.mail.OutboxMail;
import jp.kagi.retrieval.RequestStatus;
import jp.kagi.retrieval.RetrievalRequest;

/**
 * One transaction of reminders: the step's record and the mail are written together, and the unique (row, step)
 * key means a step reaches an account at most once, however often a timer fires or however many nodes race.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ReminderBatch {

    static final int SIZE = 200;

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private RenewalMails mails;

    /**
     * Sends {@code kind} for {@code step} to up to {@link #SIZE} accounts of the campaign that have not retrieved
     * their new key, whose request is still open, and that have not had this step; {@code customers} (null: all)
     * and {@code userId} (null: all) narrow it. Returns how many were sent.
     */
    public int send(long campaignId, String step, MailKind kind, String by, Set<Long> customers, String userId) {
        return batch(campaignId, step, kind, by, customers, userId);
    }

    /** As {@link #send}, for every account it applies to, in the caller's transaction (an extension's new date). */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public int sendAll(long campaignId, String step, MailKind kind, String by) {
        int sent = 0;
        int batch;
        do {
            batch = batch(campaignId, step, kind, by, null, null);
            sent += batch;
        } while (batch == SIZE);
        return sent;
    }

    private int batch(long campaignId, String step, MailKind kind, String by, Set<Long> customers, String userId) {
        Instant now = clock.instant();
        RenewalCampaign campaign = em.find(RenewalCampaign.class, campaignId);
        if (campaign == null || !campaign.status().reminds() || !now.isBefore(campaign.completionAt())) {
            return 0; // a step due while the server was down is not sent once the completion date has passed
        }
        TypedQuery<Object[]> q = em.createQuery("select a, r from CampaignAccount a"
                        + " join RetrievalRequest r on r.certificate.id = a.newCertificateId"
                        + " where a.campaignId = :campaign and a.status = :renewed and r.firstRetrievedAt is null"
                        + " and r.status <> :locked and r.locksAt > :now"
                        + (customers == null ? "" : " and a.customerId in :customers")
                        + (userId == null ? "" : " and r.certificate.account.userId = :userId")
                        + " and not exists (select x.id from CampaignReminder x where x.campaignAccountId = a.id"
                        + " and x.step = :step) order by a.id", Object[].class)
                .setParameter("campaign", campaignId).setParameter("renewed", CampaignAccountStatus.RENEWED)
                .setParameter("locked", RequestStatus.LOCKED).setParameter("now", now).setParameter("step", step);
        if (customers != null) {
            q.setParameter("customers", customers.isEmpty() ? Set.of(-1L) : customers);
        }
        if (userId != null) {
            q.setParameter("userId", userId);
        }
        List<Object[]> due = q.setMaxResults(SIZE).getResultList();
        for (Object[] row : due) {
            CampaignAccount account = (CampaignAccount) row[0];
            RetrievalRequest request = (RetrievalRequest) row[1];
            em.persist(new CampaignReminder(account.id(), step, now, by));
            Instant sent = account.renewalMailId() == null ? campaign.launchedAt()
                    : em.find(OutboxMail.class, account.renewalMailId()).view().createdAt();
            mails.remind(kind, campaign, request.certificate().account(), request.certificate(), request, sent);
        }
        em.flush(); // a second sender of the same step fails here, on the unique key, and sends nothing
        return due.size();
    }
}
