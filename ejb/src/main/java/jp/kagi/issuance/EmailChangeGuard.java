package jp.kagi.issuance;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import jp.kagi.account.Account;
import jp.kagi.account.EmailChanged;
import jp.kagi.audit.AuditLog;
import jp.kagi.mail.MailKind;
import jp.kagi.mail.MailSettings;
import jp.kagi.mail.MailTemplates;
import jp.kagi.mail.Outbox;
import jp.kagi.retrieval.LockReason;
import jp.kagi.retrieval.RequestStatus;
import jp.kagi.retrieval.RetrievalRequest;

/**
 * No single operator holds both factors (issue 12 item 3): when an account's e-mail address changes, every key
 * still waiting for retrieval is locked (its Request ID void, its private key destroyed) and the OLD address is
 * told. Otherwise an operator could point the account at a mailbox of their own, resend the notice and reset the
 * password, and so collect the Request ID and the password of someone else's key. A CA admin reissues when the
 * user really moved.
 */
@Stateless
public class EmailChangeGuard {

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private Outbox outbox;

    @Inject
    private MailSettings mailSettings;

    @Inject
    private AuditLog audit;

    public void voidPendingKeys(@Observes EmailChanged change) {
        Account account = change.account();
        Instant now = clock.instant();
        List<RetrievalRequest> pending = em.createQuery("select r from RetrievalRequest r"
                        + " where r.certificate.account = :account and r.status <> :locked", RetrievalRequest.class)
                .setParameter("account", account).setParameter("locked", RequestStatus.LOCKED)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList().stream()
                .filter(r -> r.holdsKey() && !r.isLockedAt(now)).toList();
        for (RetrievalRequest request : pending) {
            request.lock(now, LockReason.EMAIL_CHANGED);
            audit.record(change.actor(), "request.voidedByEmailChange", "certificate", request.certificate().serial(),
                    "request " + request.requestId() + " locked: e-mail changed from " + change.oldEmail()
                            + " to " + change.newEmail());
        }
        String lang = account.language();
        Map<String, String> values = mailSettings.common(lang, account.customer().mailOverrides());
        values.put("displayName", account.displayName());
        values.put("userId", account.userId());
        values.put("newEmail", change.newEmail());
        values.put("voided", Integer.toString(pending.size()));
        outbox.enqueue(MailKind.EMAIL_CHANGED, change.oldEmail(), lang,
                MailTemplates.render(MailKind.EMAIL_CHANGED, lang, values), false, null);
        audit.record(change.actor(), "account.emailChangeNotice", "account", account.userId(),
                "old address " + change.oldEmail() + " told; " + pending.size() + " pending key(s) voided");
    }
}
