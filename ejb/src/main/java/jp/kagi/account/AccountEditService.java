package jp.kagi.account;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.util.Map;
import jp.kagi.audit.AuditLog;
import jp.kagi.ca.CertificateAuthority;
import jp.kagi.mail.MailKind;
import jp.kagi.mail.MailSettings;
import jp.kagi.mail.MailTemplates;
import jp.kagi.mail.Outbox;
import jp.kagi.platform.Access;
import jp.kagi.platform.Actor;
import jp.kagi.platform.CustomerScope;
import jp.kagi.platform.Inputs;
import jp.kagi.platform.KagiException;
import jp.kagi.platform.RandomCodes;

/** Edits an account's contact details and resets its password; the new password travels only by mail. */
@Stateless
public class AccountEditService {

    @PersistenceContext
    private EntityManager em;

    @Inject
    private AccountService accounts;

    @Inject
    private CertificateAuthority ca;

    @Inject
    private MailSettings mailSettings;

    @Inject
    private Outbox outbox;

    @Inject
    private AuditLog audit;

    @Inject
    private Event<EmailChanged> emailChanged;

    private final SecureRandom random = new SecureRandom();

    public AccountView edit(Actor actor, CustomerScope who, String userId, AccountEdit edit) {
        Account account = changeable(who, userId);
        if (edit == null) {
            throw KagiException.invalid("error.required", "body");
        }
        String email = edit.email() == null ? account.email() : Inputs.email("email", edit.email());
        String displayName = edit.displayName() == null ? account.displayName()
                : Inputs.text("displayName", edit.displayName(), Inputs.MAX_DISPLAY_NAME);
        String language = edit.language() == null ? account.language() : Inputs.language("language", edit.language());
        long twins = em.createNamedQuery("Account.countOthersByEmail", Long.class)
                .setParameter("customer", account.customer()).setParameter("emailKey", Account.emailKey(email))
                .setParameter("id", account.id()).getSingleResult();
        if (twins > 0) {
            throw KagiException.conflict("error.accountExists", email, account.customer().name());
        }
        String oldEmail = account.email();
        boolean newMailbox = !Account.emailKey(oldEmail).equals(Account.emailKey(email));
        String before = account.email() + " / " + account.displayName() + " / " + account.language();
        account.changeProfile(email, displayName, language);
        em.flush(); // a concurrent twin fails here on the unique (customer, e-mail) key, inside this transaction
        audit.record(actor, "account.edit", "account", account.userId(),
                before + " -> " + email + " / " + displayName + " / " + language);
        if (newMailbox) {
            // Voids keys still waiting for retrieval and tells the old address (docs/security.md, 12/staff).
            emailChanged.fire(new EmailChanged(actor, account, oldEmail, email));
        }
        return account.view();
    }

    /** The account, if the caller may change it: another customer's is "unknown" (404), an auditor gets 403. */
    private Account changeable(CustomerScope who, String userId) {
        Access.write(who);
        Account account = accounts.require(userId);
        Access.change(who, account.customer().name(), "error.accountUnknown", account.userId());
        return account;
    }

    /**
     * Draws a new password, makes the old one stop working at once, and queues the 【パスワード再発行のお知らせ】 mail
     * that carries it, in this transaction: the password is never returned, logged or kept in clear.
     */
    public AccountView resetPassword(Actor actor, CustomerScope who, String userId) {
        Account account = changeable(who, userId);
        if (!account.isActive()) {
            throw KagiException.invalid("error.accountInactive", account.userId());
        }
        String password = RandomCodes.password(random);
        account.assignPassword(password, accounts.passwords(), ca.sealer());
        account.takePendingPassword(ca.sealer()); // this mail carries it, so nothing stays sealed for a later one
        String lang = account.language();
        Map<String, String> values = mailSettings.common(lang, account.customer().mailOverrides());
        values.put("displayName", account.displayName());
        values.put("userId", account.userId());
        values.put("password", password);
        outbox.enqueue(MailKind.PASSWORD_RESET, account.email(), lang,
                MailTemplates.render(MailKind.PASSWORD_RESET, lang, values), true, null);
        audit.record(actor, "account.passwordReset", "account", account.userId(), "new password mailed to "
                + account.email());
        return account.view();
    }
}
