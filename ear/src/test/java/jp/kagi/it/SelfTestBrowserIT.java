package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebDriverException;

/**
 * The seed's last step in Debian's Chromium, like a person on Linux: the {@code <CN>.p12} retrieved through the
 * portal (鍵の取得, Submit, Download) is imported with {@code pk12util} into the NSS database of a HOME of the test's
 * own, as the install guide says; a managed {@code AutoSelectCertificateForUrls} policy lets Chromium pick it for
 * the 8444 origin (what the user does in the selection dialog). Chromium then sees its CN on /asp/ and the verdict
 * on /selftest (recorded as installed), is refused after a revocation and, after a reissue whose p12 is imported
 * too, the self-test names the newer certificate. Each visit is a new browser, so no TLS session is reused.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SelfTestBrowserIT {

    static final String ASP = TlsClient.ASP;
    static final Path POLICIES = Path.of("/etc/chromium/policies/managed");

    @RegisterExtension
    static GreenMailExtension smtp = Mailbox.smtpServer();

    private final Api api = Api.admin();
    private final Mailbox mailbox = new Mailbox(smtp);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return KagiDeployment.shipped();
    }

    @BeforeEach
    void needsChromiumAndNssTools() {
        Assumptions.assumeTrue(Browser.available(), "Debian's chromium and chromium-driver are not installed");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/pk12util")), "libnss3-tools is not installed");
    }

    @Test
    void chromiumPresentsTheImportedCertificateIsRefusedAfterRevocationAndTestsTheRenewedOne() throws Exception {
        String customer = "Chromium " + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, api.post("/api/v1/customers", "{\"name\":\"" + customer
                + "\",\"contactEmail\":\"ca@example.jp\"}").status());
        String email = "cr-" + UUID.randomUUID() + "@example.jp";
        String userId = api.post("/api/v1/accounts", "{\"customer\":\"" + customer + "\",\"email\":\"" + email
                + "\",\"displayName\":\"山田 太郎\",\"language\":\"ja\"}").json().getString("userId");
        String firstCn = api.post("/api/v1/certificates", "{\"userId\":\"" + userId + "\"}").json().getString("cn");

        Path home = Files.createTempDirectory("kagi-chromium-home");
        Path nssdb = Files.createDirectories(home.resolve(".pki/nssdb"));
        Path policy = null;
        try {
            // What Chromium does on its first start: an empty NSS database in ~/.pki/nssdb.
            TlsClient.run(false, "certutil", "-N", "-d", "sql:" + nssdb, "--empty-password");
            Downloaded first = retrieve(userId, mailbox.credentials(email, 2), firstCn, home);
            policy = autoSelect(first.issuerCn());
            Map<String, String> env = Map.of("HOME", home.toString());

            try (Browser browser = new Browser("ja", env)) {
                browser.visit(ASP + "/asp/");
                browser.waitForText(firstCn);
                assertTrue(browser.text().contains("ようこそ") && browser.text().contains(customer), browser.text());
                browser.screenshot("asp-ja-greeting");
                browser.visit(ASP + "/selftest");
                browser.waitForText("証明書の動作確認");
                assertTrue(browser.text().contains(firstCn) && browser.text().contains("有効 (最新)"), browser.text());
                assertTrue(browser.text().contains("お客様の最新の証明書です。"), browser.text());
                browser.screenshot("selftest-ja");
            }
            jakarta.json.JsonObject json = api.get("/api/v1/certificates/" + first.serial()).json();
            assertTrue(json.containsKey("installedAt") && !json.isNull("installedAt"),
                    "the REST API shows the certificate installed: " + json);

            assertEquals(200, api.post("/api/v1/certificates/" + first.serial() + "/revoke",
                    "{\"reason\":\"keyCompromise\"}").status());
            Poll.until("the revoked certificate refused on 8444", Duration.ofSeconds(60),
                    () -> TlsClient.get(first.keys(), ASP + "/asp/", "ja"), TlsClient.Outcome::refusedByTls);
            try (Browser browser = new Browser("ja", env)) {
                // Chromium ends the navigation with its own error page; chromedriver reports it as the error.
                WebDriverException refused = assertThrows(WebDriverException.class, () -> browser.visit(ASP + "/asp/"));
                assertTrue(refused.getMessage().contains("ERR_BAD_SSL_CLIENT_AUTH_CERT"), refused.getMessage());
            }

            Api.Response reissued = api.post("/api/v1/certificates/" + first.serial() + "/reissue", "");
            assertEquals(201, reissued.status(), reissued.body());
            String newerCn = reissued.json().getString("cn");
            retrieve(userId, mailbox.credentials(email, 4), newerCn, home);
            try (Browser browser = new Browser("ja", env)) {
                browser.visit(ASP + "/selftest");
                browser.waitForText("証明書の動作確認");
                assertTrue(browser.text().contains(newerCn), "names the newer certificate: " + browser.text());
                assertTrue(browser.text().contains("有効 (最新)"), browser.text());
                browser.screenshot("selftest-ja-renewed");
            }
        } finally {
            if (policy != null) {
                Files.deleteIfExists(policy);
            }
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private record Downloaded(TlsClient.Keys keys, String serial, String issuerCn) {
    }


    /** Portal (ログイン, 鍵の取得, Submit, Download) in Chromium, then pk12util into HOME's NSS DB as the guide says. */
    private Downloaded retrieve(String userId, Mailbox.Credentials c, String cn, Path home) throws Exception {
        Path p12 = home.resolve(cn + ".p12");
        try (Browser browser = new Browser("ja")) {
            browser.open("/portal/");
            browser.fill("ユーザID", userId);
            browser.fill("パスワード", c.password());
            browser.click("Login");
            browser.waitForText(cn);
            browser.click("鍵の取得");
            browser.fill("リクエストID", c.requestId());
            browser.fill("パスワード", c.password());
            browser.fill("パスワードの確認", c.password());
            browser.click("Submit");
            browser.waitForText(cn + ".p12");
            browser.click("Download");
            Files.copy(browser.downloaded(cn + ".p12"), p12);
        }
        TlsClient.run(false, "pk12util", "-i", p12.toString(), "-d", "sql:" + home.resolve(".pki/nssdb"), "-W",
                c.password());
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            store.load(in, c.password().toCharArray());
        }
        X509Certificate leaf = (X509Certificate) store.getCertificate(cn);
        String hex = leaf.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT);
        String issuerCn = new LdapName(leaf
                .getIssuerX500Principal().getName()).getRdns().stream().filter(r -> "CN".equalsIgnoreCase(r.getType()))
                .map(Rdn::getValue).map(Object::toString).findFirst().orElseThrow();
        return new Downloaded(new TlsClient.Keys(store, cn, c.password()), hex.length() % 2 == 0 ? hex : "0" + hex,
                issuerCn);
    }

    /**
     * The managed policy that picks the client certificate for the 8444 origin by its issuer, as an administrator
     * would roll it out: a file of its own (unique name), removed by the test.
     */
    private static Path autoSelect(String issuerCn) throws IOException {
        Files.createDirectories(POLICIES);
        Path file = POLICIES.resolve("kagi-it-" + UUID.randomUUID() + ".json");
        String rule = "{\"pattern\":\"" + ASP + "\",\"filter\":{\"ISSUER\":{\"CN\":\"" + issuerCn + "\"}}}";
        Files.writeString(file, "{\"AutoSelectCertificateForUrls\":[\"" + rule.replace("\"", "\\\"") + "\"]}\n");
        return file;
    }
}
