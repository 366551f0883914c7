package jp.kagi.issuance;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.Locale;
import jp.kagi.account.Account;
import jp.kagi.audit.AuditLog;
import jp.kagi.certificate.CertificateStatus;
import jp.kagi.certificate.ClientCertificate;
import jp.kagi.mail.MailKind;
import jp.kagi.platform.Access;
import jp.kagi.platform.Actor;
import jp.kagi.platform.CustomerScope;
import jp.kagi.platform.KagiException;
import jp.kagi.retrieval.LockReason;
import jp.kagi.retrieval.RequestStatus;
import jp.kagi.retrieval.RetrievalRequest;

/**
 * Sends one of a certificate's two mails again, for a user who lost it. Only while its retrieval request is still
 * open: after a lock, revocation or reissue there is nothing to retrieve, and only a reissue helps.
 */
@Stateless
public class MailResendService {

    public static final String NOTICE = "notice";
    public static final String REGISTRATION = "registration";

    @PersistenceContext
    private EntityManager em;

    @Inject
    private IssuanceMails mails;

    @Inject
    private AuditLog audit;

    @Inject
    private Clock clock;

    @Inject
    private RenewalUsers renewalUsers;

    /** {@code mail} is {@value #NOTICE} or {@value #REGISTRATION}. */
    public ResendResult resend(Actor actor, CustomerScope who, String serial, String mail) {
        Access.write(who);
        String which = mail == null ? "" : mail.strip().toLowerCase(Locale.ROOT);
        if (!which.equals(NOTICE) && !which.equals(REGISTRATION)) {
            throw KagiException.invalid("error.resendMail");
        }
        if (serial == null || serial.isBlank()) {
            throw KagiException.invalid("error.required", "serial");
        }
        ClientCertificate certificate = em.createQuery("select c from ClientCertificate c where c.serialHex = :serial",
                        ClientCertificate.class).setParameter("serial", serial.strip().toUpperCase(Locale.ROOT))
                .getResultStream().findFirst()
                .orElseThrow(() -> KagiException.notFound("error.certificateUnknown", serial.strip()));
        Access.change(who, certificate.customer().name(), "error.certificateUnknown", serial.strip());
        RetrievalRequest request = em.createNamedQuery("RetrievalRequest.byCertificate", RetrievalRequest.class)
                .setParameter("certificate", certificate).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst().orElse(null);
        requireOpen(certificate, request);
        Account account = certificate.account();
        if (!account.isActive()) {
            throw KagiException.invalid("error.accountInactive", account.userId());
        }
        if (which.equals(NOTICE)) {
            mails.notice(account, certificate, request);
            audit.record(actor, "certificate.resendNotice", "certificate", certificate.serial(),
                    certificate.commonName() + " request " + request.requestId() + " to " + account.email());
            return new ResendResult(certificate.serial(), certificate.commonName(), NOTICE,
                    MailKind.ISSUANCE_NOTICE.name(), account.email(), false);
        }
        boolean renewal = wasRenewal(certificate);
        mails.registration(account, certificate, request, renewal, null);
        audit.record(actor, "certificate.resendRegistration", "certificate", certificate.serial(),
                certificate.commonName() + " to " + account.email() + "; new password drawn, the previous one no longer works");
        return new ResendResult(certificate.serial(), certificate.commonName(), REGISTRATION,
                (renewal ? MailKind.RENEWAL_REQUEST : MailKind.REGISTRATION_REQUEST).name(), account.email(), true);
    }

    private void requireOpen(ClientCertificate certificate, RetrievalRequest request) {
        if (certificate.status() == CertificateStatus.REVOKED || request != null && request.lockReason() == LockReason.REVOKED) {
            throw KagiException.conflict("error.resendRevoked", certificate.commonName());
        }
        if (request == null) {
            throw KagiException.conflict("error.resendLocked", certificate.commonName());
        }
        if (request.status() == RequestStatus.LOCKED && request.lockReason() == LockReason.REISSUE) {
            throw KagiException.conflict("error.resendSuperseded", certificate.commonName());
        }
        if (request.isLockedAt(clock.instant()) || !request.holdsKey()) {
            throw KagiException.conflict("error.resendLocked", certificate.commonName());
        }
    }

    /** The registration mail it was first sent with: a renewal request stays a renewal request. */
    private boolean wasRenewal(ClientCertificate certificate) {
        return renewalUsers.mailOf(certificate) == RegistrationMail.RENEWAL;
    }
}
