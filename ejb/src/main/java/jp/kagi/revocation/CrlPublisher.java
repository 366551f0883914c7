package jp.kagi.revocation;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import jp.kagi.ca.CertificateAuthority;
import jp.kagi.ca.RevokedEntry;
import jp.kagi.issuance.CertificateStatus;
import jp.kagi.issuance.ClientCertificate;

/**
 * The issuing CA's CRL (DER), as the CRL distribution point of every client certificate promises. Signed on
 * demand and kept for a minute, or until the next revocation; valid for a day (nextUpdate).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class CrlPublisher {

    static final Duration REUSE = Duration.ofMinutes(1);
    static final Duration VALIDITY = Duration.ofDays(1);

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private CertificateAuthority ca;

    private volatile Signed current;

    public byte[] currentCrl() {
        Signed signed = current;
        Instant now = clock.instant();
        if (signed == null || now.isAfter(signed.at.plus(REUSE))) {
            List<ClientCertificate> revoked = em.createQuery("select c from ClientCertificate c where c.status = :revoked"
                    + " and c.notAfter > :now order by c.revokedAt", ClientCertificate.class)
                    .setParameter("revoked", CertificateStatus.REVOKED).setParameter("now", now).getResultList();
            List<RevokedEntry> entries = revoked.stream()
                    .map(c -> new RevokedEntry(new java.math.BigInteger(c.serial(), 16), c.revokedAt(),
                            RevocationReason.parse(c.revocationReason()).code()))
                    .toList();
            signed = new Signed(now, ca.signCrl(entries, now, now.plus(VALIDITY)));
            current = signed;
        }
        return signed.der.clone();
    }

    /**
     * How long a CRL signed now is valid (its nextUpdate - thisUpdate). Read-only, for the OCSP responder, whose
     * answers are valid exactly as long (ocsp/OcspResponder): the one coupling between the two.
     */
    public Duration validity() {
        return VALIDITY;
    }

    /** Forgets the cached CRL so that the next request signs one that lists the latest revocation. */
    public void invalidate() {
        current = null;
    }

    private record Signed(Instant at, byte[] der) {
    }
}
