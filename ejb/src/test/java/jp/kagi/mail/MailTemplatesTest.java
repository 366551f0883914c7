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
        return v;
    }

    @ParameterizedTest
    @CsvSource({
        "ISSUANCE_NOTICE,ja,証明書発行通知",
        "REGISTRATION_REQUEST,ja,クライアント証明書登録のお願い",
        "RENEWAL_REQUEST,ja,クライアント証明書更新登録のお願い",
        "ISSUANCE_NOTICE,en,Certificate issuance notice",
        "REGISTRATION_REQUEST,en,Request to register your client certificate",
        "RENEWAL_REQUEST,en,Request to renew your client certificate"})
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
}
