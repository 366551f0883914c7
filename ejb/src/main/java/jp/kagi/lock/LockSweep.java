package jp.kagi.lock;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import jp.kagi.audit.AuditLog;
import jp.kagi.platform.Actor;
import jp.kagi.retrieval.LockReason;
import jp.kagi.retrieval.RequestStatus;
import jp.kagi.retrieval.RetrievalRequest;

/**
 * Locks every retrieval request that is due, destroying its private key, {@link #BATCH} at a time in one transaction
 * each. Set-based on purpose (issue 13: a million due requests within 1.5× of a plain SQL UPDATE): the due rows are
 * claimed with {@code FOR UPDATE SKIP LOCKED}, so that the sweeps of two nodes share the work instead of waiting for
 * each other and a row is claimed by one of them only; their state is changed and their key_vault rows deleted by a
 * few statements per batch, and their audit records appended to the chain in one go ({@link AuditLog#recordAll}).
 * The same columns change as through {@link RetrievalRequest#lock} (version included, so a concurrent optimistic
 * update of a request fails rather than bringing its key back).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class LockSweep {

    /** Requests per transaction: large enough that the per-statement cost vanishes, small for the heap and locks. */
    public static final int BATCH = 2000;
    /** Ids per IN list. */
    private static final int CHUNK = 500;

    @PersistenceContext
    private EntityManager em;

    @Resource(lookup = "java:jboss/datasources/KagiDS")
    private DataSource ds;

    @Inject
    private Clock clock;

    @Inject
    private AuditLog audit;

    /** Locks up to {@link #BATCH} due requests; returns how many (fewer than BATCH: none left, or taken by others). */
    public int lockDue() {
        Instant now = clock.instant();
        fillMissingDeadlines();
        em.flush(); // the deadlines just filled, before plain JDBC reads them on the transaction's connection
        List<Due> due;
        try (Connection c = ds.getConnection()) {
            due = claim(c, now);
            if (due.isEmpty()) {
                return 0;
            }
            certificates(c, due);
            lock(c, due, now);
        } catch (SQLException e) {
            throw new IllegalStateException("The lock sweep failed", e);
        }
        audit.recordAll(Actor.SYSTEM, due.stream().map(d -> new AuditLog.Event("retrieval.lock", "certificate",
                d.serial, d.commonName + " request " + d.requestId + " locked after " + d.reason.code()
                        + "; private key destroyed")).toList());
        return due.size();
    }

    /**
     * The due requests nobody else holds, locked until commit. Statuses as an IN list so that the (status, locks_at)
     * index is used; no ORDER BY, which would sort every due row on each call (order does not matter: all are due).
     */
    private static List<Due> claim(Connection c, Instant now) throws SQLException {
        List<Due> due = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, request_id, certificate_id, data_key_id, issued_at,"
                + " first_retrieved_at, lock_after_issuance, lock_after_retrieval, lock_deadline FROM retrieval_request"
                + " WHERE status IN (" + openStatuses() + ") AND locks_at <= ? FETCH FIRST " + BATCH
                + " ROWS ONLY FOR UPDATE SKIP LOCKED")) {
            ps.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Due d = new Due(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4));
                    d.reason = RetrievalRequest.dueReason(instant(rs, 5), Duration.parse(rs.getString(7)),
                            instant(rs, 6), Duration.parse(rs.getString(8)), instant(rs, 9));
                    due.add(d);
                }
            }
        }
        return due;
    }

    /** Serial and common name for the audit records, by primary key. */
    private static void certificates(Connection c, List<Due> due) throws SQLException {
        Map<Long, Due> byCertificate = new HashMap<>();
        due.forEach(d -> byCertificate.put(d.certificateId, d));
        for (List<Long> ids : chunks(new ArrayList<>(byCertificate.keySet()))) {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, serial_hex, common_name FROM client_certificate"
                    + " WHERE id IN (" + marks(ids.size()) + ")")) {
                bind(ps, 1, ids);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Due d = byCertificate.get(rs.getLong(1));
                        d.serial = rs.getString(2);
                        d.commonName = rs.getString(3);
                    }
                }
            }
        }
    }

    /** The state change, then the key_vault rows (after the references to them are gone): crypto-shredding. */
    private static void lock(Connection c, List<Due> due, Instant now) throws SQLException {
        Map<LockReason, List<Long>> byReason = due.stream().collect(Collectors.groupingBy(d -> d.reason,
                () -> new EnumMap<>(LockReason.class), Collectors.mapping(d -> d.id, Collectors.toList())));
        for (Map.Entry<LockReason, List<Long>> e : byReason.entrySet()) {
            for (List<Long> ids : chunks(e.getValue())) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE retrieval_request SET status = ?, locked_at = ?,"
                        + " lock_reason = ?, sealed_private_key = NULL, data_key_id = NULL, version = version + 1"
                        + " WHERE id IN (" + marks(ids.size()) + ")")) {
                    ps.setString(1, RequestStatus.LOCKED.name());
                    ps.setObject(2, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                    ps.setString(3, e.getKey().code());
                    bind(ps, 4, ids);
                    ps.executeUpdate();
                }
            }
        }
        List<String> keys = due.stream().map(d -> d.dataKeyId).filter(k -> k != null).toList();
        for (List<String> ids : chunks(keys)) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM key_vault WHERE id IN (" + marks(ids.size()) + ")")) {
                bind(ps, 1, ids);
                ps.executeUpdate();
            }
        }
    }

    /**
     * Fills locks_at for rows written before the column existed (version 1). Statuses as an IN list, so that this
     * runs on the (status, locks_at) index instead of scanning every request on each call.
     */
    private void fillMissingDeadlines() {
        em.createQuery("select r from RetrievalRequest r where r.locksAt is null and r.status in :open",
                        RetrievalRequest.class).setParameter("open", openStatusList()).setMaxResults(BATCH)
                .getResultList().forEach(RetrievalRequest::ensureLocksAt);
    }

    private static List<RequestStatus> openStatusList() {
        return Arrays.stream(RequestStatus.values()).filter(s -> s != RequestStatus.LOCKED).toList();
    }

    private static String openStatuses() {
        return openStatusList().stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += CHUNK) {
            out.add(all.subList(i, Math.min(all.size(), i + CHUNK)));
        }
        return out;
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private static void bind(PreparedStatement ps, int first, List<?> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            ps.setObject(first + i, values.get(i));
        }
    }

    /** One claimed request: what the lock and its audit record need. */
    private static final class Due {
        final long id;
        final String requestId;
        final long certificateId;
        final String dataKeyId;
        LockReason reason;
        String serial;
        String commonName;

        Due(long id, String requestId, long certificateId, String dataKeyId) {
            this.id = id;
            this.requestId = requestId;
            this.certificateId = certificateId;
            this.dataKeyId = dataKeyId;
        }
    }
}
