package jp.kagi.renewal;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import jp.kagi.mail.MailStatus;
import jp.kagi.platform.PageRequest;
import jp.kagi.retrieval.RequestStatus;

/**
 * The campaign's queries, in one place: counts per customer (one grouped query over the rows, their new
 * certificates, their requests and their renewal mails), the drill-down list, and retrievals per day. {@code customers}
 * limits every query to those customer ids (an operator's); null means all.
 */
@Stateless
public class CampaignFigures {

    private static final String JOINS = " from CampaignAccount a"
            + " left join RetrievalRequest r on r.certificate.id = a.newCertificateId"
            + " left join OutboxMail m on m.id = a.renewalMailId";

    @PersistenceContext
    private EntityManager em;

    /** Per customer (by name, sorted), and the total first. */
    public List<CampaignCounts> counts(long campaignId, Set<Long> customers) {
        TypedQuery<Object[]> q = em.createQuery("select a.customerId, a.status, count(a),"
                + " sum(case when r.firstRetrievedAt is not null then 1 else 0 end),"
                + " sum(case when r.id is not null and r.firstRetrievedAt is null and r.status = :locked then 1 else 0 end),"
                + " sum(case when m.status = :sent then 1 else 0 end),"
                + " sum(case when m.status = :failed then 1 else 0 end),"
                + " sum(case when nc.installedAt is not null then 1 else 0 end)" + JOINS
                // Only the counts need the new certificate itself (installed); a join by primary key per row.
                + " left join ClientCertificate nc on nc.id = a.newCertificateId"
                + " where a.campaignId = :campaign" + scope(customers) + " group by a.customerId, a.status", Object[].class)
                .setParameter("locked", RequestStatus.LOCKED).setParameter("sent", MailStatus.SENT)
                .setParameter("failed", MailStatus.FAILED).setParameter("campaign", campaignId);
        scope(q, customers);
        Map<Long, CampaignCounts> byCustomer = new HashMap<>();
        for (Object[] row : q.getResultList()) {
            long customerId = (Long) row[0];
            byCustomer.merge(customerId, counts((CampaignAccountStatus) row[1], number(row[2]), number(row[3]),
                    number(row[4]), number(row[5]), number(row[6]), number(row[7])), CampaignCounts::plus);
        }
        Map<Long, String> names = names(byCustomer.keySet());
        TreeMap<String, CampaignCounts> sorted = new TreeMap<>();
        byCustomer.forEach((id, c) -> sorted.put(names.get(id), withName(names.get(id), c)));
        CampaignCounts total = CampaignCounts.empty(null);
        for (CampaignCounts c : sorted.values()) {
            total = total.plus(c);
        }
        List<CampaignCounts> result = new ArrayList<>();
        result.add(total);
        result.addAll(sorted.values());
        return result;
    }

    private static CampaignCounts counts(CampaignAccountStatus status, long rows, long retrieved, long locked,
                                         long mailed, long mailFailed, long installed) {
        return switch (status) {
            case PENDING -> new CampaignCounts(null, rows, rows, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
            case RENEWED -> new CampaignCounts(null, rows, 0, rows, mailed, mailFailed, retrieved,
                    rows - retrieved - locked, locked, 0, 0, 0, 0, installed);
            case SKIPPED -> new CampaignCounts(null, rows, 0, 0, 0, 0, 0, 0, 0, rows, 0, 0, 0, 0);
            case FAILED -> new CampaignCounts(null, rows, 0, 0, 0, 0, 0, 0, 0, 0, rows, 0, 0, 0);
            case CANCELLED -> new CampaignCounts(null, rows, 0, 0, 0, 0, 0, 0, 0, 0, 0, rows, 0, 0);
            case EXCLUDED -> new CampaignCounts(null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, rows, 0);
        };
    }

    private static CampaignCounts withName(String name, CampaignCounts c) {
        return CampaignCounts.empty(name).plus(c);
    }

    /**
     * A page of the rows in {@code states}, in the order they were written. Ids first, then the page's rows: a deep
     * page then sorts and skips ids only, and the reminder count runs for the rows shown, not for all skipped ones.
     */
    public List<CampaignRowView> rows(long campaignId, Set<Long> customers, Set<CampaignRowState> states,
                                      PageRequest page) {
        TypedQuery<Long> ids = em.createQuery("select a.id" + JOINS + " where a.campaignId = :campaign"
                + scope(customers) + states(states) + " order by a.id", Long.class).setParameter("campaign", campaignId);
        scope(ids, customers);
        states(ids, states);
        List<Long> pageIds = ids.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        if (pageIds.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select acc.userId, acc.displayName, acc.email, cu.name, a.status,"
                        + " oc.commonName, oc.notAfter, nc.commonName, nc.serialHex, r.firstRetrievedAt, r.status,"
                        + " m.status, a.expiryWarnedAt, a.messageKey, a.messageArgs,"
                        + " (select count(x) from CampaignReminder x where x.campaignAccountId = a.id),"
                        + " nc.installedAt" + JOINS
                        + " join Account acc on acc.id = a.accountId join Customer cu on cu.id = a.customerId"
                        + " left join ClientCertificate oc on oc.id = a.oldCertificateId"
                        + " left join ClientCertificate nc on nc.id = a.newCertificateId"
                        + " where a.id in :ids order by a.id", Object[].class)
                .setParameter("ids", pageIds).getResultStream().map(row ->
                new CampaignRowView((String) row[0], (String) row[1], (String) row[2], (String) row[3],
                        state((CampaignAccountStatus) row[4], (Instant) row[9], (RequestStatus) row[10]),
                        (String) row[5], (Instant) row[6], (String) row[7], (String) row[8], (Instant) row[9],
                        row[11] == null ? null : row[11].toString(), number(row[15]), (Instant) row[12],
                        (String) row[13], row[14] == null ? List.of() : Arrays.asList(((String) row[14]).split("\u001f")),
                        (Instant) row[16]))
                .toList();
    }

    public long countRows(long campaignId, Set<Long> customers, Set<CampaignRowState> states) {
        TypedQuery<Long> q = em.createQuery("select count(a)" + JOINS + " where a.campaignId = :campaign"
                + scope(customers) + states(states), Long.class).setParameter("campaign", campaignId);
        scope(q, customers);
        states(q, states);
        return q.getSingleResult();
    }

    /** New keys retrieved per day in {@code zone}, from the launch to today, days without any included. */
    public List<DailyCount> retrievalsPerDay(long campaignId, Set<Long> customers, ZoneId zone) {
        TypedQuery<Instant> q = em.createQuery("select r.firstRetrievedAt from CampaignAccount a"
                + " join RetrievalRequest r on r.certificate.id = a.newCertificateId where a.campaignId = :campaign"
                + " and r.firstRetrievedAt is not null" + scope(customers), Instant.class)
                .setParameter("campaign", campaignId);
        scope(q, customers);
        TreeMap<LocalDate, Long> perDay = q.getResultStream().collect(Collectors.groupingBy(
                at -> at.atZone(zone).toLocalDate(), TreeMap::new, Collectors.counting()));
        return perDay.entrySet().stream().map(e -> new DailyCount(e.getKey(), e.getValue())).toList();
    }

    static CampaignRowState state(CampaignAccountStatus status, Instant retrievedAt, RequestStatus request) {
        return switch (status) {
            case PENDING -> CampaignRowState.WAITING;
            case RENEWED -> retrievedAt != null ? CampaignRowState.RETRIEVED
                    : request == RequestStatus.LOCKED ? CampaignRowState.LOCKED : CampaignRowState.PENDING;
            case SKIPPED -> CampaignRowState.SKIPPED;
            case FAILED -> CampaignRowState.FAILED;
            case CANCELLED -> CampaignRowState.CANCELLED;
            case EXCLUDED -> CampaignRowState.EXCLUDED;
        };
    }

    private Map<Long, String> names(Set<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("select c.id, c.name from Customer c where c.id in :ids", Object[].class)
                .setParameter("ids", ids).getResultStream()
                .collect(Collectors.toMap(r -> (Long) r[0], r -> (String) r[1]));
    }

    private static String scope(Set<Long> customers) {
        return customers == null ? "" : " and a.customerId in :customers";
    }

    private static void scope(TypedQuery<?> q, Set<Long> customers) {
        if (customers != null) {
            q.setParameter("customers", customers.isEmpty() ? Set.of(-1L) : customers);
        }
    }

    /** The states as one predicate; all states need none. */
    private static String states(Set<CampaignRowState> states) {
        if (states.containsAll(EnumSet.allOf(CampaignRowState.class))) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (CampaignRowState s : states) {
            parts.add(switch (s) {
                case WAITING -> "a.status = :st_pending";
                case RETRIEVED -> "(a.status = :st_renewed and r.firstRetrievedAt is not null)";
                case PENDING -> "(a.status = :st_renewed and r.firstRetrievedAt is null and r.status <> :rq_locked)";
                case LOCKED -> "(a.status = :st_renewed and r.firstRetrievedAt is null and r.status = :rq_locked)";
                case SKIPPED -> "a.status = :st_skipped";
                case FAILED -> "a.status = :st_failed";
                case CANCELLED -> "a.status = :st_cancelled";
                case EXCLUDED -> "a.status = :st_excluded";
            });
        }
        return " and (" + String.join(" or ", parts) + ")";
    }

    private static void states(TypedQuery<?> q, Set<CampaignRowState> states) {
        if (states.containsAll(EnumSet.allOf(CampaignRowState.class))) {
            return;
        }
        for (CampaignRowState s : states) {
            switch (s) {
                case WAITING -> q.setParameter("st_pending", CampaignAccountStatus.PENDING);
                case RETRIEVED -> q.setParameter("st_renewed", CampaignAccountStatus.RENEWED);
                case PENDING, LOCKED -> q.setParameter("st_renewed", CampaignAccountStatus.RENEWED)
                        .setParameter("rq_locked", RequestStatus.LOCKED);
                case SKIPPED -> q.setParameter("st_skipped", CampaignAccountStatus.SKIPPED);
                case FAILED -> q.setParameter("st_failed", CampaignAccountStatus.FAILED);
                case CANCELLED -> q.setParameter("st_cancelled", CampaignAccountStatus.CANCELLED);
                case EXCLUDED -> q.setParameter("st_excluded", CampaignAccountStatus.EXCLUDED);
            }
        }
    }

    private static long number(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }
}
