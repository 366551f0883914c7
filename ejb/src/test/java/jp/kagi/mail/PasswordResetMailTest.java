package jp.kagi.mail;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** パスワード再発行のお知らせ: user ID, new password and support desk, in the seed's style; never a Request ID. */
class PasswordResetMailTest {

    private static final String PASSWORD = "Nw7kPq3RtZ8xYa";
    private static final String USER_ID = "u2k8m3pqz";

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
        v.put("userId", USER_ID);
        v.put("password", PASSWORD);
        return v;
    }

    @ParameterizedTest
    @CsvSource({"ja,【パスワード再発行のお知らせ】", "en,[Password reissue notice]"})
    void carriesUserIdPasswordAndSupportDeskButNoRequestId(String language, String subject) {
        RenderedMail mail = MailTemplates.render(MailKind.PASSWORD_RESET, language, values());
        assertTrue(mail.subject().startsWith(subject), mail.subject());
        for (String part : new String[] {USER_ID, PASSWORD, "サポート課", "058-279-3458", "9:00-17:00",
            "https://kagi.example/portal/", "https://kagi.example/portal/help", "ca-sys@example.jp", "山田 太郎"}) {
            assertTrue(mail.body().contains(part), part + " in\n" + mail.body());
        }
        assertFalse(mail.body().contains("{{"), "no placeholder left");
        assertFalse(mail.body().toLowerCase().contains("request id") || mail.body().contains("リクエスト"),
                "a password mail never names a Request ID");
    }

    @Test
    void theCredentialsLineReadsLikeTheRegistrationMail() {
        // Users (and the support desk) know the seed's "ID : ... パスワード : ..." line; keep the same shape.
        String ja = MailTemplates.render(MailKind.PASSWORD_RESET, "ja", values()).body();
        String en = MailTemplates.render(MailKind.PASSWORD_RESET, "en", values()).body();
        assertTrue(Pattern.compile("ID : " + USER_ID + "\\s+パスワード : " + PASSWORD).matcher(ja).find(), ja);
        assertTrue(Pattern.compile("ID: " + USER_ID + "\\s+Password: " + PASSWORD).matcher(en).find(), en);
    }

    @Test
    void aMissingPasswordIsABug() {
        Map<String, String> v = values();
        v.remove("password");
        assertThrows(IllegalStateException.class, () -> MailTemplates.render(MailKind.PASSWORD_RESET, "en", v));
    }

    @Test
    void everyMailKindHasBothTemplates() {
        Map<String, String> v = values();
        v.put("requestId", "ABCDEFGHJKMNPQRS");
        v.put("commonName", "dsca00042");
        v.put("subject", "C=JP, OU=x, CN=dsca00042");
        v.put("serial", "7B06A277");
        v.put("reason", "r");
        v.put("deadline", "d");
        v.put("cnPrefix", "dsca");
        for (String key : new String[] {"cadence", "note", "newCommonName", "oldCommonName", "oldNotAfter", "sentOn",
            "action", "campaignName", "customerName", "counts", "stragglers", "exportUrl", "newEmail", "voided"}) {
            v.put(key, key);
        }
        for (MailKind kind : MailKind.values()) {
            for (String lang : new String[] {"ja", "en"}) {
                assertFalse(MailTemplates.render(kind, lang, v).subject().isBlank(), kind + "/" + lang);
            }
        }
    }
}
