package jp.kagi.mail;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The two mails of the seed manual (§1-1, §1-2), and the renewal request, in Japanese and English. */
class MailTemplatesTest {

    private static final String PASSWORD = "Sentinel7Pass9X";
    private static final String REQUEST_ID = "ABCDEFGHJKMNPQRS";

    private static Map<String, String> values() {
        Map<String, String> v = new HashMap<>();
        v.put("serviceName", "マネージドPKI");
        v.put("companyName", "電算システム");
        v.put("caTeamName", "データセンター 認証局担当");
        v.put("caTeamEmail", "ca-sys@example.jp");
        v.put("portalUrl", "https://kagi.example/portal/");
        v.put("manualUrl", "https://kagi.example/portal/help");
        v.put("supportName", "サポート課");
        v.put("supportPhone", "058-279-3458");
        v.put("supportHours", "9:00-17:00");
        v.put("displayName", "山田 太郎");
        v.put("requestId", REQUEST_ID);
        v.put("commonName", "dsca00042");
        v.put("subject", "C=JP, OU=電算システム, CN=dsca00042");
        v.put("serial", "7B06A277");
        v.put("userId", "u2k8m3pqz");
        v.put("password", PASSWORD);
        v.put("reason", "理由");
        v.put("deadline", "2026年12月24日");
        v.put("cnPrefix", "dsca");
        v.put("cadence", "又、今回以降は3年に1度の更新とさせて頂きます。");
        v.put("note", "");
        v.put("newCommonName", "dsca00043");
        v.put("oldCommonName", "dsca00042");
        v.put("oldNotAfter", "2027年5月1日");
        v.put("sentOn", "2026年12月1日");
        v.put("action", "期限までに取得して下さい。");
        v.put("campaignName", "2027年度更新");
        v.put("customerName", "電算システム");
        v.put("counts", "対象 10");
        v.put("stragglers", "u1 山田");
        v.put("exportUrl", "https://kagi.example/admin/campaign.xhtml?id=1");
        v.put("newEmail", "new@example.jp");
        v.put("voided", "1");
        return v;
    }

    @ParameterizedTest
    @CsvSource({
        "ISSUANCE_NOTICE,ja,証明書発行通知",
        "REGISTRATION_REQUEST,ja,クライアント証明書登録のお願い",
        "RENEWAL_REQUEST,ja,クライアント証明書更新登録のお願い",
        "ISSUANCE_NOTICE,en,Certificate issuance notice",
        "REGISTRATION_REQUEST,en,Request to register your client certificate",
        "RENEWAL_REQUEST,en,Request to renew your client certificate",
        "RENEWAL_REMINDER,ja,クライアント証明書更新登録のお願い",
        "RENEWAL_REMINDER,en,Request to renew your client certificate",
        "RENEWAL_EXTENDED,ja,完了期限",
        "RENEWAL_EXTENDED,en,new completion date",
        "RENEWAL_EXPIRY_WARNING,ja,有効期限",
        "RENEWAL_EXPIRY_WARNING,en,expires",
        "CAMPAIGN_SUMMARY,ja,更新結果",
        "CAMPAIGN_SUMMARY,en,renewal results",
        "EMAIL_CHANGED,ja,メールアドレス変更",
        "EMAIL_CHANGED,en,E-mail address changed"})
    void eachMailHasItsSubjectInItsLanguage(MailKind kind, String language, String subject) {
        RenderedMail mail = MailTemplates.render(kind, language, values());
        assertTrue(mail.subject().contains(subject), mail.subject());
        assertTrue(mail.body().contains("ca-sys@example.jp"), "CA team contact in every mail");
        assertFalse(mail.body().contains("{{"), "no placeholder left");
    }

    @ParameterizedTest
    @CsvSource({"ja", "en"})
    void theNoticeCarriesTheRequestIdAndCertificateButNeverThePassword(String language) {
        RenderedMail notice = MailTemplates.render(MailKind.ISSUANCE_NOTICE, language, values());
        for (String part : new String[] {REQUEST_ID, "dsca00042", "C=JP, OU=電算システム, CN=dsca00042", "7B06A277",
            "https://kagi.example/portal/"}) {
            assertTrue(notice.body().contains(part), part + " in\n" + notice.body());
        }
        assertFalse(notice.body().contains(PASSWORD));
        assertFalse(notice.body().contains("u2k8m3pqz"), "the user ID goes in the other mail");
    }

    @ParameterizedTest
    @CsvSource({"REGISTRATION_REQUEST,ja", "REGISTRATION_REQUEST,en", "RENEWAL_REQUEST,ja", "RENEWAL_REQUEST,en"})
    void theRegistrationRequestCarriesTheCredentialsButNeverTheRequestId(MailKind kind, String language) {
        RenderedMail mail = MailTemplates.render(kind, language, values());
        for (String part : new String[] {"u2k8m3pqz", PASSWORD, "2026年12月24日", "https://kagi.example/portal/help",
            "058-279-3458", "9:00-17:00", "サポート課"}) {
            assertTrue(mail.body().contains(part), part + " in\n" + mail.body());
        }
        assertFalse(mail.body().contains(REQUEST_ID));
    }

    @Test
    void theJapaneseNoticeKeepsTheSeedsDisclaimers() {
        String body = MailTemplates.render(MailKind.ISSUANCE_NOTICE, "ja", values()).body();
        assertTrue(body.contains("※このメールは電算システムのマネージドPKIサービスへお申し込みいただいた方へ送信しています。"));
        assertTrue(body.contains("※お心当たりのない方は大変お手数ですが、その旨をご返信ください。"));
        assertTrue(body.contains("ユーザ ID: 別途メールで通知致します。"));
    }

    @Test
    void aMissingValueIsABugNotAHoleInTheMail() {
        Map<String, String> v = values();
        v.remove("requestId");
        assertThrows(IllegalStateException.class, () -> MailTemplates.render(MailKind.ISSUANCE_NOTICE, "ja", v));
    }

    @ParameterizedTest
    @CsvSource({"RENEWAL_REMINDER,ja", "RENEWAL_REMINDER,en", "RENEWAL_EXTENDED,ja", "RENEWAL_EXTENDED,en",
        "RENEWAL_EXPIRY_WARNING,ja", "RENEWAL_EXPIRY_WARNING,en"})
    void remindersNameTheDateAndTheNewCertificateButNeverThePassword(MailKind kind, String language) {
        RenderedMail mail = MailTemplates.render(kind, language, values());
        assertTrue(mail.body().contains("dsca00043"), mail.body());
        assertTrue(mail.body().contains("2026年12月24日") || kind == MailKind.RENEWAL_EXPIRY_WARNING, mail.body());
        assertFalse(mail.body().contains(PASSWORD));
        assertFalse(mail.body().contains(REQUEST_ID));
    }

    @Test
    void theFirstRenewalFollowsTheSeedWordForWord() {
        Map<String, String> v = values();
        v.put("reason", "この度は、クライアント証明書導入後ほぼ1年が経ち、現在、ご利用頂いているパソコンのクライアント証明書を"
                + "更新頂く作業が必要となりました。");
        String body = MailTemplates.render(MailKind.RENEWAL_REQUEST, "ja", v).body();
        assertTrue(body.contains("クライアント証明書導入後ほぼ1年が経ち"));
        assertTrue(body.contains("又、今回以降は3年に1度の更新とさせて頂きます。"));
        assertTrue(body.contains("尚、今回は本メールを配布させて頂きましたお客様のみが対象となります。"));
        assertTrue(body.contains("本メールが届いていないお客様は対象外ですので、本作業は不要です。"));
        assertTrue(body.contains("お忙しい折、大変恐縮ですが、よろしくお願い致します。"));
        assertTrue(body.contains("2026年12月24日までに作業を完了させて頂きます様"));
    }
}
