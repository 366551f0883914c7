package jp.kagi.renewal;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import jp.kagi.certificate.CertificateStatus;
import jp.kagi.platform.Actor;
import jp.kagi.platform.CustomerScope;
import jp.kagi.retrieval.LockReason;
import jp.kagi.retrieval.RequestStatus;
import jp.kagi.retrieval.RetrievalRequest;
import jp.kagi.revocation.RevocationService;

/** What an extension or a cancel does to a campaign's rows and requests, in the caller's transaction. */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class CampaignCancel {

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private RevocationService revocation;

    /** Gives every open, unretrieved renewal request of the campaign its new deadline; returns how many. */
    public int moveDeadlines(RenewalCampaign campaign) {
        List<RetrievalRequest> open = unretrieved(campaign);
        open.forEach(r -> r.moveDeadline(campaign.completionAt()));
        return open.size();
    }

    /**
     * Rows not issued yet are cancelled; new certificates nobody retrieved are locked (key destroyed) and revoked
     * as cessationOfOperation. Returns how many were revoked.
     */
    public int cancelRows(Actor actor, RenewalCampaign campaign) {
        Instant now = clock.instant();
        em.createQuery("update CampaignAccount a set a.status = :cancelled, a.messageKey = :key, a.updatedAt = :now,"
                        + " a.version = a.version + 1 where a.campaignId = :campaign and a.status = :pending")
                .setParameter("cancelled", CampaignAccountStatus.CANCELLED)
                .setParameter("key", "campaign.skip.cancelled").setParameter("now", now)
                .setParameter("campaign", campaign.id()).setParameter("pending", CampaignAccountStatus.PENDING)
                .executeUpdate();
        List<RetrievalRequest> unused = em.createQuery("select r from CampaignAccount a"
                        + " join RetrievalRequest r on r.certificate.id = a.newCertificateId where a.campaignId = :campaign"
                        + " and a.status = :renewed and r.firstRetrievedAt is null and r.certificate.status = :issued",
                        RetrievalRequest.class).setParameter("campaign", campaign.id())
                .setParameter("renewed", CampaignAccountStatus.RENEWED).setParameter("issued", CertificateStatus.ISSUED)
                .getResultList();
        for (RetrievalRequest request : unused) {
            request.lock(now, LockReason.CAMPAIGN_CANCELLED);
            revocation.revoke(actor, CustomerScope.SYSTEM, request.certificate().serial(), "cessationOfOperation");
        }
        return unused.size();
    }

    private List<RetrievalRequest> unretrieved(RenewalCampaign campaign) {
        return em.createQuery("select r from CampaignAccount a join RetrievalRequest r"
                        + " on r.certificate.id = a.newCertificateId where a.campaignId = :campaign and a.status = :renewed"
                        + " and r.firstRetrievedAt is null and r.status <> :locked", RetrievalRequest.class)
                .setParameter("campaign", campaign.id()).setParameter("renewed", CampaignAccountStatus.RENEWED)
                .setParameter("locked", RequestStatus.LOCKED).getResultList();
    }
}
