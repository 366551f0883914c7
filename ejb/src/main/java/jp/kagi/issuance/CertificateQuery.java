package jp.kagi.issuance;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import jp.kagi.audit.AuditLog;
import jp.kagi.certificate.CertificateStatus;
import jp.kagi.certificate.ClientCertificate;
import jp.kagi.mail.MailSettings;
import jp.kagi.platform.Access;
import jp.kagi.platform.Actor;
import jp.kagi.platform.CustomerScope;
import jp.kagi.platform.KagiException;
import jp.kagi.retrieval.RetrievalRequest;

/** Reads certificates with their retrieval state, filtered and paged for the API and the screens. */
@Stateless
public class CertificateQuery {

    public static final int MAX_PAGE_SIZE = 500;
    private static final Set<String> STATUSES = Set.of("ISSUED", "REVOKED", "EXPIRED", "PENDING", "RETRIEVED", "LOCKED");
    private static final Set<String> REQUEST_STATUSES = Set.of("PENDING", "RETRIEVED", "LOCKED");

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private MailSettings settings;

    @Inject
    private AuditLog audit;

    /**
     * Certificates matching {@code search} among the customers the caller may see, newest first; {@code page} counts
     * from 0. Another customer's certificates are simply not there.
     */
    public List<CertificateView> list(CustomerScope who, CertificateSearch search, int page, int size) {
        Set<String> visible = Access.caller(who).limitedTo();
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE || (long) page * size > Integer.MAX_VALUE) {
            throw KagiException.invalid("error.page", MAX_PAGE_SIZE);
        }
        Filter filter = filter(search, visible);
        if (filter.matchesNothing()) {
            return List.of();
        }
        // Two steps: the page's ids first, where the database can skip the offset's rows in an index alone, then
        // those few rows with their joins. One query would join every skipped row: 7 s at offset 500,000 of 1M.
        var ids = em.createQuery("select c.id from ClientCertificate c where 1 = 1" + filter.where(false)
                        + " order by " + filter.pageOrder(), Long.class)
                .setFirstResult(page * size).setMaxResults(size);
        filter.bind(ids, clock.instant(), settings.zone());
        List<Long> pageIds = ids.getResultList();
        if (pageIds.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select c, r from ClientCertificate c join fetch c.customer join fetch c.account"
                        + " left join RetrievalRequest r on r.certificate = c where c.id in :ids order by c.id desc",
                        Object[].class).setParameter("ids", pageIds).getResultList().stream()
                .map(row -> CertificateView.of((ClientCertificate) row[0], (RetrievalRequest) row[1])).toList();
    }

    /**
     * Starts a CSV export: counts what {@code search} finds among the customers the caller may see (refusing a bad
     * search before anything streams) and audits who exported, with which filter, how many rows matched at the start.
     */
    public long exportStarted(Actor actor, CustomerScope who, CertificateSearch search) {
        long rows = count(who, search);
        audit.record(actor, "certificate.export", "certificate", "csv", search + " rows=" + rows);
        return rows;
    }

    /** How many certificates {@link #list(CustomerScope, CertificateSearch, int, int)} would page through. */
    public long count(CustomerScope who, CertificateSearch search) {
        Set<String> visible = Access.caller(who).limitedTo();
        Filter filter = filter(search, visible);
        if (filter.matchesNothing()) {
            return 0;
        }
        // A certificate has at most one request, so when its status is the only filter the count comes from the
        // request table's (status, certificate_id) index alone; otherwise from the certificates (see where()).
        boolean requestsOnly = filter.needsRequest() && !filter.needsCertificate();
        // count(*), not count(r): counting r.id would read the table instead of the (status, certificate_id) index.
        var query = em.createQuery("select count(*) from " + (requestsOnly ? "RetrievalRequest r" : "ClientCertificate c")
                + " where 1 = 1" + filter.where(requestsOnly), Long.class);
        filter.bind(query, clock.instant(), settings.zone());
        return query.getSingleResult();
    }

    /**
     * The search with its customers resolved to ids (a query on the small customer table): filtering on the
     * certificate's own customer_id lets H2 use the (customer_id, ...) indexes of V18; joined by name, it read the
     * certificates first and the customer last (3.6 s for customer + ISSUED + 30 days at 400,000 certificates).
     */
    private Filter filter(CertificateSearch search, Set<String> visible) {
        Long customerId = null;
        if (search.customer() != null) {
            customerId = em.createQuery("select k.id from Customer k where k.name = :name", Long.class)
                    .setParameter("name", search.customer()).getResultStream().findFirst().orElse(-1L);
        }
        List<Long> visibleIds = visible == null ? null : visible.isEmpty() ? List.of()
                : em.createQuery("select k.id from Customer k where k.name in :names", Long.class)
                        .setParameter("names", visible).getResultList();
        return new Filter(search, customerId, visibleIds);
    }

    /** The search as JPQL: by customer, by the customers an operator may see, by status, CN and expiry. */
    private record Filter(CertificateSearch search, Long customerId, List<Long> visible) {

        Filter {
            if (search.status() != null && !STATUSES.contains(search.status())) {
                throw KagiException.invalid("error.status", String.join(", ", STATUSES.stream().sorted().toList()));
            }
        }

        /** True when the search filters by the retrieval request's status. */
        boolean needsRequest() {
            return search.status() != null && REQUEST_STATUSES.contains(search.status());
        }

        /** True when the search filters by anything of the certificate itself. */
        boolean needsCertificate() {
            return search.customer() != null || visible != null || search.cn() != null
                    || search.expiresWithinDays() != null || search.expiresFrom() != null || search.expiresTo() != null
                    || search.status() != null && !needsRequest();
        }

        /**
         * Newest first. For a CN prefix with a digit in it, by an expression: CN numbers grow with ids, so such a
         * prefix is one narrow band of ids, and a database walking the id index backwards (as PostgreSQL plans it,
         * expecting matches spread evenly) reads every newer certificate first (5 s for kb01 at 1M). The expression
         * makes it read the prefix's range of the CN index and sort only those rows. A prefix of letters alone (a
         * whole issuer) matches too many rows to sort, and evenly enough for the walk.
         */
        String pageOrder() {
            boolean narrowCn = search.cn() != null && !search.exactCn() && search.cn().chars().anyMatch(Character::isDigit);
            return narrowCn ? "c.id + 0 desc" : "c.id desc";
        }

        /** An unknown customer, or an operator without customers: no query needed. */
        boolean matchesNothing() {
            return customerId != null && customerId < 0 || visible != null && visible.isEmpty();
        }

        /**
         * The conditions on the certificate {@code c}, or with {@code requestsOnly} (only the request status
         * filters) on the request {@code r}. The request status is tested per certificate (at most one request
         * each, found by its unique certificate_id): H2 then reads the certificates along the index of their other
         * filters, or newest first, instead of every request of that status (3.8 s for PENDING at 400,000).
         */
        String where(boolean requestsOnly) {
            StringBuilder jpql = new StringBuilder();
            if (requestsOnly) {
                return " and r.status = :requestStatus";
            }
            if (customerId != null) {
                jpql.append(" and c.customer.id = :customer");
            }
            if (visible != null) {
                jpql.append(" and c.customer.id in :visible");
            }
            if (search.status() != null) {
                switch (search.status()) {
                    case "ISSUED", "REVOKED" -> jpql.append(" and c.status = :certStatus and c.notAfter > :now");
                    case "EXPIRED" -> jpql.append(" and c.notAfter <= :now");
                    default -> jpql.append(" and exists (select r.id from RetrievalRequest r where r.certificate = c"
                            + " and r.status = :requestStatus)");
                }
            }
            if (search.cn() != null) {
                // A prefix as a range too: PostgreSQL uses the common_name index for LIKE only under the C
                // collation, a range under any. The LIKE stays, so the range can only narrow the search.
                jpql.append(search.exactCn() ? " and c.commonName = :cn"
                        : " and c.commonName >= :cnFrom" + (cnTo(search.cn()) == null ? "" : " and c.commonName < :cnTo")
                        + " and c.commonName like :cn");
            }
            if (search.expiresWithinDays() != null) {
                jpql.append(" and c.notAfter > :windowStart and c.notAfter <= :windowEnd");
            }
            if (search.expiresFrom() != null) {
                jpql.append(" and c.notAfter >= :expiresFrom");
            }
            if (search.expiresTo() != null) {
                jpql.append(" and c.notAfter < :expiresTo");
            }
            return jpql.toString();
        }

        void bind(jakarta.persistence.TypedQuery<?> query, Instant now, ZoneId zone) {
            if (customerId != null) {
                query.setParameter("customer", customerId);
            }
            if (visible != null) {
                query.setParameter("visible", visible);
            }
            if (search.status() != null) {
                switch (search.status()) {
                    case "ISSUED", "REVOKED" -> query.setParameter("certStatus", CertificateStatus.valueOf(search.status()))
                            .setParameter("now", now);
                    case "EXPIRED" -> query.setParameter("now", now);
                    default -> query.setParameter("requestStatus",
                            jp.kagi.retrieval.RequestStatus.valueOf(search.status()));
                }
            }
            if (search.cn() != null) {
                // CNs hold only [a-z0-9] (checked in CertificateSearch), so there are no wildcards to escape.
                query.setParameter("cn", search.exactCn() ? search.cn() : search.cn() + "%");
                if (!search.exactCn()) {
                    query.setParameter("cnFrom", search.cn());
                    if (cnTo(search.cn()) != null) {
                        query.setParameter("cnTo", cnTo(search.cn()));
                    }
                }
            }
            if (search.expiresWithinDays() != null) {
                query.setParameter("windowStart", now)
                        .setParameter("windowEnd", now.plus(Duration.ofDays(search.expiresWithinDays())));
            }
            if (search.expiresFrom() != null) {
                query.setParameter("expiresFrom", search.expiresFrom().atStartOfDay(zone).toInstant());
            }
            if (search.expiresTo() != null) {
                query.setParameter("expiresTo", search.expiresTo().plusDays(1).atStartOfDay(zone).toInstant());
            }
        }
    }

    /**
     * The first [a-z0-9] string after every string starting with {@code prefix} (dsca01 → dsca02, dsca9 → dscaa,
     * dscz → dsd), or null if there is none (zzz). Digits sort before letters in every collation.
     */
    static String cnTo(String prefix) {
        String p = prefix;
        while (!p.isEmpty() && p.charAt(p.length() - 1) == 'z') {
            p = p.substring(0, p.length() - 1);
        }
        if (p.isEmpty()) {
            return null;
        }
        char last = p.charAt(p.length() - 1);
        return p.substring(0, p.length() - 1) + (last == '9' ? 'a' : (char) (last + 1));
    }

    /** One account's certificates, newest first, for the user's own menu page. */
    public List<CertificateView> forAccount(String userId) {
        return em.createQuery("select c, r from ClientCertificate c join fetch c.customer join fetch c.account"
                        + " left join RetrievalRequest r on r.certificate = c where c.account.userId = :user order by c.id desc",
                        Object[].class).setParameter("user", userId).setMaxResults(100).getResultStream()
                .map(row -> CertificateView.of((ClientCertificate) row[0], (RetrievalRequest) row[1])).toList();
    }

    /**
     * The newest certificate (highest dscaNNNNN) of each account of {@code customer}, by user ID, with retrieved and
     * installed, in one query; empty for a customer {@code who} may not see.
     */
    public Map<String, AccountCertificate> newestPerAccount(CustomerScope who, String customer) {
        if (customer == null || !Access.caller(who).maySee(customer)) {
            return Map.of();
        }
        return em.createQuery("select a.userId, c.commonName, r.firstRetrievedAt, c.installedAt from ClientCertificate c"
                        + " join c.account a left join RetrievalRequest r on r.certificate = c"
                        + " where c.customer.name = :customer and c.cnNumber ="
                        + " (select max(n.cnNumber) from ClientCertificate n where n.account = c.account)", Object[].class)
                .setParameter("customer", customer).getResultStream()
                .map(row -> new AccountCertificate((String) row[0], (String) row[1], (Instant) row[2], (Instant) row[3]))
                .collect(Collectors.toMap(AccountCertificate::userId, c -> c));
    }

    /** The certificate itself (DER), for download and for relying parties that want to check it. */
    public Optional<byte[]> der(CustomerScope who, String serial) {
        Access.caller(who);
        if (serial == null || serial.isBlank()) {
            return Optional.empty();
        }
        return em.createQuery("select c from ClientCertificate c join fetch c.customer where c.serialHex = :serial",
                        ClientCertificate.class)
                .setParameter("serial", serial.strip().toUpperCase(Locale.ROOT)).getResultStream()
                .filter(c -> who.maySee(c.customer().name())).map(ClientCertificate::der).findFirst();
    }

    /** The certificate if the caller may see it; another customer's is as absent as a missing one. */
    public Optional<CertificateView> bySerial(CustomerScope who, String serial) {
        Access.caller(who);
        return bySerial(serial).filter(c -> who.maySee(c.customer()));
    }

    private Optional<CertificateView> bySerial(String serial) {
        if (serial == null || serial.isBlank()) {
            return Optional.empty();
        }
        return em.createQuery("select c, r from ClientCertificate c join fetch c.customer join fetch c.account"
                        + " left join RetrievalRequest r on r.certificate = c where c.serialHex = :serial", Object[].class)
                .setParameter("serial", serial.strip().toUpperCase(Locale.ROOT)).getResultStream()
                .map(row -> CertificateView.of((ClientCertificate) row[0], (RetrievalRequest) row[1])).findFirst();
    }
}
