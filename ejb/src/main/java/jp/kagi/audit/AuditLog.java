package jp.kagi.audit;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import jp.kagi.platform.Access;
import jp.kagi.platform.Actor;
import jp.kagi.platform.CustomerScope;

/** Writes and reads the audit log; joins the caller's transaction on purpose (see package-info). */
@Stateless
public class AuditLog {

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    /**
     * Appends a record to the hash chain. The chain head row stays locked until this transaction ends, so audited
     * transactions commit their records one after the other on every node; a transaction that has written a record
     * must therefore not wait for another one that writes records (such as {@link #recordRefusal} from inside it).
     */
    public void record(Actor actor, String action, String objectType, String objectId, String detail) {
        AuditChainHead head = em.find(AuditChainHead.class, AuditChainHead.ID, LockModeType.PESSIMISTIC_WRITE);
        if (head == null) {
            throw new IllegalStateException("The audit chain head is missing (migration V14)");
        }
        var record = new AuditRecord(clock.instant(), actor.name(), action, objectType, objectId, detail,
                actor.address());
        long seq = head.lastSeq() + 1;
        head.advance(seq, record.chain(seq, head.lastHash()));
        em.persist(record);
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
