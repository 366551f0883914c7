package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The self-test page (証明書の動作確認) on 8444 over real TLS, presenting the {@code <CN>.p12} downloaded through
 * the portal: the current certificate and its first success recorded as installed, the older one after a reissue
 * (first "retrieve the newer", then "choose the newer"), not on 8443; and no TLS session resumption past a
 * revocation.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SelfTestPageIT {

    static final String ASP = TlsClient.ASP;
    static final String PORTAL = "https://localhost:" + (8443 + TlsClient.OFFSET);

    @RegisterExtension
    static GreenMailExtension smtp = Mailbox.smtpServer();

    private final Api api = Api.admin();
    private final Mailbox mailbox = new Mailbox(smtp);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return KagiDeployment.shipped();
    }

    @Test
    void theCurrentCertificateIsNamedAndItsFirstSuccessRecordedInBothLanguages() {
        Account a = account("ja");
        Holder h = download(a, 2);
        assertEquals(null, installedAt(h.serial()), "not installed before the self-test");

        TlsClient.Outcome ja = TlsClient.get(h.keys(), ASP + "/selftest", "ja");
        assertEquals(200, ja.status(), ja.toString());
        assertTrue(ja.body().contains("<h1>証明書の動作確認</h1>"), ja.body());
        assertTrue(ja.body().contains("<dd id=\"cn\">" + h.cn() + "</dd>"), ja.body());
        assertTrue(ja.body().contains("<dd id=\"customer\">" + a.customer() + "</dd>"), ja.body());
        assertTrue(ja.body().contains("<dd id=\"serial\">" + h.serial() + "</dd>"), ja.body());
        assertTrue(ja.body().contains("有効 (最新)") && ja.body().contains("お客様の最新の証明書です。"), ja.body());
        assertTrue(ja.body().contains("ブラウザは最新の証明書 " + h.cn() + " を送信しています"), ja.body());
        assertTrue(ja.body().contains("id=\"installedFirst\""), ja.body());
        String installedAt = installedAt(h.serial());
        assertTrue(installedAt != null, "the first success recorded");

        TlsClient.Outcome en = TlsClient.get(h.keys(), ASP + "/selftest", "en-US,en;q=0.8");
        assertEquals(200, en.status(), en.toString());
        assertTrue(en.body().contains("<h1>Test my certificate</h1>") && en.body().contains("Valid and current"),
                en.body());
        assertFalse(en.body().contains("id=\"installedFirst\""), "recorded once: " + en.body());
        assertTrue(en.body().contains("id=\"installedAt\""), en.body());
        assertEquals(installedAt, installedAt(h.serial()), "the first success stays");

        TlsClient.Outcome on8443 = TlsClient.get(null, PORTAL + "/selftest", "en");
        assertNotEquals(200, on8443.status(), on8443.toString());
        assertFalse(on8443.body().contains("Test my certificate</h1>"), on8443.body());
    }

    @Test
    void afterAReissueTheOlderCertificateIsToldToRetrieveThenChooseTheNewerOne() {
        Account a = account("en");
        Holder older = download(a, 2);
        assertEquals(200, TlsClient.get(older.keys(), ASP + "/selftest", "en").status());
        Api.Response reissued = api.post("/api/v1/certificates/" + older.serial() + "/reissue", "");
        assertEquals(201, reissued.status(), reissued.body());
        String newerCn = reissued.json().getString("cn");

        TlsClient.Outcome waiting = TlsClient.get(older.keys(), ASP + "/selftest", "en");
        assertEquals(200, waiting.status(), waiting.toString());
        assertTrue(waiting.body().contains("Valid, but replaced by a newer certificate"), waiting.body());
        assertTrue(waiting.body().contains("A newer certificate, " + newerCn + ", is waiting for you."), waiting.body());

        Holder newer = download(a, 4);
        assertEquals(newerCn, newer.cn());
        TlsClient.Outcome current = TlsClient.get(newer.keys(), ASP + "/selftest", "en");
        assertTrue(current.body().contains("Valid and current") && current.body().contains("id=\"installedFirst\""),
                current.body());
        assertTrue(installedAt(newer.serial()) != null, "the newer certificate recorded as installed");

        TlsClient.Outcome ja = TlsClient.get(older.keys(), ASP + "/selftest", "ja");
        assertTrue(ja.body().contains("有効 (新しい証明書があります)"), ja.body());
        assertTrue(ja.body().contains("ブラウザは旧証明書 " + older.cn() + " を送信しました。") && ja.body().contains(
                "番号の大きい方 " + newerCn + " をご選択下さい"), ja.body());
        assertTrue(ja.body().contains("お客様には新しい証明書があります: " + newerCn), ja.body());
    }

    /**
     * A resumed TLS session skips the trust manager: the listener keeps sessions for one second only, so a session
     * saved before a revocation no longer opens the service once a new handshake is refused.
     */
    @Test
    void aSessionSavedBeforeARevocationIsNotResumedAfterIt() throws Exception {
        Holder h = download(account("en"), 2);
        Path session = Files.createTempFile("kagi-asp-session", ".pem");
        try {
            String first = TlsClient.openssl(h.keys(), "-connect", "127.0.0.1:" + (8444 + TlsClient.OFFSET),
                    "-servername", "localhost", "-sess_out", session.toString());
            assertTrue(first.contains("HTTP/1.1 200") && first.contains(h.cn()), first);
            assertTrue(Files.size(session) > 0, "openssl saved the session");
            String again = TlsClient.openssl(h.keys(), "-connect", "127.0.0.1:" + (8444 + TlsClient.OFFSET),
                    "-servername", "localhost", "-sess_in", session.toString());
            System.out.println("SelfTestPageIT: immediate reconnection with the saved session: "
                    + (again.contains("Reused,") ? "resumed" : "full handshake"));

            assertEquals(200, api.post("/api/v1/certificates/" + h.serial() + "/revoke",
                    "{\"reason\":\"keyCompromise\"}").status());
            Poll.until("the revoked certificate refused on a new handshake", Duration.ofSeconds(60),
                    () -> TlsClient.get(h.keys(), ASP + "/asp/", "en"), TlsClient.Outcome::refusedByTls);
            // Within its one second the saved session may still resume; the bound is what matters.
            String resumed = Poll.until("the saved session no longer opens the service", Duration.ofSeconds(10),
                    () -> resume(h, session),
                    out -> !out.contains("HTTP/1.1 200"));
            assertFalse(resumed.contains("Reused,"), resumed);
        } finally {
            Files.deleteIfExists(session);
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    record Account(String customer, String userId, String email, String language) {
    }


    record Holder(TlsClient.Keys keys, String cn, String serial) {
    }


    private Account account(String language) {
        String customer = "Selftest " + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, api.post("/api/v1/customers", "{\"name\":\"" + customer
                + "\",\"contactEmail\":\"ca@example.jp\"}").status());
        String email = "st-" + UUID.randomUUID() + "@example.jp";
        Api.Response account = api.post("/api/v1/accounts", "{\"customer\":\"" + customer + "\",\"email\":\"" + email
                + "\",\"displayName\":\"Self test\",\"language\":\"" + language + "\"}");
        assertEquals(201, account.status(), account.body());
        String userId = account.json().getString("userId");
        assertEquals(201, api.post("/api/v1/certificates", "{\"userId\":\"" + userId + "\"}").status());
        return new Account(customer, userId, email, language);
    }

    /** The account's newest certificate as the user gets it: mailed password, portal, 鍵の取得, download. */
    private Holder download(Account a, int mails) {
        Mailbox.Credentials credentials = mailbox.credentials(a.email(), mails);
        PortalClient portal = new PortalClient(a.language());
        portal.login(a.userId(), credentials.password());
        PortalClient.Page file = portal.download(portal.retrieve(credentials.requestId(), credentials.password(),
                credentials.password()));
        assertEquals("application/x-pkcs12", file.header("Content-Type"));
        try {
            KeyStore p12 = KeyStore.getInstance("PKCS12");
            p12.load(new ByteArrayInputStream(file.body()), credentials.password().toCharArray());
            String cn = java.util.Collections.list(p12.aliases()).stream().filter(alias -> isKey(p12, alias))
                    .findFirst().orElseThrow();
            assertTrue(cn.startsWith("dsca"), cn);
            String hex = ((java.security.cert.X509Certificate) p12.getCertificate(cn)).getSerialNumber().toString(16)
                    .toUpperCase(java.util.Locale.ROOT);
            String serial = hex.length() % 2 == 0 ? hex : "0" + hex; // as Kagi writes serials
            return new Holder(new TlsClient.Keys(p12, cn, credentials.password()), cn, serial);
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (java.security.KeyStoreException e) {
            throw new AssertionError(e);
        }
    }

    private static String resume(Holder h, Path session) {
        try {
            return TlsClient.openssl(h.keys(), "-connect", "127.0.0.1:" + (8444 + TlsClient.OFFSET), "-servername",
                    "localhost", "-sess_in", session.toString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The certificate's installedAt as the REST API shows it (absent or null: not installed). */
    private String installedAt(String serial) {
        Api.Response r = api.get("/api/v1/certificates/" + serial);
        assertEquals(200, r.status(), r.body());
        JsonObject json = r.json();
        return json.containsKey("installedAt") && !json.isNull("installedAt") ? json.getString("installedAt") : null;
    }
}
