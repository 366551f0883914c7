package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.json.JsonObject;
import java.io.FileInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
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
 * The seed manual's §2 in Chromium, click by click, in Japanese and in English: mails read from a real SMTP server,
 * Login, 鍵の取得, Submit, Download, the PKCS#12 opened with the mailed password, ログアウト, ログアウト完了.
 * Screenshots of each page go to docs/screenshots for the guides.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SeedFlowBrowserIT {

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
    void theSeedFlowInJapanese() throws Exception {
        Issued issued = issue("ja");
        try (Browser browser = new Browser("ja")) {
            browser.open("/portal/");
            browser.waitForText("マネージドPKI");
            browser.screenshot("portal-ja-login");
            browser.fill("ユーザID", issued.userId);
            browser.fill("パスワード", issued.password);
            browser.click("Login");
            browser.waitForText(issued.cn);
            browser.screenshot("portal-ja-menu");
            browser.click("鍵の取得");
            browser.fill("リクエストID", issued.requestId);
            browser.fill("パスワード", issued.password);
            browser.fill("パスワードの確認", issued.password);
            browser.screenshot("portal-ja-retrieve");
            browser.click("Submit");
            browser.waitForText(issued.cn + ".p12");
            browser.screenshot("portal-ja-download");
            browser.click("Download");
            Path p12 = browser.downloaded(issued.cn + ".p12");
            assertOpens(p12, issued);
            assertEquals("RETRIEVED", certificate(issued.serial).getString("retrievalStatus"));

            browser.click("ログアウト");
            browser.waitForText("ログアウト完了");
            browser.screenshot("portal-ja-loggedout");
            browser.back();
            browser.open("/portal/menu.xhtml");
            browser.waitForText("ユーザID");
            assertFalse(browser.text().contains(issued.cn), "nothing private after logout");
        }
    }

    @Test
    void theSeedFlowInEnglishAndTheLanguageSwitch() throws Exception {
        Issued issued = issue("en");
        try (Browser browser = new Browser("en-US")) {
            browser.open("/portal/");
            browser.waitForText("Managed PKI");
            browser.screenshot("portal-en-login");
            browser.click("日本語");
            browser.waitForText("ユーザID");
            browser.click("English");
            browser.waitForText("User ID");
            browser.fill("User ID", issued.userId);
            browser.fill("Password", issued.password.toLowerCase());
            browser.click("Login");
            browser.waitForText("not correct");
            assertEquals(1, browser.errors().size(), "one generic message, no hint which part was wrong");
            browser.fill("User ID", issued.userId);
            browser.fill("Password", issued.password);
            browser.click("Login");
            browser.click("Retrieve key");
            browser.fill("Request ID", issued.requestId);
            browser.fill("Password", issued.password);
            browser.fill("Confirm password", issued.password + "x");
            browser.click("Submit");
            browser.waitForText("differ");
            browser.fill("Request ID", issued.requestId);
            browser.fill("Password", issued.password);
            browser.fill("Confirm password", issued.password);
            browser.click("Submit");
            browser.waitForText("What to do next");
            browser.click("Download");
            assertOpens(browser.downloaded(issued.cn + ".p12"), issued);
            browser.click("Log out");
            browser.waitForText("Logged out");
        }
    }

    private static void assertOpens(Path p12, Issued issued) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(p12.toFile())) {
            store.load(in, issued.password.toCharArray());
        }
        assertTrue(store.isKeyEntry(issued.cn));
        assertEquals(3, store.getCertificateChain(issued.cn).length);
        Process openssl = new ProcessBuilder("openssl", "pkcs12", "-in", p12.toString(), "-nokeys",
                "-passin", "pass:" + issued.password).redirectErrorStream(true).start();
        String out = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(openssl.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, openssl.exitValue(), out);
        assertTrue(out.contains(issued.cn), out);
    }

    private record Issued(String userId, String password, String requestId, String cn, String serial) {
    }

    private Issued issue(String language) {
        String customer = "Browser " + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, api.post("/api/v1/customers", "{\"name\":\"" + customer + "\",\"contactEmail\":\"ca@example.jp\"}")
                .status());
        String email = "b-" + UUID.randomUUID() + "@example.jp";
        String userId = api.post("/api/v1/accounts", "{\"customer\":\"" + customer + "\",\"email\":\"" + email
                + "\",\"displayName\":\"" + ("ja".equals(language) ? "山田 太郎" : "Jane Smith") + "\",\"language\":\""
                + language + "\"}").json().getString("userId");
        JsonObject cert = api.post("/api/v1/certificates", "{\"userId\":\"" + userId + "\"}").json();
        Mailbox.Credentials c = mailbox.credentials(email, 2);
        return new Issued(userId, c.password(), c.requestId(), cert.getString("cn"), cert.getString("serial"));
    }

    private JsonObject certificate(String serial) {
        return api.get("/api/v1/certificates/" + serial).json();
    }
}
