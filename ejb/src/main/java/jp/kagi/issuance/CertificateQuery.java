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
import java.util.Optional;
import java.util.Set;
import jp.kagi.mail.MailSettings;
import jp.kagi.platform.KagiException;
import jp.kagi.retrieval.RetrievalRequest;

/** Reads certificates with their retrieval state, filtered and paged for the API and the screens. */
@Stateless
public class CertificateQuery {

    public static final int MAX_PAGE_SIZE = 500;
    private static final Set<String> STATUSES = Set.of("ISSUED", "REVOKED", "EXPIRED", "PENDING", "RETRIEVED", "LOCKED");

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private MailSettings settings;

    /** {@code page} counts from 0; {@code status} is a certificate status, EXPIRED, or a retrieval status. */
    public List<CertificateView> list(String customer, String status, int page, int size) {
        return list(customer, null, status, page, size);
    }

    /** As {@link #list(String, String, int, int)}, limited to {@code visible} customers unless that is null. */
    public List<CertificateView> list(String customer, Set<String> visible, String status, int page, int size) {
        return list(new CertificateSearch(customer, status, null, null, null, null), visible, page, size);
    }

    /** Certificates matching {@code search} among the {@code visible} customers (null: all), newest first. */
    public List<CertificateView> list(CertificateSearch search, Set<String> visible, int page, int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE || (long) page * size > Integer.MAX_VALUE) {
            throw KagiException.invalid("error.page", MAX_PAGE_SIZE);
        }
        Filter filter = new Filter(search, visible);
        var query = em.createQuery("select c, r from ClientCertificate c join fetch c.customer join fetch c.account"
                        + " left join RetrievalRequest r on r.certificate = c where 1 = 1" + filter.where()
                        + " order by c.id desc", Object[].class)
                .setFirstResult(page * size).setMaxResults(size);
        filter.bind(query, clock.instant(), settings.zone());
        return query.getResultList().stream()
                .map(row -> ((ClientCertificate) row[0]).view((RetrievalRequest) row[1])).toList();
    }

    /** How many certificates {@link #list(String, Set, String, int, int)} would page through. */
    public long count(String customer, Set<String> visible, String status) {
        return count(new CertificateSearch(customer, status, null, null, null, null), visible);
    }

    /** How many certificates {@link #list(CertificateSearch, Set, int, int)} would page through. */
    public long count(CertificateSearch search, Set<String> visible) {
        Filter filter = new Filter(search, visible);
        var query = em.createQuery("select count(c) from ClientCertificate c"
                + " left join RetrievalRequest r on r.certificate = c where 1 = 1" + filter.where(), Long.class);
        filter.bind(query, clock.instant(), settings.zone());
        return query.getSingleResult();
    }

    /** The search as JPQL: by customer, by the customers an operator may see, by status, CN and expiry. */
    private record Filter(CertificateSearch search, Set<String> visible) {

        Filter {
            if (search.status() != null && !STATUSES.contains(search.status())) {
                throw KagiException.invalid("error.status", String.join(", ", STATUSES.stream().sorted().toList()));
            }
        }

        String where() {
            StringBuilder jpql = new StringBuilder();
            if (search.customer() != null) {
                jpql.append(" and c.customer.name = :customer");
            }
            if (visible != null) {
                jpql.append(visible.isEmpty() ? " and 1 = 0" : " and c.customer.name in :visible");
            }
            if (search.status() != null) {
                switch (search.status()) {
                    case "ISSUED", "REVOKED" -> jpql.append(" and c.status = :certStatus and c.notAfter > :now");
                    case "EXPIRED" -> jpql.append(" and c.notAfter <= :now");
                    default -> jpql.append(" and r.status = :requestStatus");
                }
            }
            if (search.cn() != null) {
                // A prefix LIKE without a leading wildcard can use the common_name index.
                jpql.append(search.exactCn() ? " and c.commonName = :cn" : " and c.commonName like :cn");
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
            if (search.customer() != null) {
                query.setParameter("customer", search.customer());
            }
            if (visible != null && !visible.isEmpty()) {
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

    /** One account's certificates, newest first, for the user's own menu page. */
    public List<CertificateView> forAccount(String userId) {
        return em.createQuery("select c, r from ClientCertificate c join fetch c.customer join fetch c.account"
                        + " left join RetrievalRequest r on r.certificate = c where c.account.userId = :user order by c.id desc",
                        Object[].class).setParameter("user", userId).setMaxResults(100).getResultStream()
                .map(row -> ((ClientCertificate) row[0]).view((RetrievalRequest) row[1])).toList();
    }

    /** The certificate itself (DER), for download and for relying parties that want to check it. */
    public Optional<byte[]> der(String serial) {
        if (serial == null || serial.isBlank()) {
            return Optional.empty();
        }
        return em.createQuery("select c from ClientCertificate c where c.serialHex = :serial", ClientCertificate.class)
                .setParameter("serial", serial.strip().toUpperCase(Locale.ROOT)).getResultStream()
                .map(ClientCertificate::der).findFirst();
    }

    public Optional<CertificateView> bySerial(String serial) {
        if (serial == null || serial.isBlank()) {
            return Optional.empty();
        }
        return em.createQuery("select c, r from ClientCertificate c join fetch c.customer join fetch c.account"
                        + " left join RetrievalRequest r on r.certificate = c where c.serialHex = :serial", Object[].class)
                .setParameter("serial", serial.strip().toUpperCase(Locale.ROOT)).getResultStream()
                .map(row -> ((ClientCertificate) row[0]).view((RetrievalRequest) row[1])).findFirst();
    }
}
