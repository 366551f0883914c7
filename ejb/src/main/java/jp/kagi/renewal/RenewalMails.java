package jp.kagi.renewal;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import jp.kagi.account.Account;
import jp.kagi.certificate.ClientCertificate;
import jp.kagi.issuance.IssuanceMails;
import jp.kagi.mail.MailKind;
import jp.kagi.mail.MailSettings;
import jp.kagi.mail.MailTemplates;
import jp.kagi.mail.Outbox;
import jp.kagi.retrieval.RetrievalRequest;

/**
 * The campaign's own mails after the renewal pair: reminders, the new completion date, the expiry warning. None
 * carries a password or a Request ID: they say which earlier mail holds them.
 */
@Stateless
public class RenewalMails {

    private static final DateTimeFormatter JA_DAY = DateTimeFormatter.ofPattern("uuuu年M月d日", Locale.JAPANESE);
    private static final DateTimeFormatter EN_DAY = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);

    @Inject
    private Outbox outbox;

    @Inject
    private MailSettings settings;

    @Inject
    private IssuanceMails issuanceMails;

    /** RENEWAL_REMINDER or RENEWAL_EXTENDED for an account that has not retrieved its new key. */
    public void remind(MailKind kind, RenewalCampaign campaign, Account account, ClientCertificate fresh,
                       RetrievalRequest request, Instant renewalMailSent) {
        String lang = account.language();
        Map<String, String> values = values(account, fresh);
        values.put("sentOn", day(renewalMailSent, lang));
        boolean dateOnly = campaign.completionIsDate() && request.locksAt().equals(campaign.completionAt());
        values.put("deadline", issuanceMails.deadline(request.locksAt(), dateOnly, lang));
        outbox.enqueue(kind, account.email(), lang, MailTemplates.render(kind, lang, values), false, fresh.serial());
    }

    /** One last warning: the old certificate expires soon and the new one was never retrieved. */
    public void expiryWarning(RenewalCampaign campaign, Account account, ClientCertificate old, ClientCertificate fresh,
                              RetrievalRequest request, Instant now) {
        String lang = account.language();
        Map<String, String> values = values(account, fresh);
        values.put("oldCommonName", old.commonName());
        values.put("oldNotAfter", day(old.notAfter(), lang));
        boolean open = !request.isLockedAt(now);
        boolean dateOnly = campaign.completionIsDate() && request.locksAt().equals(campaign.completionAt());
        String deadline = issuanceMails.deadline(request.locksAt(), dateOnly, lang);
        values.put("action", "en".equals(lang)
                ? open ? "Please retrieve your new certificate from " + values.get("portalUrl") + " by " + deadline
                        + ", with the Request ID of the \"Certificate issuance notice\" mail and the password of the"
                        + " \"Request to renew your client certificate\" mail."
                        : "The period for retrieving it has ended. Please ask the support desk below to reissue it."
                : open ? deadline + "までに、「証明書発行通知」メールのリクエストIDと「クライアント証明書更新登録のお願い」"
                        + "メールのパスワードで、" + values.get("portalUrl") + " から新しい証明書を取得して下さい。"
                        : "取得期限を過ぎているため、下記問合せ先へ証明書の再発行をご依頼下さい。");
        outbox.enqueue(MailKind.RENEWAL_EXPIRY_WARNING, account.email(), lang,
                MailTemplates.render(MailKind.RENEWAL_EXPIRY_WARNING, lang, values), false, fresh.serial());
    }

    private Map<String, String> values(Account account, ClientCertificate fresh) {
        Map<String, String> values = settings.common(account.language(), account.customer().mailOverrides());
        values.put("displayName", account.displayName());
        values.put("newCommonName", fresh.commonName());
        return values;
    }

    String day(Instant at, String lang) {
        return at.atZone(settings.zone()).format("en".equals(lang) ? EN_DAY : JA_DAY);
    }
}
