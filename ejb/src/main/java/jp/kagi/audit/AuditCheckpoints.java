package jp.kagi.audit;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import jp.kagi.ca.CertificateAuthority;

/** Signs the current end of the audit chain with the issuing CA's key (the key that signs the CRLs). */
@Stateless
public class AuditCheckpoints {

    @PersistenceContext
    private EntityManager em;

    @Inject
    private CertificateAuthority ca;

    @Inject
    private Clock clock;

    /**
     * Signs the chain's last record unless it is signed already; returns the position signed, if any. Reads the head
     * without locking it: the head and its records commit together, so the committed head is always a real link.
     */
    public Optional<Long> checkpoint() {
        AuditChainHead head = em.find(AuditChainHead.class, AuditChainHead.ID);
        Long signed = em.createQuery("select max(c.seq) from AuditCheckpoint c", Long.class).getSingleResult();
        if (head == null || head.lastSeq() == 0 || (signed != null && signed >= head.lastSeq())) {
            return Optional.empty();
        }
        Signature signer = ca.crlSigner().signature();
        Instant now = AuditChain.stored(clock.instant());
        try {
            signer.update(AuditChain.checkpoint(head.lastSeq(), head.lastHash(), now));
            em.persist(new AuditCheckpoint(head.lastSeq(), head.lastHash(), now, signer.getAlgorithm(),
                    Base64.getEncoder().encodeToString(signer.sign())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign the audit checkpoint", e);
        }
        return Optional.of(head.lastSeq());
    }
}
