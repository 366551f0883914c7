package jp.kagi.renewal;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.kagi.account.Account;
import jp.kagi.account.AccountStatus;
import jp.kagi.certificate.CertificateStatus;
import jp.kagi.certificate.ClientCertificate;
import jp.kagi.customer.Customer;
import jp.kagi.issuance.IssuanceMails;
import jp.kagi.mail.RenderedMail;
import jp.kagi.platform.CustomerScope;
import jp.kagi.platform.KagiException;

/**
 * Decides whom a campaign takes: every active account of the targeted customers that holds a current certificate
 * (its newest valid one), minus the excluded user IDs. Refuses, naming the campaign, an account another campaign
 * still holds; refuses a campaign over nobody. Writes nothing.
 */
@Stateless
public class CampaignPlanner {

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private DueRenewals due;

    @Inject
    private IssuanceMails issuanceMails;

    /** The targeted customers, by name, and every account the campaign takes (excluded ones marked). */
    public record Plan(List<Customer> customers, List<CampaignTarget> targets) {

        public long included() {
            return targets.stream().filter(t -> !t.excluded()).count();
        }
    }

    public Plan plan(CustomerScope who, CampaignSettings settings) {
        Instant now = clock.instant();
        List<Customer> customers = settings.allDue() ? dueCustomers(who, settings) : named(who, settings.customers());
        List<CampaignTarget> targets = new ArrayList<>();
        Set<String> excluded = new HashSet<>(settings.exclude());
        Set<String> seen = new HashSet<>();
        for (Customer customer : customers) {
            Set<Long> onlyDue = settings.allDue()
                    ? new HashSet<>(due.dueAccountIds(customer, settings.completion().at())) : null;
            Map<Long, String> busy = busy(customer.id());
            for (Object[] r : em.createQuery("select acc.id, c.id, acc.userId from ClientCertificate c join c.account acc"
                            + " where acc.customer.id = :customer and acc.status = :active and c.status = :issued"
                            + " and c.notAfter > :now and c.id = (select max(c2.id) from ClientCertificate c2"
                            + " where c2.account = acc and c2.status = :issued and c2.notAfter > :now) order by acc.id",
                            Object[].class).setParameter("customer", customer.id())
                    .setParameter("active", AccountStatus.ACTIVE).setParameter("issued", CertificateStatus.ISSUED)
                    .setParameter("now", now).getResultList()) {
                long accountId = (Long) r[0];
                String userId = (String) r[2];
                if (onlyDue != null && !onlyDue.contains(accountId)) {
                    continue;
                }
                boolean out = excluded.contains(userId);
                if (!out && busy.containsKey(accountId)) {
                    throw KagiException.conflict("error.campaign.accountBusy", userId, busy.get(accountId));
                }
                seen.add(userId);
                targets.add(new CampaignTarget(accountId, customer.id(), (Long) r[1], userId, out));
            }
        }
        for (String userId : settings.exclude()) {
            if (!seen.contains(userId)) {
                throw KagiException.invalid("error.campaign.excludeUnknown", userId);
            }
        }
        Plan plan = new Plan(customers, targets);
        if (plan.included() == 0) {
            throw KagiException.invalid("error.campaign.empty");
        }
        return plan;
    }

    /** The preview: the plan's counts and the first included user's mails, in both languages. */
    public CampaignPreview preview(CustomerScope who, CampaignSettings settings) {
        Plan plan = plan(who, settings);
        Map<Long, long[]> perCustomer = new LinkedHashMap<>();
        plan.customers().forEach(c -> perCustomer.put(c.id(), new long[2]));
        plan.targets().forEach(t -> perCustomer.get(t.customerId())[t.excluded() ? 1 : 0]++);
        List<CampaignPreview.CustomerPlan> customers = new ArrayList<>();
        List<CampaignPreview.Warning> warnings = new ArrayList<>();
        for (Customer c : plan.customers()) {
            long[] n = perCustomer.get(c.id());
            customers.add(new CampaignPreview.CustomerPlan(c.name(), n[0], n[1]));
            if (clock.instant().plus(c.policy().lockAfterIssuance()).isBefore(settings.completion().at())) {
                warnings.add(new CampaignPreview.Warning("campaign.warn.locksBeforeCompletion",
                        List.of(c.name(), jp.kagi.platform.DurationConverter.iso(c.policy().lockAfterIssuance()))));
            }
        }
        CampaignTarget first = plan.targets().stream().filter(t -> !t.excluded()).findFirst().orElseThrow();
        Account account = em.find(Account.class, first.accountId());
        ClientCertificate current = em.find(ClientCertificate.class, first.certificateId());
        long certificates = em.createNamedQuery("ClientCertificate.countForAccount", Long.class)
                .setParameter("account", account).getSingleResult();
        String nextCn = current.commonName().replaceAll("\\d+$", "") + "XXXXX";
        String subject = "C=JP, OU=" + account.customer().name() + ", CN=" + nextCn;
        Instant deadline = earliest(clock.instant().plus(account.customer().policy().lockAfterIssuance()),
                settings.completion().at());
        RenewalCampaignTerms terms = new RenewalCampaignTerms(settings);
        List<CampaignPreview.MailSample> mails = new ArrayList<>();
        for (String lang : List.of("ja", "en")) {
            List<RenderedMail> pair = issuanceMails.renewalSample(account, lang, nextCn, subject, deadline,
                    terms.terms(), certificates == 1);
            mails.add(new CampaignPreview.MailSample(lang, "ISSUANCE_NOTICE", pair.get(0).subject(), pair.get(0).body()));
            mails.add(new CampaignPreview.MailSample(lang, "RENEWAL_REQUEST", pair.get(1).subject(), pair.get(1).body()));
        }
        long included = plan.included();
        return new CampaignPreview(settings.name(), settings.completion().text(),
                settings.reminders().stream().map(CampaignSettings::iso).toList(), included,
                plan.targets().size() - included, customers, mails, warnings);
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** Accounts of {@code customerId} that a campaign still holds, with that campaign's name. */
    private Map<Long, String> busy(long customerId) {
        Map<Long, String> busy = new HashMap<>();
        em.createQuery("select a.accountId, c.name from CampaignAccount a, RenewalCampaign c where c.id = a.campaignId"
                        + " and a.customerId = :customer and c.status in :holding and a.status in :taken", Object[].class)
                .setParameter("customer", customerId).setParameter("holding", CampaignStatus.HOLDING)
                .setParameter("taken", Set.of(CampaignAccountStatus.PENDING, CampaignAccountStatus.RENEWED))
                .getResultStream().forEach(r -> busy.put((Long) r[0], (String) r[1]));
        return busy;
    }

    private List<Customer> named(CustomerScope who, List<String> names) {
        List<Customer> customers = new ArrayList<>();
        for (String name : names) {
            Customer c = em.createNamedQuery("Customer.byName", Customer.class).setParameter("name", name)
                    .getResultStream().findFirst().filter(x -> who.maySee(x.name()))
                    .orElseThrow(() -> KagiException.notFound("error.customerUnknown", name));
            if (!c.isActive()) {
                throw KagiException.invalid("error.customerInactive", c.name());
            }
            customers.add(c);
        }
        return customers;
    }

    /** "All that are due": every active customer with an account due by the completion date. */
    private List<Customer> dueCustomers(CustomerScope who, CampaignSettings settings) {
        return em.createQuery("select c from Customer c where c.active = true order by c.name", Customer.class)
                .getResultStream().filter(c -> who.maySee(c.name()))
                .filter(c -> !due.dueAccountIds(c, settings.completion().at()).isEmpty()).toList();
    }
}
