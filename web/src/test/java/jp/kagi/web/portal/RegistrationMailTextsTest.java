package jp.kagi.web.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import jp.kagi.issuance.RegistrationMail;
import org.junit.jupiter.api.Test;

/** A renewal user is told about クライアント証明書更新登録のお願い, everyone else about クライアント証明書登録のお願い. */
class RegistrationMailTextsTest {

    @Test
    void aRenewalUserGetsTheRenewalTwin() {
        assertEquals("retrieve.intro.renewal", RegistrationMailTexts.key("retrieve.intro", RegistrationMail.RENEWAL));
        assertEquals("error.passwordWrong.renewal",
                RegistrationMailTexts.key("error.passwordWrong", RegistrationMail.RENEWAL));
    }

    @Test
    void aFirstTimeUserKeepsTheRegistrationText() {
        assertEquals("retrieve.intro", RegistrationMailTexts.key("retrieve.intro", RegistrationMail.REGISTRATION));
        assertEquals("error.passwordWrong",
                RegistrationMailTexts.key("error.passwordWrong", RegistrationMail.REGISTRATION));
    }

    @Test
    void otherMessagesStayAsTheyAre() {
        assertEquals("error.confirmationMismatch",
                RegistrationMailTexts.key("error.confirmationMismatch", RegistrationMail.RENEWAL));
    }

    @Test
    void theBundlesNameTheRightMailInBothLanguages() throws IOException {
        Properties ja = bundle("/messages_ja.properties");
        Properties en = bundle("/messages.properties");
        for (String key : RegistrationMailTexts.NAMING_THE_MAIL) {
            assertTrue(ja.getProperty(key).contains("「クライアント証明書登録のお願い」"), key);
            assertTrue(ja.getProperty(key + ".renewal").contains("「クライアント証明書更新登録のお願い」"), key);
            assertTrue(en.getProperty(key).contains("\"Request to register your client certificate\""), key);
            assertTrue(en.getProperty(key + ".renewal").contains("\"Request to renew your client certificate\""), key);
        }
        // On the login page nobody is known yet: both mails are named.
        assertTrue(ja.getProperty("login.intro").contains("「クライアント証明書登録のお願い」"));
        assertTrue(ja.getProperty("login.intro").contains("「クライアント証明書更新登録のお願い」"));
        assertTrue(en.getProperty("login.intro").contains("\"Request to register your client certificate\""));
        assertTrue(en.getProperty("login.intro").contains("\"Request to renew your client certificate\""));
        // The seed's advice, word for word.
        assertTrue(ja.getProperty("menu.choose.text").contains(
                "旧証明書の有効期限が切れるまでの間「dscaXXXXX」の番号の大きい方をご選択下さい。"));
    }

    @Test
    void bothBundlesHaveTheSameKeys() throws IOException {
        assertEquals(bundle("/messages.properties").keySet(), bundle("/messages_ja.properties").keySet());
    }

    private static Properties bundle(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = RegistrationMailTextsTest.class.getResourceAsStream(name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
