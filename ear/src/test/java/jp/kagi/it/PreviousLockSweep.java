package jp.kagi.it;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import jp.kagi.audit.AuditLog;
import jp.kagi.platform.Actor;
import jp.kagi.retrieval.LockReason;
import jp.kagi.retrieval.RequestStatus;
import jp.kagi.retrieval.RetrievalRequest;

/**
 * Test-only: the lock sweep as it was before issue 13 (jp.kagi.lock.LockSweep at main 8156d76, unchanged but for
 * the package and name), so that {@link LockSweepBenchmarkIT} measures before and after in one run on the same data:
 * entities locked 200 at a time, one audit append (head lock, insert) per request.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class PreviousLockSweep {

    static final int BATCH = 200;

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private AuditLog audit;

    public int lockDue() {
        Instant now = clock.instant();
        fillMissingDeadlines();
        List<RetrievalRequest> due = em.createQuery("select r from RetrievalRequest r join fetch r.certificate"
                        + " where r.status <> :locked and r.locksAt <= :now order by r.locksAt", RetrievalRequest.class)
                .setParameter("locked", RequestStatus.LOCKED).setParameter("now", now)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).setMaxResults(BATCH).getResultList();
        for (RetrievalRequest request : due) {
            LockReason reason = request.dueReason();
            request.lock(now, reason);
            audit.record(Actor.SYSTEM, "retrieval.lock", "certificate", request.certificate().serial(),
                    request.certificate().commonName() + " request " + request.requestId() + " locked after "
                            + reason.code() + "; private key destroyed");
        }
        return due.size();
    }

    private void fillMissingDeadlines() {
        em.createQuery("select r from RetrievalRequest r where r.locksAt is null and r.status <> :locked",
                        RetrievalRequest.class).setParameter("locked", RequestStatus.LOCKED).setMaxResults(BATCH)
                .getResultList().forEach(RetrievalRequest::ensureLocksAt);
    }
}
