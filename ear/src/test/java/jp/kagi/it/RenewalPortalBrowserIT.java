package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.io.FileInputStream;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The seed's 《クライアント証明書更新登録後の操作》 in Chromium, in Japanese and in English: an account gets a second
 * certificate (a renewal: 証明書発行通知 + クライアント証明書更新登録のお願い), the user signs in with the renewal mail's
 * password, sees both certificates with the newer one marked and the advice to choose the larger dscaXXXXX, is told
 * about the renewal mail on 鍵の取得, and downloads the new {@code <CN>.p12}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RenewalPortalBrowserIT {

    private static final Pattern JA_CREDENTIALS = Pattern.compile("ID : (\\S+)\\s+パスワード : (\\S+)");
    private static final Pattern EN_CREDENTIALS = Pattern.compile("ID: (\\S+)\\s+Password: (\\S+)");
    private static final Pattern REQUEST_ID = Pattern.compile("(?:リクエスト ID|Request ID): ([A-Z0-9]{16})");

    @RegisterExtension
    static GreenMailExtension smtp = Mailbox.smtpServer();

    private final Api api = Api.admin();
    private final Mailbox mailbox = new Mailbox(smtp);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return KagiDeployment.shipped();
    }

    @BeforeEach
    void needsChromium() {
        Assumptions.assumeTrue(Browser.available(), "Debian's chromium and chromium-driver are not installed");
    }

    @Test
    void aRenewedUserInJapaneseChoosesTheLargerNumber() throws Exception {
        Account account = account("ja");
        Certificate first = issue(account, 2, "クライアント証明書登録のお願い");
        try (Browser browser = new Browser("ja")) {
            // The first certificate, retrieved as usual: one certificate, no badge, the registration mail named.
            signIn(browser, account.userId, first.password, "ja");
            browser.waitForText(first.cn);
            assertFalse(browser.text().contains("新しい証明書"), browser.text());
            browser.click("鍵の取得");
            browser.waitForText("「クライアント証明書登録のお願い」メールのパスワード");
            retrieve(browser, first, "リクエストID", "パスワード", "パスワードの確認");
            browser.click("ログアウト");
            browser.waitForText("ログアウト完了");
        }

        Certificate renewed = issue(account, 4, "クライアント証明書更新登録のお願い");
        assertTrue(number(renewed.cn) > number(first.cn), renewed.cn + " after " + first.cn);
        try (Browser browser = new Browser("ja")) {
            browser.open("/portal/");
            browser.waitForText("マネージドPKI");
            assertTrue(browser.text().contains("「クライアント証明書登録のお願い」メール（証明書を更新された方は"
                    + "「クライアント証明書更新登録のお願い」メール）"), browser.text());
            signIn(browser, account.userId, renewed.password, "ja");
            browser.waitForText(renewed.cn);
            String menu = browser.text();
            assertTrue(menu.contains(first.cn), "the old certificate is still listed: " + menu);
            assertTrue(menu.contains("クライアント証明書更新登録後の操作"), menu);
            assertTrue(menu.contains("旧証明書の有効期限が切れるまでの間「dscaXXXXX」の番号の大きい方をご選択下さい。"), menu);
            assertTrue(menu.contains("お客様の場合は「" + renewed.cn + "」をご選択下さい（「" + first.cn + "」ではありません）。"),
                    menu);
            assertBadgeOn(browser, renewed, first, "新しい証明書");
            browser.screenshot("portal-ja-renewal-menu");

            browser.click("鍵の取得");
            browser.waitForText("「クライアント証明書更新登録のお願い」メールのパスワードを 2 回入力してください。");
            browser.fill("リクエストID", renewed.requestId);
            browser.fill("パスワード", first.password);
            browser.fill("パスワードの確認", first.password);
            browser.click("Submit");
            browser.waitForText("「クライアント証明書更新登録のお願い」メールのパスワードを、大文字、小文字に注意して入力してください。");
            browser.screenshot("portal-ja-renewal-retrieve");
            retrieve(browser, renewed, "リクエストID", "パスワード", "パスワードの確認");
            assertEquals("RETRIEVED", certificate(renewed.serial).getString("retrievalStatus"));
            browser.click("ログアウト");
            browser.waitForText("ログアウト完了");
        }
    }

    @Test
    void aRenewedUserInEnglishIsToldAboutTheRenewalMail() throws Exception {
        Account account = account("en");
        Certificate first = issue(account, 2, "Request to register your client certificate");
        Certificate renewed = issue(account, 4, "Request to renew your client certificate"); // first never retrieved
        try (Browser browser = new Browser("en-US")) {
            browser.open("/portal/");
            browser.waitForText("Managed PKI");
            assertTrue(browser.text().contains("\"Request to register your client certificate\" (after a renewal, "
                    + "from the mail \"Request to renew your client certificate\")"), browser.text());
            signIn(browser, account.userId, renewed.password, "en");
            browser.waitForText(renewed.cn);
            String menu = browser.text();
            assertTrue(menu.contains(first.cn), menu);
            assertTrue(menu.contains("After renewing your client certificate"), menu);
            assertTrue(menu.contains("choose the one with the larger number \"dscaXXXXX\""), menu);
            assertTrue(menu.contains("In your case: choose \"" + renewed.cn + "\", not \"" + first.cn + "\"."), menu);
            assertBadgeOn(browser, renewed, first, "Newer certificate");
            browser.screenshot("portal-en-renewal-menu");

            browser.click("Retrieve key");
            browser.waitForText("the password from the \"Request to renew your client certificate\" mail twice");
            browser.screenshot("portal-en-renewal-retrieve");
            browser.fill("Request ID", renewed.requestId);
            browser.fill("Password", renewed.password + "x");
            browser.fill("Confirm password", renewed.password + "x");
            browser.click("Submit");
            browser.waitForText("Use the password from the \"Request to renew your client certificate\" mail");
            retrieve(browser, renewed, "Request ID", "Password", "Confirm password");
            browser.click("Log out");
            browser.waitForText("Logged out");
        }
    }

    private static void signIn(Browser browser, String userId, String password, String language) {
        boolean ja = "ja".equals(language);
        browser.open("/portal/");
        browser.fill(ja ? "ユーザID" : "User ID", userId);
        browser.fill(ja ? "パスワード" : "Password", password);
        browser.click("Login");
    }

    /** Fills the 鍵の取得 form, downloads {@code <CN>.p12} and opens it with the mailed password. */
    private static void retrieve(Browser browser, Certificate cert, String requestIdLabel, String passwordLabel,
                                 String confirmationLabel) throws Exception {
        browser.fill(requestIdLabel, cert.requestId);
        browser.fill(passwordLabel, cert.password);
        browser.fill(confirmationLabel, cert.password);
        browser.click("Submit");
        browser.waitForText(cert.cn + ".p12");
        browser.click("Download");
        Path p12 = browser.downloaded(cert.cn + ".p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(p12.toFile())) {
            store.load(in, cert.password.toCharArray());
        }
        assertTrue(store.isKeyEntry(cert.cn), "friendly name " + cert.cn);
        X509Certificate leaf = (X509Certificate) store.getCertificate(cert.cn);
        assertTrue(leaf.getSubjectX500Principal().getName().contains("CN=" + cert.cn), leaf.getSubjectX500Principal().getName());
        assertEquals(3, store.getCertificateChain(cert.cn).length);
    }

    /** The badge sits in the newer certificate's row only, and says so in words, not only in colour. */
    private static void assertBadgeOn(Browser browser, Certificate newer, Certificate older, String badge) {
        @SuppressWarnings("unchecked")
        List<String> rows = (List<String>) browser.script("return Array.from(document.querySelectorAll("
                + "'.kagi-badge')).map(b => b.closest('tr').innerText)");
        assertEquals(1, rows.size(), "one badge: " + rows);
        assertTrue(rows.get(0).contains(newer.cn) && rows.get(0).contains(badge), rows.get(0));
        assertFalse(rows.get(0).contains(older.cn), rows.get(0));
    }

    private record Account(String userId, String email, String language) {
    }

    private record Certificate(String cn, String serial, String requestId, String password) {
    }

    private Account account(String language) {
        String customer = "Renewal " + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, api.post("/api/v1/customers", "{\"name\":\"" + customer
                + "\",\"contactEmail\":\"ca@example.jp\"}").status());
        String email = "r-" + UUID.randomUUID() + "@example.jp";
        String userId = api.post("/api/v1/accounts", "{\"customer\":\"" + customer + "\",\"email\":\"" + email
                + "\",\"displayName\":\"" + ("ja".equals(language) ? "山田 花子" : "Jane Smith") + "\",\"language\":\""
                + language + "\"}").json().getString("userId");
        return new Account(userId, email, language);
    }

    /**
     * Issues a certificate through the REST API and reads its two mails: the notice naming its CN (Request ID) and
     * the mail called {@code registrationSubject} (password); {@code total} mails have then reached the account.
     */
    private Certificate issue(Account account, int total, String registrationSubject) {
        JsonObject cert = api.post("/api/v1/certificates", "{\"userId\":\"" + account.userId + "\"}").json();
        String cn = cert.getString("cn");
        List<MimeMessage> mails = mailbox.await(account.email, total);
        List<MimeMessage> latest = mails.subList(total - 2, total);
        String password = null;
        String requestId = null;
        for (MimeMessage m : latest) {
            String text = Mailbox.text(m);
            if (Mailbox.subject(m).contains(registrationSubject)) {
                Matcher c = ("ja".equals(account.language) ? JA_CREDENTIALS : EN_CREDENTIALS).matcher(text);
                assertTrue(c.find(), text);
                password = c.group(2);
            } else if (text.contains(cn)) {
                Matcher r = REQUEST_ID.matcher(text);
                assertTrue(r.find(), text);
                requestId = r.group(1);
            }
        }
        assertTrue(password != null && requestId != null, "a \"" + registrationSubject + "\" mail and a notice for "
                + cn + " among " + latest.stream().map(Mailbox::subject).toList());
        return new Certificate(cn, cert.getString("serial"), requestId, password);
    }

    private JsonObject certificate(String serial) {
        return api.get("/api/v1/certificates/" + serial).json();
    }

    private static long number(String cn) {
        return Long.parseLong(cn.replaceAll("^\\D+", ""));
    }
}
