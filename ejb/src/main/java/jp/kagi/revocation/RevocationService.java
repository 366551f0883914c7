package jp.kagi.revocation;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import jp.kagi.audit.AuditLog;
import jp.kagi.certificate.ClientCertificate;
import jp.kagi.platform.Access;
import jp.kagi.platform.Actor;
import jp.kagi.platform.CustomerScope;
import jp.kagi.platform.KagiException;
import jp.kagi.retrieval.RetrievalRequest;

/** Revokes certificates; {@link CrlRefresh} re-signs the CRLs once the revocation has committed. */
@Stateless
public class RevocationService {

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private AuditLog audit;

    @Inject
    private Event<CertificateRevoked> revoked;

    public void revoke(Actor actor, CustomerScope who, String serial, String reasonName) {
        Access.write(who);
        if (serial == null || serial.isBlank()) {
            throw KagiException.invalid("error.required", "serial");
        }
        ClientCertificate cert = em.createQuery("select c from ClientCertificate c where c.serialHex = :serial",
                        ClientCertificate.class).setParameter("serial", serial.strip().toUpperCase(Locale.ROOT))
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream().findFirst()
                .orElseThrow(() -> KagiException.notFound("error.certificateUnknown", serial.strip()));
        Access.change(who, cert.customer().name(), "error.certificateUnknown", serial.strip());
        RevocationReason reason = RevocationReason.parse(reasonName);
        Instant now = clock.instant();
        cert.revoke(now, reason.name());
        em.createNamedQuery("RetrievalRequest.byCertificate", RetrievalRequest.class).setParameter("certificate", cert)
                .getResultStream().findFirst().ifPresent(r -> r.lock(now, jp.kagi.retrieval.LockReason.REVOKED));
        audit.record(actor, "certificate.revoke", "certificate", cert.serial(), cert.commonName() + " " + reason);
        revoked.fire(new CertificateRevoked(cert.serial(), now));
    }
}
