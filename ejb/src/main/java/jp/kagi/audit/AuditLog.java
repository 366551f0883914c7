package jp.kagi.audit;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import jp.kagi.platform.Access;
import jp.kagi.platform.Actor;
import jp.kagi.platform.CustomerScope;

/** Writes and reads the audit log; joins the caller's transaction on purpose (see package-info). */
@Stateless
public class AuditLog {

    @PersistenceContext
    private EntityManager em;

    @Resource(lookup = "java:jboss/datasources/KagiDS")
    private DataSource ds;

    @Inject
    private Clock clock;

    /** One record of a batch for {@link #recordAll}; the actor and the time are the batch's. */
    public record Event(String action, String objectType, String objectId, String detail) {
    }

    /**
     * Appends a record to the hash chain. The chain head row stays locked until this transaction ends, so audited
     * transactions commit their records one after the other on every node; a transaction that has written a record
     * must therefore not wait for another one that writes records (such as {@link #recordRefusal} from inside it).
     */
    public void record(Actor actor, String action, String objectType, String objectId, String detail) {
        AuditChainHead head = lockHead();
        var record = new AuditRecord(clock.instant(), actor.name(), action, objectType, objectId, detail,
                actor.address());
        long seq = head.lastSeq() + 1;
        head.advance(seq, record.chain(seq, head.lastHash()));
        em.persist(record);
    }

    /**
     * Appends many records at once, in order, as {@link #record} would one by one (same chain, same head lock until
     * commit): the head is locked once, the hashes are computed here and the rows inserted in one JDBC batch on the
     * transaction's connection. For background work that audits thousands of rows per transaction (the lock sweep).
     */
    public void recordAll(Actor actor, List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        AuditChainHead head = lockHead();
        Instant now = clock.instant();
        long seq = head.lastSeq();
        String hash = head.lastHash();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(AuditRecord.INSERT)) {
            for (Event e : events) {
                var record = new AuditRecord(now, actor.name(), e.action(), e.objectType(), e.objectId(), e.detail(),
                        actor.address());
                hash = record.chain(++seq, hash);
                record.bind(ps);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("The audit records could not be written", e);
        }
        head.advance(seq, hash);
    }

    private AuditChainHead lockHead() {
        AuditChainHead head = em.find(AuditChainHead.class, AuditChainHead.ID, LockModeType.PESSIMISTIC_WRITE);
        if (head == null) {
            throw new IllegalStateException("The audit chain head is missing (migration V14)");
        }
        return head;
    }

    /**
     * Records an event that must stay on record even when the caller's transaction rolls back: a refused login or
     * retrieval is refused precisely by rolling back, and the attempt still belongs in the audit log.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordRefusal(Actor actor, String action, String objectType, String objectId, String detail) {
        record(actor, action, objectType, objectId, detail);
    }

    /** One object's records, oldest first: as the log itself, for CA admins and auditors only. */
    public List<AuditEntry> forObject(CustomerScope who, String objectType, String objectId) {
        Access.everyCustomer(who);
        return em.createQuery("select r from AuditRecord r where r.objectType = :type and r.objectId = :id order by r.id",
                        AuditRecord.class).setParameter("type", objectType).setParameter("id", objectId)
                .getResultList().stream().map(AuditRecord::view).toList();
    }
}
