package jp.kagi.renewal;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jp.kagi.account.Account;
import jp.kagi.audit.AuditLog;
import jp.kagi.ca.KeyType;
import jp.kagi.issuance.IssuanceTransaction;
import jp.kagi.issuance.RenewalIssued;

/**
 * The transactions of one campaign row, each its own: the row's new state commits together with the certificate
 * and mails it records, so a restart (even kill -9) between two rows neither repeats nor loses one.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class CampaignSteps {

    /** The key type to make for a row still to issue, or null when the row needs nothing (done, or skipped now). */
    public record Prepared(KeyType keyType) {
    }

    @PersistenceContext
    private EntityManager em;

    @Inject
    private IssuanceTransaction issuance;

    @Inject
    private Clock clock;

    @Inject
    private AuditLog audit;

    /** Pending rows of launching campaigns, in id order within a campaign, shared out among the campaigns. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public List<Long> next(int max) {
        List<Long> campaigns = em.createQuery("select c.id from RenewalCampaign c where c.status = :launching"
                + " order by c.id", Long.class).setParameter("launching", CampaignStatus.LAUNCHING).getResultList();
        List<Long> rows = new ArrayList<>();
        int share = Math.max(1, max / Math.max(1, campaigns.size()));
        for (Long campaign : campaigns) {
            rows.addAll(em.createQuery("select a.id from CampaignAccount a where a.campaignId = :campaign"
                            + " and a.status = :pending order by a.id", Long.class).setParameter("campaign", campaign)
                    .setParameter("pending", CampaignAccountStatus.PENDING).setMaxResults(share).getResultList());
        }
        return rows;
    }

    /**
     * Checks the row may still be renewed: an account disabled or a customer deactivated since the campaign was
     * written is skipped, with the reason on the row.
     */
    public Prepared prepare(long rowId) {
        CampaignAccount row = em.find(CampaignAccount.class, rowId, LockModeType.PESSIMISTIC_WRITE);
        if (row == null || row.status() != CampaignAccountStatus.PENDING) {
            return null;
        }
        Account account = em.find(Account.class, row.accountId());
        if (!account.customer().isActive()) {
            row.skip("campaign.skip.customerInactive", List.of(account.customer().name()), clock.instant());
            return null;
        }
        if (!account.isActive()) {
            row.skip("campaign.skip.accountDisabled", List.of(account.userId()), clock.instant());
            return null;
        }
        return new Prepared(account.customer().policy().keyType());
    }

    /** Issues the row's certificate with a key made beforehand, outside any transaction (see IssuanceService). */
    public void renew(long rowId, KeyType keyType, KeyPair keys) {
        CampaignAccount row = em.find(CampaignAccount.class, rowId, LockModeType.PESSIMISTIC_WRITE);
        if (row == null || row.status() != CampaignAccountStatus.PENDING) {
            return;
        }
        RenewalCampaign campaign = em.find(RenewalCampaign.class, row.campaignId());
        if (campaign.status() != CampaignStatus.LAUNCHING) {
            return; // cancelled or completed meanwhile: the cancel marked the row already
        }
        Account account = em.find(Account.class, row.accountId());
        RenewalIssued issued = issuance.issueRenewal(campaign.actor(), account.userId(), keyType, keys,
                campaign.terms());
        row.renewed(issued.certificateId(), issued.renewalMailId(), clock.instant());
    }

    /** Records why the row failed: it will not be tried again. */
    public void fail(long rowId, String messageKey, List<Object> arguments) {
        CampaignAccount row = em.find(CampaignAccount.class, rowId);
        if (row != null && row.status() == CampaignAccountStatus.PENDING) {
            row.fail(messageKey, arguments, clock.instant());
        }
    }

    /** Counts an unexpected failure; the third one gives up on the row. */
    public void retryLater(long rowId) {
        CampaignAccount row = em.find(CampaignAccount.class, rowId);
        if (row != null && row.status() == CampaignAccountStatus.PENDING && !row.retryLater(clock.instant())) {
            row.fail("error.internal", List.of(), clock.instant());
        }
    }

    /** Launching campaigns without pending rows have issued everything: they now wait for their users. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public int finishIssued() {
        List<RenewalCampaign> done = em.createQuery("select c from RenewalCampaign c where c.status = :launching"
                        + " and not exists (select a.id from CampaignAccount a where a.campaignId = c.id"
                        + " and a.status = :pending)", RenewalCampaign.class)
                .setParameter("launching", CampaignStatus.LAUNCHING)
                .setParameter("pending", CampaignAccountStatus.PENDING).getResultList();
        Instant now = clock.instant();
        for (RenewalCampaign campaign : done) {
            campaign.issued(now);
            audit.record(jp.kagi.platform.Actor.SYSTEM, "campaign.issued", "campaign", String.valueOf(campaign.id()),
                    campaign.name());
        }
        return done.size();
    }
}
