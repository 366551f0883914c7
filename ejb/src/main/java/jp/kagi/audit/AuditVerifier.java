package jp.kagi.audit;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import jp.kagi.ca.CertificateAuthority;
import jp.kagi.platform.Access;
import jp.kagi.platform.CustomerScope;

/**
 * Re-walks the audit chain from record 1, page by page (memory stays flat at any length), and checks every link,
 * every CA-signed checkpoint on the way, the chain head, and that no unchained record was slipped in. Reads run
 * outside a transaction: the head is read first, so records that commit meanwhile lie beyond it and are left for
 * the next run.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AuditVerifier {

    static final int PAGE = 1000;

    @PersistenceContext
    private EntityManager em;

    @Inject
    private CertificateAuthority ca;

    /** For a CA admin or an auditor (the log covers every customer); an operator is refused (403). */
    public AuditVerification verify(CustomerScope who) {
        Access.everyCustomer(who);
        // Read before the head: a genuine checkpoint never lies beyond the head read after it.
        Long lastSigned = em.createQuery("select max(c.seq) from AuditCheckpoint c", Long.class).getSingleResult();
        AuditChainHead head = em.find(AuditChainHead.class, AuditChainHead.ID);
        if (head == null) {
            return AuditVerification.brokenAt(1);
        }
        var walk = new Walk(ca.issuingCertificate().getPublicKey());
        long broken = walk.run(head.lastSeq());
        if (broken == 0 && (walk.expected - 1 != head.lastSeq() || !walk.hash.equals(head.lastHash()))) {
            broken = Math.min(walk.expected, head.lastSeq()); // records missing at the end, or the head rewritten
        }
        if (broken == 0 && lastSigned != null && lastSigned > head.lastSeq()) {
            broken = head.lastSeq() + 1; // the tail was cut and the head moved back: a signature still remembers it
        }
        if (broken == 0) {
            broken = unchained(head.legacyMaxId());
        }
        return broken == 0 ? AuditVerification.intactUpTo(head.lastSeq()) : AuditVerification.brokenAt(broken);
    }

    /**
     * A record slipped in outside the chain after it began (no place, or a place before 1 that the walk never
     * visits): broken right after its predecessor.
     */
    private long unchained(long legacyMaxId) {
        Long id = em.createQuery("select min(r.id) from AuditRecord r where (r.seq is null and r.id > :legacy)"
                        + " or r.seq < 1", Long.class)
                .setParameter("legacy", legacyMaxId).getSingleResult();
        if (id == null) {
            return 0;
        }
        Long before = em.createQuery("select max(r.seq) from AuditRecord r where r.id < :id and r.seq > 0", Long.class)
                .setParameter("id", id).getSingleResult();
        return (before == null ? 0 : before) + 1;
    }

    /** One pass over the chain; {@code expected} and {@code hash} are where it stopped. */
    private final class Walk {
        private final PublicKey caKey;
        long expected = 1;
        String hash = AuditChain.GENESIS;
        long lastGoodCheckpoint;

        Walk(PublicKey caKey) {
            this.caKey = caKey;
        }

        /** Returns the first broken record, or 0. */
        long run(long upTo) {
            while (expected <= upTo) {
                List<AuditRecord> page = em.createQuery("select r from AuditRecord r where r.seq >= :from"
                                + " and r.seq <= :upTo order by r.seq", AuditRecord.class)
                        .setParameter("from", expected).setParameter("upTo", upTo).setMaxResults(PAGE).getResultList();
                if (page.isEmpty()) {
                    return 0;
                }
                List<AuditCheckpoint> signed = em.createQuery("select c from AuditCheckpoint c where c.seq >= :from"
                                + " and c.seq <= :to order by c.seq", AuditCheckpoint.class)
                        .setParameter("from", expected).setParameter("to", page.get(page.size() - 1).seq())
                        .getResultList();
                int next = 0;
                for (AuditRecord record : page) {
                    if (record.seq() != expected) {
                        return expected; // deleted
                    }
                    String computed = record.recomputedHash(hash);
                    if (!computed.equals(record.chainHash())) {
                        return expected; // edited
                    }
                    hash = computed;
                    while (next < signed.size() && signed.get(next).seq() == expected) {
                        if (!matches(signed.get(next++))) {
                            return lastGoodCheckpoint + 1; // rewritten since the last checkpoint that still holds
                        }
                        lastGoodCheckpoint = expected;
                    }
                    expected++;
                }
                em.clear();
            }
            return 0;
        }

        private boolean matches(AuditCheckpoint checkpoint) {
            if (!checkpoint.chainHash().equals(hash)) {
                return false;
            }
            try {
                Signature verifier = Signature.getInstance(checkpoint.algorithm());
                verifier.initVerify(caKey);
                verifier.update(checkpoint.signedBytes());
                return verifier.verify(Base64.getDecoder().decode(checkpoint.signature()));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                return false;
            }
        }
    }
}
