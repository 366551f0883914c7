package jp.kagi.renewal;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import jp.kagi.audit.AuditLog;
import jp.kagi.customer.Customer;
import jp.kagi.mail.MailKind;
import jp.kagi.mail.MailSettings;
import jp.kagi.mail.MailTemplates;
import jp.kagi.mail.Outbox;
import jp.kagi.platform.Actor;
import jp.kagi.platform.PageRequest;
import jp.kagi.platform.Settings;

/**
 * The completion date's work, in its own transactions: rows never issued are closed, then (after the lock sweep
 * has locked the unretrieved requests) the campaign completes and the summaries go to each customer's contact and
 * to the CA team, once: the status change and the mails commit together.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class CompletionSteps {

    static final int LISTED = 200;

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private AuditLog audit;

    @Inject
    private CampaignFigures figures;

    @Inject
    private Outbox outbox;

    @Inject
    private MailSettings mailSettings;

    @Inject
    private Settings settings;

    /** True if the campaign is due to complete now; rows it never issued are then cancelled. */
    public boolean closeRows(long campaignId) {
        RenewalCampaign campaign = em.find(RenewalCampaign.class, campaignId);
        if (campaign == null || !campaign.status().reminds() || clock.instant().isBefore(campaign.completionAt())) {
            return false;
        }
        em.createQuery("update CampaignAccount a set a.status = :cancelled, a.messageKey = :key, a.updatedAt = :now,"
                        + " a.version = a.version + 1 where a.campaignId = :campaign and a.status = :pending")
                .setParameter("cancelled", CampaignAccountStatus.CANCELLED)
                .setParameter("key", "campaign.skip.completionPassed").setParameter("now", clock.instant())
                .setParameter("campaign", campaignId).setParameter("pending", CampaignAccountStatus.PENDING)
                .executeUpdate();
        return true;
    }

    /** Completes the campaign and queues the summaries; does nothing if it completed (or ended) already. */
    public void finish(long campaignId) {
        RenewalCampaign campaign = em.find(RenewalCampaign.class, campaignId, LockModeType.PESSIMISTIC_WRITE);
        if (campaign == null || !campaign.status().reminds()) {
            return;
        }
        Instant now = clock.instant();
        campaign.complete(now);
        String lang = settings.get("kagi.mail.summary.language", "ja");
        for (Long customerId : campaign.customerIds()) {
            Customer customer = em.find(Customer.class, customerId);
            summary(campaign, customer.contactEmail(), lang, customer.name(), Set.of(customerId));
        }
        String caTeam = mailSettings.common(lang).get("caTeamEmail");
        summary(campaign, caTeam, lang, "en".equals(lang) ? "all customers" : "全顧客", null);
        List<CampaignCounts> counts = figures.counts(campaignId, null);
        audit.record(Actor.SYSTEM, "campaign.complete", "campaign", String.valueOf(campaignId), campaign.name() + ": "
                + counts.get(0).retrieved() + " of " + counts.get(0).renewed() + " retrieved");
    }

    private void summary(RenewalCampaign campaign, String to, String lang, String customerName, Set<Long> customers) {
        CampaignCounts c = figures.counts(campaign.id(), customers).get(0);
        boolean en = "en".equals(lang);
        var values = mailSettings.common(lang);
        values.put("campaignName", campaign.name());
        values.put("customerName", customerName);
        values.put("deadline", campaign.completionText());
        values.put("counts", en
                ? "Targeted: " + c.targeted() + "\nRenewed (new certificate issued): " + c.renewed()
                        + "\nRetrieved the new key: " + c.retrieved() + "\nDid not retrieve it: "
                        + (c.pending() + c.locked()) + "\nSkipped or failed: " + (c.skipped() + c.failed())
                : "対象: " + c.targeted() + " 名\n新しい証明書の発行: " + c.renewed() + " 名\n取得済み: " + c.retrieved()
                        + " 名\n未取得: " + (c.pending() + c.locked()) + " 名\n対象外・失敗: " + (c.skipped() + c.failed())
                        + " 名");
        List<CampaignRowView> stragglers = figures.rows(campaign.id(), customers, CampaignRowState.filter("NOT_RETRIEVED"),
                new PageRequest(0, LISTED));
        values.put("stragglers", stragglers.isEmpty() ? (en ? "(none)" : "(なし)") : stragglers.stream()
                .map(r -> r.userId() + "  " + r.displayName() + " <" + r.email() + ">  " + r.customer() + "  "
                        + r.oldCommonName() + " -> " + r.newCommonName())
                .collect(Collectors.joining("\n")));
        values.put("exportUrl", settings.baseUrl() + "/admin/campaign.xhtml?id=" + campaign.id());
        outbox.enqueue(MailKind.CAMPAIGN_SUMMARY, to, lang, MailTemplates.render(MailKind.CAMPAIGN_SUMMARY, lang, values),
                false, null);
    }
}
