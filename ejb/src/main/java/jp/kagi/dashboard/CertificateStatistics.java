package jp.kagi.dashboard;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import jp.kagi.certificate.CertificateStatus;
import jp.kagi.platform.Access;
import jp.kagi.platform.CustomerScope;
import jp.kagi.retrieval.RequestStatus;

/**
 * Counts certificates per customer with one grouped query: the database sums conditional counts, so the cost does
 * not grow with what the screen shows, and every customer appears (zeros included) thanks to the outer joins.
 */
@Stateless
public class CertificateStatistics {

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    /** The figures of the customers the caller may see, ordered by customer name. */
    public DashboardFigures figures(CustomerScope who) {
        Set<String> visible = Access.caller(who).limitedTo();
        Instant now = clock.instant();
        if (visible != null && visible.isEmpty()) {
            return new DashboardFigures(now, List.of(), CustomerFigures.total(List.of()));
        }
        TypedQuery<Object[]> query = em.createQuery("select cu.name, count(c),"
                + " sum(case when r.status = :retrieved then 1 else 0 end),"
                + " sum(case when r.status = :pending then 1 else 0 end),"
                + " sum(case when r.status = :locked then 1 else 0 end),"
                + " sum(case when c.status = :revoked then 1 else 0 end),"
                + " sum(case when c.status = :valid and c.notAfter > :now and c.notAfter <= :in30 then 1 else 0 end),"
                + " sum(case when c.status = :valid and c.notAfter > :now and c.notAfter <= :in90 then 1 else 0 end),"
                + " sum(case when c.installedAt is not null then 1 else 0 end)"
                + " from Customer cu left join ClientCertificate c on c.customer = cu"
                + " left join RetrievalRequest r on r.certificate = c"
                + (visible == null ? "" : " where cu.name in :visible")
                + " group by cu.name order by cu.name", Object[].class)
                .setParameter("retrieved", RequestStatus.RETRIEVED)
                .setParameter("pending", RequestStatus.PENDING)
                .setParameter("locked", RequestStatus.LOCKED)
                .setParameter("revoked", CertificateStatus.REVOKED)
                .setParameter("valid", CertificateStatus.ISSUED)
                .setParameter("now", now)
                .setParameter("in30", now.plus(Duration.ofDays(30)))
                .setParameter("in90", now.plus(Duration.ofDays(90)));
        if (visible != null) {
            query.setParameter("visible", visible);
        }
        List<CustomerFigures> rows = query.getResultList().stream().map(CertificateStatistics::figures).toList();
        return new DashboardFigures(now, rows, CustomerFigures.total(rows));
    }

    private static CustomerFigures figures(Object[] row) {
        return new CustomerFigures((String) row[0], number(row[1]), number(row[2]), number(row[3]), number(row[4]),
                number(row[5]), number(row[6]), number(row[7]), number(row[8]));
    }

    /** SUM over no rows is SQL NULL, and drivers differ in the numeric type they return. */
    static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
