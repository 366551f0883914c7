package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 鍵の取得 over raw HTTPS: the PKCS#12 and the tools that must open it, cookies and session rotation, the lock
 * rules, and the bad inputs and abuse a real portal meets. Browser-driven tests live in PortalBrowserIT.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RetrievalIT {

    @RegisterExtension
    static GreenMailExtension smtp = Mailbox.smtpServer();

    private final Api api = Api.admin();
    private final Mailbox mailbox = new Mailbox(smtp);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return KagiDeployment.shipped();
    }

    @Test
    void theDownloadedPkcs12OpensWithTheMailedPasswordInEveryTool() throws Exception {
        Issued issued = issue(null, "ja");
        PortalClient portal = new PortalClient("ja");
        PortalClient.Page login = portal.get("/portal/login.xhtml");
        String setCookie = login.header("Set-Cookie").toLowerCase(java.util.Locale.ROOT);
        assertTrue(setCookie.contains("secure") && setCookie.contains("httponly") && setCookie.contains("samesite=strict"),
                setCookie);
        String before = portal.sessionId();
        PortalClient.Page menu = portal.submit(login, "login", Map.of("userId", issued.userId, "password", issued.password),
                "loginButton");
        assertTrue(menu.uri().endsWith("/portal/menu.xhtml"), menu.uri());
        assertNotEquals(before, portal.sessionId(), "a new session id at login");
        assertTrue(menu.html().contains(issued.cn), "the menu lists the user's certificate");
        assertEquals("no-store, no-cache, must-revalidate, private", menu.header("Cache-Control"));

        PortalClient.Page ready = portal.retrieve(issued.requestId, issued.password, issued.password);
        assertEquals(List.of(), ready.errors());
        PortalClient.Page file = portal.download(ready);
        assertEquals("application/x-pkcs12", file.header("Content-Type"));
        assertTrue(file.header("Content-Disposition").startsWith("attachment; filename=\"" + issued.cn + ".p12\""));
        assertTrue(file.header("Cache-Control").contains("no-store"));

        KeyStore p12 = KeyStore.getInstance("PKCS12");
        p12.load(new ByteArrayInputStream(file.body()), issued.password.toCharArray());
        assertTrue(p12.isKeyEntry(issued.cn), "friendly name = CN");
        X509Certificate cert = (X509Certificate) p12.getCertificate(issued.cn);
        assertEquals(3, p12.getCertificateChain(issued.cn).length, "certificate, issuing CA, root");
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign((PrivateKey) p12.getKey(issued.cn, issued.password.toCharArray()));
        s.update(new byte[] {42});
        byte[] sig = s.sign();
        s.initVerify(cert);
        s.update(new byte[] {42});
        assertTrue(s.verify(sig), "the key belongs to the certificate");

        Path saved = Files.createTempFile(issued.cn, ".p12");
        Files.write(saved, file.body());
        String info = run("openssl", "pkcs12", "-in", saved.toString(), "-info", "-nokeys", "-passin", "pass:" + issued.password);
        assertTrue(info.contains("PBES2, PBKDF2, AES-256-CBC") && info.contains("hmacWithSHA256"), info);
        assertTrue(info.contains("MAC: sha256"), info);
        assertTrue(info.contains("CN = " + issued.cn) || info.contains("CN=" + issued.cn), info);
        String list = run("keytool", "-list", "-keystore", saved.toString(), "-storetype", "PKCS12",
                "-storepass", issued.password);
        assertTrue(list.contains(issued.cn + ",") && list.contains("PrivateKeyEntry"), list);
        if (Files.isExecutable(Path.of("/usr/bin/pk12util"))) {
            String nss = run("pk12util", "-l", saved.toString(), "-W", issued.password);
            assertTrue(nss.contains(issued.cn), nss);
        }
        String wrong = runExpectingFailure("openssl", "pkcs12", "-in", saved.toString(), "-nokeys", "-passin", "pass:wrong");
        assertFalse(wrong.contains("BEGIN CERTIFICATE"), "a wrong password opens nothing");

        JsonObject state = certificate(issued.serial);
        assertEquals("RETRIEVED", state.getString("retrievalStatus"));

        PortalClient.Page out = portal.submit(portal.get("/portal/menu.xhtml"), "chrome", Map.of(), "logout");
        assertTrue(out.uri().endsWith("/portal/loggedout.xhtml") && out.html().contains("ログアウト完了"), out.uri());
        PortalClient.Page back = portal.get("/portal/menu.xhtml");
        assertTrue(back.uri().endsWith("/portal/login.xhtml"), "after logout the menu is gone: " + back.uri());
        assertFalse(back.html().contains(issued.cn));
    }

    @Test
    void theLegacyOptionGivesTripleDesForOldWindows() throws Exception {
        String customer = customer();
        assertEquals(200, api.put("/api/v1/customers/" + enc(customer) + "/policy", "{\"legacyPkcs12\":true}").status());
        Issued issued = issue(customer, "en");
        PortalClient portal = new PortalClient("en");
        portal.login(issued.userId, issued.password);
        PortalClient.Page file = portal.download(portal.retrieve(issued.requestId, issued.password, issued.password));
        Path saved = Files.createTempFile("legacy", ".p12");
        Files.write(saved, file.body());
        String info = run("openssl", "pkcs12", "-in", saved.toString(), "-info", "-nokeys", "-legacy",
                "-passin", "pass:" + issued.password);
        assertTrue(info.contains("pbeWithSHA1And3-KeyTripleDES-CBC") && info.contains("MAC: sha1"), info);
    }

    @Test
    void badInputGetsAPlainTranslatedErrorAndChangesNothing() {
        Issued mine = issue(null, "ja");
        Issued theirs = issue(null, "ja");
        PortalClient portal = new PortalClient("ja");

        PortalClient.Page wrongLogin = portal.login(mine.userId, mine.password.toUpperCase());
        assertEquals(List.of("ユーザIDまたはパスワードが正しくありません。大文字、小文字に注意してもう一度入力してください。"),
                wrongLogin.errors());
        assertEquals(wrongLogin.errors(), portal.login("nobody-" + mine.userId, mine.password).errors(),
                "no hint whether the ID or the password was wrong");
        portal.login(mine.userId, mine.password);

        String p = mine.password;
        assertError(portal.retrieve(theirs.requestId, p, p), "このリクエストIDはお客様のアカウントのものではないか");
        assertError(portal.retrieve("ABCDEFGHJKMNPQRS", p, p), "このリクエストIDはお客様のアカウントのものではないか");
        assertError(portal.retrieve(mine.requestId.toLowerCase(), p, p), "リクエストIDは大文字です");
        assertError(portal.retrieve(" " + mine.requestId + " ", p, p), "リクエストIDの前後に空白があります");
        assertError(portal.retrieve("X".repeat(1_000_000), p, p), "リクエストIDは「証明書発行通知」メールに記載の 16 文字");
        assertError(portal.retrieve(mine.requestId, p, p + "x"), "パスワードとパスワードの確認が一致しません");
        assertError(portal.retrieve(mine.requestId, p.toLowerCase(), p.toLowerCase()), "パスワードが正しくありません");
        assertError(portal.retrieve(mine.requestId, "", ""), "は必須です");

        JsonObject state = certificate(mine.serial);
        assertEquals("PENDING", state.getString("retrievalStatus"));
        assertFalse(state.containsKey("firstRetrievedAt") && !state.isNull("firstRetrievedAt"));
        assertEquals("PENDING", certificate(theirs.serial).getString("retrievalStatus"), "the other account's too");
    }

    @Test
    void forgedOrStaleFormsLandOnAPlainPageAndChangeNothing() {
        Issued issued = issue(null, "en");
        PortalClient portal = new PortalClient("en");
        portal.login(issued.userId, issued.password);
        PortalClient.Page form = portal.get("/portal/retrieve.xhtml");
        Map<String, String> fields = Map.of("requestId", issued.requestId, "password", issued.password,
                "confirmation", issued.password);

        PortalClient.Page forged = portal.post(form.uri(), "retrieve", fields, "submit", "-1234:5678");
        assertTrue(forged.html().contains("Your session has ended"), forged.html());

        PortalClient other = new PortalClient("en"); // another site's form: no session cookie of ours
        PortalClient.Page crossSite = other.post(form.uri(), "retrieve", fields, "submit", form.viewState());
        assertFalse(crossSite.html().contains(".p12"), "nothing prepared without the user's session");
        assertEquals("PENDING", certificate(issued.serial).getString("retrievalStatus"));
    }

    @Test
    void repeatedDownloadsWorkUntilTheRetrievalLockThenOnlyAReissueHelps() throws Exception {
        String customer = customer();
        assertEquals(200, api.put("/api/v1/customers/" + enc(customer) + "/policy",
                "{\"lockAfterRetrieval\":\"PT6S\"}").status());
        Issued issued = issue(customer, "ja");
        PortalClient portal = new PortalClient("ja");
        portal.login(issued.userId, issued.password);
        PortalClient.Page ready = portal.retrieve(issued.requestId, issued.password, issued.password);
        assertEquals("application/x-pkcs12", portal.download(ready).header("Content-Type"));
        assertEquals("application/x-pkcs12", portal.download(ready).header("Content-Type"), "a double click is fine");

        Poll.until("locked by the timer", java.time.Duration.ofSeconds(30),
                () -> certificate(issued.serial).getString("retrievalStatus"), "LOCKED"::equals);
        assertError(portal.retrieve(issued.requestId, issued.password, issued.password), "鍵取得後の期間が");
        PortalClient.Page replay = portal.download(ready);
        assertFalse("application/x-pkcs12".equals(replay.header("Content-Type")), "no download after the lock");
    }

    @Test
    void afterTheLockOnlyAReissueHelpsAndTheOldRequestStaysDead() {
        String customer = customer();
        assertEquals(200, api.put("/api/v1/customers/" + enc(customer) + "/policy", "{\"lockAfterIssuance\":\"PT1S\"}")
                .status());
        Issued first = issue(customer, "ja");
        PortalClient portal = new PortalClient("ja");
        portal.login(first.userId, first.password);
        assertError(portal.retrieve(first.requestId, first.password, first.password), "証明書発行後の鍵の取得期間が");

        assertEquals(200, api.put("/api/v1/customers/" + enc(customer) + "/policy", "{\"lockAfterIssuance\":\"P30D\"}")
                .status());
        Api.Response reissued = api.post("/api/v1/certificates/" + first.serial + "/reissue", "");
        assertEquals(201, reissued.status(), reissued.body());
        JsonObject fresh = reissued.json();
        assertTrue(Long.parseLong(fresh.getString("cn").substring(4)) > Long.parseLong(first.cn.substring(4)),
                "the reissue has a higher dscaNNNNN");
        assertNotEquals(first.requestId, fresh.getString("requestId"));
        assertEquals("LOCKED", certificate(first.serial).getString("retrievalStatus"));

        Mailbox.Credentials mailed = mailbox.credentials(accountEmail(first.userId), 4);
        assertEquals(fresh.getString("requestId"), mailed.requestId(), "both mails again, with the new Request ID");
        PortalClient again = new PortalClient("ja");
        again.login(first.userId, mailed.password());
        assertError(again.retrieve(first.requestId, mailed.password(), mailed.password()), "再発行により無効になりました");
        PortalClient.Page ready = again.retrieve(fresh.getString("requestId"), mailed.password(), mailed.password());
        assertEquals("application/x-pkcs12", again.download(ready).header("Content-Type"));
    }

    @Test
    void failedAttemptsAreSlowedDownButTheOwnerIsNotLockedOut() {
        Issued issued = issue(null, "en");
        PortalClient attacker = new PortalClient("en");
        for (int i = 0; i < 5; i++) {
            attacker.login(issued.userId, "guess-" + i);
        }
        List<String> slowed = attacker.login(issued.userId, issued.password).errors();
        assertEquals(1, slowed.size());
        assertTrue(slowed.get(0).startsWith("Too many failed attempts"), slowed.toString());
        // A refused attempt during the delay does not lengthen it, so asking again until the owner gets in is safe.
        PortalClient owner = new PortalClient("en");
        Poll.until("the owner gets in after the short delay", java.time.Duration.ofSeconds(15),
                () -> owner.login(issued.userId, issued.password).uri(), uri -> uri.endsWith("/portal/menu.xhtml"));
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private record Issued(String userId, String password, String requestId, String cn, String serial) {
    }

    private Issued issue(String customer, String language) {
        String owner = customer == null ? customer() : customer;
        String email = "p-" + UUID.randomUUID() + "@example.jp";
        Api.Response account = api.post("/api/v1/accounts", "{\"customer\":\"" + owner + "\",\"email\":\"" + email
                + "\",\"displayName\":\"利用者\",\"language\":\"" + language + "\"}");
        assertEquals(201, account.status(), account.body());
        String userId = account.json().getString("userId");
        JsonObject cert = api.post("/api/v1/certificates", "{\"userId\":\"" + userId + "\"}").json();
        Mailbox.Credentials credentials = mailbox.credentials(email, 2);
        assertEquals(cert.getString("requestId"), credentials.requestId());
        return new Issued(userId, credentials.password(), credentials.requestId(), cert.getString("cn"),
                cert.getString("serial"));
    }

    private String customer() {
        String name = "Portal " + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, api.post("/api/v1/customers", "{\"name\":\"" + name + "\",\"contactEmail\":\"ca@example.jp\"}")
                .status());
        return name;
    }

    private String accountEmail(String userId) {
        return api.get("/api/v1/accounts/" + userId).json().getString("email");
    }

    private JsonObject certificate(String serial) {
        return api.get("/api/v1/certificates/" + serial).json();
    }

    private static void assertError(PortalClient.Page page, String expected) {
        assertEquals(1, page.errors().size(), page.html());
        assertTrue(page.errors().get(0).contains(expected), page.errors().get(0));
        assertFalse(page.html().contains("downloadButton"), "no download offered");
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String run(String... command) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/" + command[0])), command[0] + " not installed");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", command) + "\n" + out);
        return out;
    }

    private static String runExpectingFailure(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertNotEquals(0, p.exitValue(), out);
        return out;
    }
}
