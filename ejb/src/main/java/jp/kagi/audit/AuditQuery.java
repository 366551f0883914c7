package jp.kagi.audit;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.ZoneId;
import java.util.List;
import jp.kagi.platform.Access;
import jp.kagi.platform.Actor;
import jp.kagi.platform.CustomerScope;
import jp.kagi.platform.PageRequest;
import jp.kagi.platform.Settings;

/**
 * Reads the audit log for the viewer, the REST API and the CSV export: filtered and paged by the database, newest
 * first, never loaded whole. Dates are days in the CA team's time zone (the one its mails use).
 */
@Stateless
public class AuditQuery {

    public static final int MAX_PAGE_SIZE = 500;
    private static final String NEWEST_FIRST = " order by r.occurredAt desc, r.id desc";

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Settings settings;

    @Inject
    private AuditLog log;

    /** Checks and records an export of the log before its first byte is written (then paged by {@link #chunk}). */
    public void exportStarted(Actor actor, CustomerScope who, AuditFilter filter) {
        Access.everyCustomer(who);
        log.record(actor, "audit.export", "audit", "csv", filter.toString());
    }

    /** The log spans every customer: CA admins and auditors read it, operators (scoped to some) do not. */
    public List<AuditEntry> list(CustomerScope who, AuditFilter filter, PageRequest page) {
        Access.everyCustomer(who);
        // The page's ids first, skipping the offset within the (occurred_at, id) index, then only those records:
        // reading and sorting every skipped record made deep pages of a large log slow.
        TypedQuery<Long> ids = em.createQuery("select r.id from AuditRecord r where 1 = 1" + where(filter)
                + NEWEST_FIRST, Long.class).setFirstResult(page.offset()).setMaxResults(page.size());
        bind(ids, filter);
        List<Long> pageIds = ids.getResultList();
        if (pageIds.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select r from AuditRecord r where r.id in :ids" + NEWEST_FIRST, AuditRecord.class)
                .setParameter("ids", pageIds).getResultList().stream().map(AuditRecord::view).toList();
    }

    public long count(CustomerScope who, AuditFilter filter) {
        Access.everyCustomer(who);
        // count(*): counting r.id would read every matching record instead of the filter's index alone.
        TypedQuery<Long> query = em.createQuery("select count(*) from AuditRecord r where 1 = 1" + where(filter),
                Long.class);
        bind(query, filter);
        return query.getSingleResult();
    }

    /**
     * The next {@code size} records after {@code after} (null: from the newest). Keyset paging rather than offsets:
     * records written while an export runs cannot shift it into repeating or skipping rows, and deep pages stay fast.
     */
    public AuditChunk chunk(CustomerScope who, AuditFilter filter, AuditCursor after, int size) {
        Access.everyCustomer(who);
        String keyset = after == null ? ""
                : " and (r.occurredAt < :afterAt or (r.occurredAt = :afterAt and r.id < :afterId))";
        TypedQuery<AuditRecord> query = em.createQuery("select r from AuditRecord r where 1 = 1" + where(filter)
                + keyset + NEWEST_FIRST, AuditRecord.class).setMaxResults(size);
        bind(query, filter);
        if (after != null) {
            query.setParameter("afterAt", after.occurredAt()).setParameter("afterId", after.id());
        }
        List<AuditRecord> rows = query.getResultList();
        AuditCursor next = rows.size() < size ? null : rows.get(rows.size() - 1).cursor();
        return new AuditChunk(rows.stream().map(AuditRecord::view).toList(), next);
    }

    private static String where(AuditFilter f) {
        StringBuilder jpql = new StringBuilder();
        if (f.actor() != null) {
            jpql.append(" and r.actor = :actor");
        }
        if (f.action() != null) {
            jpql.append(" and r.action like :action escape '!'");
        }
        if (f.objectType() != null) {
            jpql.append(" and r.objectType = :objectType");
        }
        if (f.objectId() != null) {
            jpql.append(" and r.objectId = :objectId");
        }
        if (f.from() != null) {
            jpql.append(" and r.occurredAt >= :from");
        }
        if (f.to() != null) {
            jpql.append(" and r.occurredAt < :to");
        }
        if (f.sourceAddress() != null) {
            jpql.append(" and r.sourceAddress = :sourceAddress");
        }
        return jpql.toString();
    }

    private void bind(TypedQuery<?> query, AuditFilter f) {
        ZoneId zone = settings.zone();
        if (f.actor() != null) {
            query.setParameter("actor", f.actor());
        }
        if (f.action() != null) {
            query.setParameter("action", f.actionPattern());
        }
        if (f.objectType() != null) {
            query.setParameter("objectType", f.objectType());
        }
        if (f.objectId() != null) {
            query.setParameter("objectId", f.objectId());
        }
        if (f.from() != null) {
            query.setParameter("from", f.fromInstant(zone));
        }
        if (f.to() != null) {
            query.setParameter("to", f.toExclusive(zone));
        }
        if (f.sourceAddress() != null) {
            query.setParameter("sourceAddress", f.sourceAddress());
        }
    }
}
