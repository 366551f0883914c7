package jp.kagi.kek;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import jp.kagi.account.Account;
import jp.kagi.ca.CertificateAuthority;
import jp.kagi.ca.KeySealer;
import jp.kagi.mail.OutboxMail;
import jp.kagi.retrieval.RetrievalRequest;
import jp.kagi.vault.DataKey;

/**
 * One bounded batch of the KEK rotation per call, each in its own transaction, so that a crash or restart loses at
 * most one batch and the next pass simply continues: what is left is read from the rows themselves (a data key's
 * {@code kek_version}, a sealed value's version header), never from memory.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class KekRotation {

    static final int BATCH = 200;

    @PersistenceContext
    private EntityManager em;

    @Inject
    private CertificateAuthority ca;

    @Inject
    private Clock clock;

    private final SecureRandom random = new SecureRandom();

    /** Re-wraps up to {@link #BATCH} data keys not under the newest KEK; returns how many (0: none left). */
    public int rewrapDataKeys() {
        KeySealer kek = ca.sealer();
        List<DataKey> old = em.createQuery("select k from DataKey k where k.kekVersion <> :current order by k.id",
                        DataKey.class).setParameter("current", kek.currentVersion())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).setMaxResults(BATCH).getResultList();
        int done = 0;
        for (DataKey key : old) {
            done += key.rewrap(kek, clock.instant()) ? 1 : 0;
        }
        return done;
    }

    /** Moves up to {@link #BATCH} private keys sealed before 12/sealing (under the KEK) under their own data keys. */
    public int sealLegacyKeys() {
        KeySealer kek = ca.sealer();
        List<RetrievalRequest> legacy = em.createQuery("select r from RetrievalRequest r where r.sealedPrivateKey"
                        + " is not null and r.dataKey is null order by r.id", RetrievalRequest.class)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).setMaxResults(BATCH).getResultList();
        int done = 0;
        for (RetrievalRequest request : legacy) {
            done += request.sealUnderOwnDataKey(kek, clock.instant(), random) ? 1 : 0;
        }
        return done;
    }

    /** Re-seals the mail bodies among the next {@link #BATCH} after id {@code after}; returns the last id seen. */
    public Page resealMailBodies(long after) {
        KeySealer kek = ca.sealer();
        List<OutboxMail> mails = em.createQuery("select m from OutboxMail m where m.sealedBody is not null"
                        + " and m.id > :after order by m.id", OutboxMail.class).setParameter("after", after)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).setMaxResults(BATCH).getResultList();
        int done = 0;
        long last = after;
        for (OutboxMail mail : mails) {
            done += mail.resealBody(kek) ? 1 : 0;
            last = (Long) em.getEntityManagerFactory().getPersistenceUnitUtil().getIdentifier(mail);
        }
        return new Page(mails.size(), done, last);
    }

    /** Re-seals the waiting registration passwords among the next {@link #BATCH} accounts after id {@code after}. */
    public Page resealPendingPasswords(long after) {
        KeySealer kek = ca.sealer();
        List<Account> accounts = em.createQuery("select a from Account a where a.pendingPassword is not null"
                        + " and a.id > :after order by a.id", Account.class).setParameter("after", after)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).setMaxResults(BATCH).getResultList();
        int done = 0;
        long last = after;
        for (Account account : accounts) {
            done += account.resealPendingPassword(kek) ? 1 : 0;
            last = (Long) em.getEntityManagerFactory().getPersistenceUnitUtil().getIdentifier(account);
        }
        return new Page(accounts.size(), done, last);
    }

    /** What still needs KEK {@code version}: nothing may be left before it is retired. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public long stillSealedUnder(int version) {
        long left = em.createQuery("select count(k) from DataKey k where k.kekVersion = :v", Long.class)
                .setParameter("v", version).getSingleResult();
        if (version == 1) {
            left += legacyKeys();
        }
        // Only the blobs, streamed: the version is in each value's header.
        left += em.createQuery("select m.sealedBody from OutboxMail m where m.sealedBody is not null", byte[].class)
                .getResultStream().filter(b -> KeySealer.versionOf(b) == version).count();
        left += em.createQuery("select a.pendingPassword from Account a where a.pendingPassword is not null",
                byte[].class).getResultStream().filter(b -> KeySealer.versionOf(b) == version).count();
        return left;
    }

    /** Data keys per KEK version, for the progress view. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public java.util.Map<Integer, Long> dataKeysPerVersion() {
        java.util.Map<Integer, Long> counts = new java.util.TreeMap<>();
        em.createQuery("select k.kekVersion, count(k) from DataKey k group by k.kekVersion", Object[].class)
                .getResultList().forEach(row -> counts.put((Integer) row[0], (Long) row[1]));
        return counts;
    }

    /** Private keys still sealed under the KEK itself (before 12/sealing). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public long legacyKeys() {
        return em.createQuery("select count(r) from RetrievalRequest r where r.sealedPrivateKey is not null"
                + " and r.dataKey is null", Long.class).getSingleResult();
    }

    /** One keyset page: rows read, rows changed, the last id read. */
    public record Page(int read, int changed, long last) {
    }
}
