package jp.kagi.it;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import jp.kagi.account.AccountService;
import jp.kagi.bulk.ImportService;
import jp.kagi.customer.CustomerService;
import jp.kagi.issuance.CertificateQuery;
import jp.kagi.platform.CustomerScope;
import jp.kagi.renewal.RenewalCampaigns;

/**
 * Test-only EJB: the state a probe could have changed, as one string to compare before and after. Row counts of the
 * tables that hold customer and staff data, and customer B's objects as Kagi itself reads them. Left out: the audit
 * log (refusals are recorded there) and import jobs (an operator may store its own job whose rows naming B are all
 * refused: its own object, not B's).
 */
@Stateless
public class AuthzData {

    private static final List<String> COUNTED = List.of("Customer", "Account", "ClientCertificate", "RetrievalRequest",
            "RenewalCampaign", "CampaignAccount", "AdminUser", "OutboxMail");

    @PersistenceContext
    EntityManager em;

    @Inject
    CustomerService customers;

    @Inject
    AccountService accounts;

    @Inject
    CertificateQuery certificates;

    @Inject
    RenewalCampaigns campaigns;

    @Inject
    ImportService imports;

    public String fingerprint(ServiceProbes.Target t) {
        StringBuilder s = new StringBuilder();
        for (String entity : COUNTED) {
            s.append(entity).append(" rows: ")
                    .append(em.createQuery("select count(x) from " + entity + " x", Long.class).getSingleResult())
                    .append('\n');
        }
        CustomerScope kagi = CustomerScope.SYSTEM;
        s.append(customers.view(kagi, t.customer())).append('\n')
                .append(accounts.list(kagi, t.customer())).append('\n')
                .append(certificates.bySerial(kagi, t.serial())).append('\n')
                .append(campaigns.view(kagi, t.campaign())).append('\n')
                .append(imports.job(kagi, t.job())).append('\n');
        return s.toString();
    }
}
