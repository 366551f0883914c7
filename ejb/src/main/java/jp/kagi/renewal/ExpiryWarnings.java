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
import jp.kagi.certificate.ClientCertificate;
import jp.kagi.retrieval.RetrievalRequest;

/**
 * One last warning before an old certificate expires: to an account of a running or completed campaign that never
 * retrieved its new key, once its old certificate is within the campaign's warning window of expiry. Once per row
 * (the row records it in the same transaction as the mail).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ExpiryWarnings {

    static final int BATCH = 200;

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private RenewalMails mails;

    /** Warns up to {@link #BATCH} accounts; returns how many. */
    public int warnDue() {
        Instant now = clock.instant();
        int sent = 0;
        for (RenewalCampaign campaign : em.createQuery("select c from RenewalCampaign c where c.status in :running",
                RenewalCampaign.class).setParameter("running", List.of(CampaignStatus.RUNNING, CampaignStatus.COMPLETED))
                .getResultList()) {
            // The window is the campaign's own, so each campaign's cut-off is computed here and compared in SQL.
            List<Object[]> due = em.createQuery("select a, oc, r from CampaignAccount a, ClientCertificate oc,"
                            + " RetrievalRequest r where a.campaignId = :campaign and oc.id = a.oldCertificateId"
                            + " and r.certificate.id = a.newCertificateId and a.status = :renewed"
                            + " and a.expiryWarnedAt is null and r.firstRetrievedAt is null and oc.status = :issued"
                            + " and oc.notAfter > :now and oc.notAfter <= :cutoff order by a.id", Object[].class)
                    .setParameter("campaign", campaign.id()).setParameter("renewed", CampaignAccountStatus.RENEWED)
                    .setParameter("issued", CertificateStatus.ISSUED).setParameter("now", now)
                    .setParameter("cutoff", now.plus(campaign.expiryWarning())).setMaxResults(BATCH - sent)
                    .getResultList();
            for (Object[] row : due) {
                ClientCertificate old = (ClientCertificate) row[1];
                RetrievalRequest request = (RetrievalRequest) row[2];
                mails.expiryWarning(campaign, old.account(), old, request.certificate(), request, now);
                ((CampaignAccount) row[0]).warnedOfExpiry(now);
                sent++;
            }
            if (sent >= BATCH) {
                break;
            }
        }
        return sent;
    }
}
