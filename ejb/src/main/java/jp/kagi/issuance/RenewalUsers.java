package jp.kagi.issuance;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import jp.kagi.certificate.CertificateStatus;
import jp.kagi.certificate.ClientCertificate;
import jp.kagi.mail.MailKind;
import jp.kagi.mail.Outbox;
import jp.kagi.retrieval.RetrievalRequest;

/**
 * Whether an account is a renewal user: its current retrieval request (the newest one still open, else its newest
 * certificate's) came with クライアント証明書更新登録のお願い rather than クライアント証明書登録のお願い. The portal
 * names that mail; campaigns can ask the same question.
 */
@Stateless
public class RenewalUsers {

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Outbox outbox;

    @Inject
    private Clock clock;

    /** True when the user's current request is a renewal: the portal then names the renewal mail. */
    public boolean isRenewalUser(String userId) {
        return registrationMail(userId) == RegistrationMail.RENEWAL;
    }

    /** The registration mail that carried the password for the user's current request; REGISTRATION if none. */
    public RegistrationMail registrationMail(String userId) {
        List<Object[]> rows = em.createQuery("select c, r from ClientCertificate c left join RetrievalRequest r"
                        + " on r.certificate = c where c.account.userId = :user order by c.id desc", Object[].class)
                .setParameter("user", userId).setMaxResults(100).getResultList();
        if (rows.isEmpty()) {
            return RegistrationMail.REGISTRATION;
        }
        Instant now = clock.instant();
        Object[] current = current(rows, row -> isOpen((ClientCertificate) row[0], (RetrievalRequest) row[1], now));
        return mailOf((ClientCertificate) current[0]);
    }

    /** Whether the certificate's key may still be retrieved: not revoked, request not locked, key still held. */
    private static boolean isOpen(ClientCertificate certificate, RetrievalRequest request, Instant now) {
        return request != null && certificate.status() != CertificateStatus.REVOKED && !request.isLockedAt(now)
                && request.holdsKey();
    }

    /** The registration mail a certificate came with; a resend of it keeps that kind ({@link MailResendService}). */
    public RegistrationMail mailOf(ClientCertificate certificate) {
        List<MailKind> sent = outbox.byCertificate(certificate.serial()).stream()
                .map(m -> MailKind.valueOf(m.kind())).toList();
        boolean first = em.createQuery("select count(c) from ClientCertificate c where c.account = :account"
                        + " and c.id < :id", Long.class).setParameter("account", certificate.account())
                .setParameter("id", certificate.id()).getSingleResult() == 0;
        return RegistrationMail.of(sent, first);
    }

    /** The newest one whose request is still open (its key may still be retrieved), else the newest of all. */
    static <T> T current(List<T> newestFirst, Predicate<T> open) {
        return newestFirst.stream().filter(open).findFirst().orElse(newestFirst.get(0));
    }
}
