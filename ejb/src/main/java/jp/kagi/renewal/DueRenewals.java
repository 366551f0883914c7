package jp.kagi.renewal;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import jp.kagi.account.AccountStatus;
import jp.kagi.certificate.CertificateStatus;
import jp.kagi.customer.Customer;
import jp.kagi.mail.MailSettings;
import jp.kagi.platform.CustomerScope;
import jp.kagi.platform.KagiException;
import jp.kagi.platform.PageRequest;

/**
 * Who is due for renewal by {@code horizon}: an active account whose newest valid certificate was issued one
 * {@code firstRenewalAfter} ago if it is the account's first, one {@code renewalEvery} ago otherwise, or expires by
 * then. Each customer has its own cadence, so the cut-off instants are computed per customer (calendar periods in
 * the CA's zone) and the database compares plain timestamps.
 */
@Stateless
public class DueRenewals {

    private static final String FROM = " from ClientCertificate c join c.account acc"
            + " where c.customer.id = :customer and acc.status = :active and c.status = :issued and c.notAfter > :now"
            + " and c.id = (select max(c2.id) from ClientCertificate c2 where c2.account = acc"
            + " and c2.status = :issued and c2.notAfter > :now)"
            + " and (c.issuedAt <= :everyCut or c.notAfter <= :horizon or (c.issuedAt <= :firstCut"
            + " and (select count(c3) from ClientCertificate c3 where c3.account = acc) = 1))";

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private MailSettings mailSettings;

    /** Due accounts per customer the admin may see (only {@code customer} if given), customers by name. */
    public List<DueCount> counts(CustomerScope who, String customer, Duration within) {
        Instant now = clock.instant();
        Instant horizon = horizon(now, within);
        return customers(who, customer).stream()
                .map(c -> new DueCount(c.name(), query(c, now, horizon, "select count(c)", Long.class).getSingleResult()))
                .toList();
    }

    /** A page of the due accounts, customer by customer (by name), each customer's by user ID. */
    public List<DueAccount> accounts(CustomerScope who, String customer, Duration within, PageRequest page) {
        Instant now = clock.instant();
        Instant horizon = horizon(now, within);
        ZoneId zone = mailSettings.zone();
        List<DueAccount> result = new ArrayList<>();
        long skip = page.offset();
        for (Customer c : customers(who, customer)) {
            if (result.size() >= page.size()) {
                break;
            }
            long count = query(c, now, horizon, "select count(c)", Long.class).getSingleResult();
            if (skip >= count) {
                skip -= count;
                continue;
            }
            List<Object[]> rows = query(c, now, horizon, "select acc.userId, acc.displayName, c.commonName, c.serialHex,"
                    + " c.issuedAt, c.notAfter, (select count(c4) from ClientCertificate c4 where c4.account = acc)",
                    Object[].class).setFirstResult((int) skip).setMaxResults(page.size() - result.size()).getResultList();
            skip = 0;
            for (Object[] r : rows) {
                Instant issuedAt = (Instant) r[4];
                Instant notAfter = (Instant) r[5];
                Instant dueAt = c.renewal().dueAt(issuedAt, ((Number) r[6]).longValue() == 1, zone);
                result.add(new DueAccount((String) r[0], (String) r[1], c.name(), (String) r[2], (String) r[3], issuedAt,
                        dueAt, notAfter, dueAt.isAfter(horizon) ? DueAccount.Reason.EXPIRY : DueAccount.Reason.CADENCE));
            }
        }
        return result;
    }

    /** The ids of {@code customer}'s accounts due by {@code horizon} (a campaign's "all that are due"). */
    public List<Long> dueAccountIds(Customer customer, Instant horizon) {
        return query(customer, clock.instant(), horizon, "select acc.id", Long.class).getResultList();
    }

    private <T> TypedQuery<T> query(Customer c, Instant now, Instant horizon, String select, Class<T> type) {
        ZoneId zone = mailSettings.zone();
        String order = type == Long.class && select.startsWith("select count") ? "" : " order by acc.userId";
        return em.createQuery(select + FROM + order, type).setParameter("customer", c.id())
                .setParameter("active", AccountStatus.ACTIVE).setParameter("issued", CertificateStatus.ISSUED)
                .setParameter("now", now).setParameter("horizon", horizon)
                .setParameter("everyCut", c.renewal().issuedBy(horizon, false, zone))
                .setParameter("firstCut", c.renewal().issuedBy(horizon, true, zone));
    }

    private List<Customer> customers(CustomerScope who, String customer) {
        if (customer != null && !customer.isBlank()) {
            Customer c = em.createNamedQuery("Customer.byName", Customer.class).setParameter("name", customer.strip())
                    .getResultStream().findFirst().filter(x -> who.maySee(x.name()))
                    .orElseThrow(() -> KagiException.notFound("error.customerUnknown", customer.strip()));
            return List.of(c);
        }
        return em.createQuery("select c from Customer c where c.active = true order by c.name", Customer.class)
                .getResultStream().filter(c -> who.maySee(c.name())).toList();
    }

    private static Instant horizon(Instant now, Duration within) {
        if (within == null) {
            return now;
        }
        if (within.isNegative() || within.toDays() > 3650) {
            throw KagiException.invalid("error.campaign.window");
        }
        return now.plus(within);
    }
}
