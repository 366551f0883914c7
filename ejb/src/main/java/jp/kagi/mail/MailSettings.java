package jp.kagi.mail;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import jp.kagi.platform.Settings;

/**
 * The words and addresses the CA team puts in every mail (seed §1-1, §1-2): settings, not literals, each with a
 * Japanese and an English default. {@code kagi.mail.support.hours.en} overrides {@code kagi.mail.support.hours}
 * for English mails, and so on for every key.
 */
@ApplicationScoped
public class MailSettings {

    @Inject
    Settings settings;

    public String from() {
        return settings.get("kagi.mail.from", "kagi-ca@localhost");
    }

    public ZoneId zone() {
        return settings.zone();
    }

    public String portalUrl() {
        return settings.baseUrl() + "/portal/";
    }

    /** The values every template may use, in the mail's language. */
    public Map<String, String> common(String language) {
        Map<String, String> values = new HashMap<>();
        values.put("serviceName", text("kagi.mail.service.name", language, "マネージドPKI", "Managed PKI"));
        values.put("companyName", text("kagi.mail.company", language, "Kagi", "Kagi"));
        values.put("caTeamName", text("kagi.mail.ca.team", language, "Kagi 認証局担当", "Kagi CA team"));
        values.put("caTeamEmail", settings.get("kagi.mail.ca.contact", from()));
        values.put("portalUrl", portalUrl());
        values.put("manualUrl", settings.get("kagi.mail.manual.url", settings.baseUrl() + "/portal/help"));
        values.put("supportName", text("kagi.mail.support.name", language, "Kagi サポート課", "Kagi support desk"));
        values.put("supportPhone", settings.get("kagi.mail.support.phone", "000-000-0000"));
        values.put("supportHours", text("kagi.mail.support.hours", language,
                "祝祭日を除く月曜日から金曜日の午前 9:00~12:00、午後 1:00~5:00",
                "Monday to Friday except public holidays, 9:00-12:00 and 13:00-17:00 (JST)"));
        return values;
    }

    /** As {@link #common(String)}, with a customer's own support desk and manual where it set them. */
    public Map<String, String> common(String language, MailOverrides overrides) {
        return (overrides == null ? MailOverrides.NONE : overrides).applyTo(common(language));
    }

    public String registrationReason(String language) {
        return text("kagi.mail.reason", language,
                "弊社サービスではクライアント証明書を用いたセキュリティ対策を行っております。"
                        + "ご利用のパソコンにクライアント証明書を登録 (インストール) 頂かないとサービスが利用できません。",
                "Our services admit only PCs that present a client certificate. "
                        + "Please register (install) the client certificate on your PC to keep using them.");
    }

    /** The reason of a later renewal (the third certificate onwards, or an admin's renewal outside a campaign). */
    public String renewalReason(String language) {
        return text("kagi.mail.renewal.reason", language,
                "ご利用頂いているクライアント証明書の有効期限が近づいたため、現在、ご利用頂いているパソコンの"
                        + "クライアント証明書を更新頂く作業が必要となりました。",
                "The client certificate you use will expire soon, so the client certificate on your PC needs to be "
                        + "renewed.");
    }

    /** The reason of the first renewal, about a year after introduction (seed, second edition, word for word). */
    public String firstRenewalReason(String language) {
        return text("kagi.mail.renewal.first.reason", language,
                "この度は、クライアント証明書導入後ほぼ1年が経ち、現在、ご利用頂いているパソコンのクライアント証明書を"
                        + "更新頂く作業が必要となりました。",
                "About a year has passed since client certificates were introduced, and the client certificate on "
                        + "your PC now needs to be renewed.");
    }

    /** The seed's 「又、今回以降は3年に1度の更新とさせて頂きます。」 with the customer's own cadence. */
    public String cadence(String language, java.time.Period every) {
        boolean years = every.getMonths() == 0 && every.getDays() == 0 && every.getYears() > 0;
        long months = every.toTotalMonths();
        if ("en".equals(language)) {
            return "From now on, certificates will be renewed once every "
                    + (years ? every.getYears() + (every.getYears() == 1 ? " year." : " years.") : months + " months.");
        }
        return "又、今回以降は" + (years ? every.getYears() + "年" : months + "ヶ月") + "に1度の更新とさせて頂きます。";
    }

    private String text(String key, String language, String ja, String en) {
        return settings.find(key + "." + language).or(() -> settings.find(key)).orElse("en".equals(language) ? en : ja);
    }
}
