package jp.kagi.issuance;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import jp.kagi.account.Account;
import jp.kagi.account.AccountService;
import jp.kagi.mail.MailKind;
import jp.kagi.mail.MailSettings;
import jp.kagi.mail.MailTemplates;
import jp.kagi.mail.Outbox;
import jp.kagi.retrieval.RetrievalRequest;

/**
 * The two mails of an issuance (seed §1-1, §1-2), as two separate messages: the notice carries the Request ID and
 * never the password; the registration request carries the user ID and password and never the Request ID.
 */
@Stateless
public class IssuanceMails {

    private static final DateTimeFormatter JA_DEADLINE = DateTimeFormatter.ofPattern("uuuu年M月d日 H:mm (z)", Locale.JAPANESE);
    private static final DateTimeFormatter EN_DEADLINE = DateTimeFormatter.ofPattern("d MMMM uuuu, HH:mm (z)", Locale.ENGLISH);

    @Inject
    private Outbox outbox;

    @Inject
    private MailSettings settings;

    @Inject
    private AccountService accounts;

    public void enqueue(Account account, ClientCertificate certificate, RetrievalRequest request, boolean renewal) {
        notice(account, certificate, request);
        registration(account, certificate, request, renewal);
    }

    /** 証明書発行通知: Request ID, CN, subject, serial; the same text again when an admin resends it. */
    public void notice(Account account, ClientCertificate certificate, RetrievalRequest request) {
        String lang = account.language();
        Map<String, String> notice = common(account);
        notice.put("displayName", account.displayName());
        notice.put("requestId", request.requestId());
        notice.put("commonName", certificate.commonName());
        notice.put("subject", certificate.subject());
        notice.put("serial", certificate.serial());
        outbox.enqueue(MailKind.ISSUANCE_NOTICE, account.email(), lang,
                MailTemplates.render(MailKind.ISSUANCE_NOTICE, lang, notice), false, certificate.serial());
    }

    /**
     * クライアント証明書登録 (or 更新登録) のお願い with a valid password: the pending one, else a fresh one, since the
     * password mailed before is not kept in clear ({@link AccountService#credentialForMail}).
     */
    public void registration(Account account, ClientCertificate certificate, RetrievalRequest request, boolean renewal) {
        String lang = account.language();
        Map<String, String> registration = common(account);
        registration.put("displayName", account.displayName());
        registration.put("userId", account.userId());
        registration.put("password", accounts.credentialForMail(account));
        registration.put("reason", renewal ? settings.renewalReason(lang) : settings.registrationReason(lang));
        registration.put("deadline", request.locksAt().atZone(settings.zone())
                .format("en".equals(lang) ? EN_DEADLINE : JA_DEADLINE));
        registration.put("cnPrefix", certificate.commonName().replaceAll("\\d+$", ""));
        MailKind kind = renewal ? MailKind.RENEWAL_REQUEST : MailKind.REGISTRATION_REQUEST;
        outbox.enqueue(kind, account.email(), lang, MailTemplates.render(kind, lang, registration), true,
                certificate.serial());
    }

    /** The global mail values with the account's customer's own support desk and manual where it set them. */
    private Map<String, String> common(Account account) {
        return settings.common(account.language(), account.customer().mailOverrides());
    }
}
