package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 12, transport: the security headers on every area of 8443, 8080 and 8444; TLS 1.3 and 1.2 with strong suites
 * only on 8443 and 8444; no /wildfly-services; a TLS keystore whose password is not "password"; /health without
 * details for anonymous callers; KAGI_SMTP_STARTTLS=required never sends in clear; the IT server's PID file.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TransportIT {

    static final int OFFSET = TlsClient.OFFSET;
    static final String HTTPS = "https://localhost:" + (8443 + OFFSET);
    static final String HTTP = "http://localhost:" + (8080 + OFFSET);
    static final Duration BOUND = Duration.ofSeconds(60);
    private static final Pattern NEGOTIATED = Pattern.compile("New, (TLSv1\\.[0-3]), Cipher is (\\S+)");

    @RegisterExtension
    static GreenMailExtension smtp = Mailbox.smtpServer();

    @ArquillianResource
    ManagementClient management;

    private final Api api = Api.admin();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return KagiDeployment.shipped();
    }

    @Test
    void everyAreaOf8443And8080CarriesTheSecurityHeaders() throws Exception {
        HttpClient anonymous = Api.client();
        for (String path : List.of("/portal/", "/portal/index.xhtml", "/admin/", "/admin/index.xhtml",
                "/api/v1/customers", "/api/v1/openapi.yaml", "/health", "/crl/issuing-ca.crl", "/crl/issuing-ca.cer",
                "/error.html", "/error.css", "/resources/css/kagi.css", "/no-such-page", "/portal/no-such.xhtml")) {
            HttpResponse<String> r = send(anonymous, HTTPS + path, null);
            assertCommonHeaders(r, true);
            List<String> csp = r.headers().allValues("Content-Security-Policy");
            assertEquals(1, csp.size(), path + ": one policy, not two that intersect: " + csp);
            String policy = csp.get(0);
            assertTrue(policy.contains("frame-ancestors 'none'") && policy.contains("base-uri 'none'"), path + ": " + policy);
            assertFalse(policy.contains("unsafe-eval"), path + ": " + policy);
            if (r.statusCode() == 200 && r.headers().firstValue("Content-Type").orElse("").startsWith("text/html")
                    && !path.startsWith("/error")) {
                // A JSF screen: scripts only from this origin or with this response's nonce, never any inline script.
                Matcher script = Pattern.compile("script-src ([^;]*)").matcher(policy);
                assertTrue(script.find(), path + ": " + policy);
                assertTrue(script.group(1).matches("'self' 'nonce-[A-Za-z0-9+/=_-]+'\\s*"), path + ": " + policy);
                String nonce = script.group(1).replaceAll(".*'nonce-([^']+)'.*", "$1").strip();
                assertTrue(r.body().contains("nonce=\"" + nonce + "\""), path + ": the page's scripts carry the nonce");
                assertFalse(Pattern.compile("<[^>]+\\son[a-z]+=\"", Pattern.CASE_INSENSITIVE).matcher(r.body()).find(),
                        path + ": no inline event handler attribute left for the policy to block");
            } else {
                assertEquals("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none';"
                        + " frame-ancestors 'none'", policy, path);
            }
        }
        // Signed in (REST with credentials) the same.
        HttpResponse<String> signedIn = send(anonymous, HTTPS + "/api/v1/customers", Api.ADMIN + ":" + Api.ADMIN_PASSWORD);
        assertEquals(200, signedIn.statusCode());
        assertCommonHeaders(signedIn, true);
        // Plain HTTP: revocation data answered, everything else redirected; HSTS belongs to TLS answers only.
        for (String path : List.of("/crl/issuing-ca.crl", "/portal/", "/admin/", "/api/v1/customers")) {
            HttpResponse<String> r = send(anonymous, HTTP + path, null);
            assertCommonHeaders(r, false);
            assertTrue(r.headers().firstValue("Strict-Transport-Security").isEmpty(), path);
        }
    }

    @Test
    void port8444CarriesTheSecurityHeadersAndBothPortsSpeakOnlyStrongTls() throws Exception {
        TlsClient.Keys keys = download();
        HttpClient withCertificate = HttpClient.newBuilder().sslContext(TlsClient.context(keys))
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        for (String path : List.of("/asp/", "/selftest", "/no-such-page")) {
            HttpResponse<String> r = send(withCertificate, TlsClient.ASP + path, null);
            assertCommonHeaders(r, true);
            assertEquals(List.of("default-src 'none'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"),
                    r.headers().allValues("Content-Security-Policy"), path);
        }

        for (int port : new int[] {8443 + OFFSET, 8444 + OFFSET}) {
            TlsClient.Keys presented = port == 8443 + OFFSET ? null : keys;
            String where = "127.0.0.1:" + port;
            assertNegotiated("TLSv1.3", handshake(presented, where, "-tls1_3"), port);
            for (String strong : List.of("ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES256-GCM-SHA384",
                    "ECDHE-RSA-CHACHA20-POLY1305")) {
                assertNegotiated("TLSv1.2", handshake(presented, where, "-tls1_2", "-cipher", strong), port);
            }
            // Whatever the client offers for TLS 1.2, the server picks a forward-secret AEAD suite.
            String any12 = handshake(presented, where, "-tls1_2", "-cipher", "ALL:@SECLEVEL=0");
            Matcher m = NEGOTIATED.matcher(any12);
            assertTrue(m.find(), port + ": " + any12);
            assertTrue(m.group(2).startsWith("ECDHE-") && (m.group(2).contains("GCM") || m.group(2).contains("CHACHA")),
                    port + " chose " + m.group(2));
            // Refused: TLS 1.1, RSA key exchange, CBC.
            assertRefused(handshake(presented, where, "-tls1_1", "-cipher", "ALL:@SECLEVEL=0"), port, "TLS 1.1");
            assertRefused(handshake(presented, where, "-tls1_2", "-cipher", "AES128-SHA:@SECLEVEL=0"), port, "RSA kx CBC");
            assertRefused(handshake(presented, where, "-tls1_2", "-cipher", "AES128-GCM-SHA256"), port, "RSA kx");
            assertRefused(handshake(presented, where, "-tls1_2", "-cipher", "ECDHE-RSA-AES128-SHA:@SECLEVEL=0"), port, "CBC");
        }
    }

    @Test
    void wildflyServicesIsGoneFromTheApplicationPorts() throws Exception {
        HttpClient client = Api.client();
        assertEquals(404, send(client, HTTPS + "/wildfly-services", null).statusCode());
        assertEquals(404, send(client, HTTPS + "/wildfly-services/ejb/v1/discover", null).statusCode());
        HttpResponse<String> plain = send(client, HTTP + "/wildfly-services", null);
        if (plain.statusCode() == 302) { // the application's HTTPS redirect: nothing of WildFly's invoker answers
            String location = plain.headers().firstValue("Location").orElseThrow();
            assertTrue(location.startsWith(HTTPS + "/wildfly-services"), location);
            assertEquals(404, send(client, location, null).statusCode());
        } else {
            assertEquals(404, plain.statusCode());
        }
    }

    @Test
    void theTlsKeystoreHasAPasswordOfItsOwn() throws Exception {
        send(Api.client(), HTTPS + "/health", null); // WildFly writes the keystore at the first TLS use
        Path server = Path.of(System.getProperty("kagi.it.dir"), database());
        Path properties = server.resolve("kagi-it.properties");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(properties)));
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(properties)) {
            p.load(in);
        }
        String password = p.getProperty("kagi.tls.keystore.password");
        assertNotNull(password);
        assertTrue(password.length() >= 24, "a random password");
        Path keystore = server.resolve("configuration/kagi-tls.p12");
        byte[] bytes = Files.readAllBytes(keystore);
        KeyStore right = KeyStore.getInstance("PKCS12");
        right.load(new ByteArrayInputStream(bytes), password.toCharArray());
        assertTrue(right.size() > 0);
        assertThrows(IOException.class,
                () -> KeyStore.getInstance("PKCS12").load(new ByteArrayInputStream(bytes), "password".toCharArray()));
        assertFalse(Files.exists(server.resolve("configuration/application.keystore")), "the stock keystore is unused");
    }

    @Test
    void healthTellsAnonymousCallersTheStatusOnly() throws Exception {
        HttpResponse<String> r = send(Api.client(), HTTPS + "/health", null);
        assertEquals(200, r.statusCode());
        assertEquals("{\"status\":\"UP\"}", r.body());
        assertTrue(r.headers().allValues("Set-Cookie").isEmpty(), "no session for a probe");
    }

    @Test
    void requiredStartTlsKeepsMailQueuedRatherThanSendingItInClear() throws Exception {
        // GreenMail's plain SMTP offers no STARTTLS. The setting is read before every mail: set it in the server JVM.
        ModelNode property = Operations.createAddress("system-property", "kagi.smtp.starttls");
        execute(addWithValue(property, "required"));
        String email = "starttls-" + UUID.randomUUID() + "@example.jp";
        try {
            String customer = "StartTLS " + UUID.randomUUID().toString().substring(0, 8);
            assertEquals(201, api.post("/api/v1/customers", "{\"name\":\"" + customer
                    + "\",\"contactEmail\":\"c@example.jp\"}").status());
            String userId = api.post("/api/v1/accounts", "{\"customer\":\"" + customer + "\",\"email\":\"" + email
                    + "\",\"displayName\":\"暗号\",\"language\":\"ja\"}").json().getString("userId");
            assertEquals(201, api.post("/api/v1/certificates", "{\"userId\":\"" + userId + "\"}").status());
            JsonArray held = Poll.until("the mails tried and held back", BOUND, () -> mails(email),
                    mails -> mails.size() == 2 && mails.stream().map(JsonObject.class::cast).allMatch(m ->
                            m.getInt("attempts") >= 2 && "PENDING".equals(m.getString("status"))));
            for (var m : held) {
                String reason = m.asJsonObject().getString("lastError");
                assertTrue(reason.contains("KAGI_SMTP_STARTTLS=required") && reason.contains("STARTTLS"), reason);
            }
            assertEquals(0, received(email), "nothing went out in clear");
        } finally {
            execute(Operations.createRemoveOperation(property));
        }
        // Back to the default (no STARTTLS): the held mails leave, once each.
        Poll.until("the held mails sent", BOUND, () -> mails(email), mails -> mails.stream()
                .allMatch(m -> "SENT".equals(m.asJsonObject().getString("status"))));
        assertEquals(2, received(email));
    }

    @Test
    void theServerUnderTestHasItsPidInThisCheckout() throws Exception {
        Path file = ServerPidFile.file();
        long pid = Long.parseLong(Files.readString(file).strip());
        ProcessHandle server = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no process " + pid));
        String command = String.join(" ", server.info().arguments().orElseThrow());
        assertTrue(command.contains("jboss-modules.jar") && command.contains(System.getProperty("kagi.it.dir")), command);
    }

    // ---------------------------------------------------------------------------------------------------------

    private static ModelNode addWithValue(ModelNode address, String value) {
        ModelNode op = Operations.createAddOperation(address);
        op.get("value").set(value);
        return op;
    }

    private static void assertCommonHeaders(HttpResponse<String> r, boolean tls) {
        String what = r.uri() + " (" + r.statusCode() + ")";
        assertEquals(List.of("nosniff"), r.headers().allValues("X-Content-Type-Options"), what);
        assertEquals(List.of("DENY"), r.headers().allValues("X-Frame-Options"), what);
        assertEquals(List.of("no-referrer"), r.headers().allValues("Referrer-Policy"), what);
        if (tls) {
            assertEquals(List.of("max-age=31536000"), r.headers().allValues("Strict-Transport-Security"), what);
        }
    }

    private static HttpResponse<String> send(HttpClient client, String url, String basic) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (basic != null) {
            b.header("Authorization", "Basic " + java.util.Base64.getEncoder()
                    .encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String handshake(TlsClient.Keys keys, String where, String... args) throws Exception {
        List<String> all = new java.util.ArrayList<>(List.of("-connect", where, "-servername", "localhost"));
        all.addAll(Arrays.asList(args));
        return TlsClient.openssl(keys, all.toArray(String[]::new));
    }

    private static void assertNegotiated(String protocol, String out, int port) {
        Matcher m = NEGOTIATED.matcher(out);
        assertTrue(m.find(), port + " should negotiate " + protocol + ": " + out);
        assertEquals(protocol, m.group(1), port + ": " + out);
    }

    private static void assertRefused(String out, int port, String what) {
        Matcher m = NEGOTIATED.matcher(out);
        assertFalse(m.find(), port + " must refuse " + what + ", negotiated: " + out);
    }

    private JsonArray mails(String email) {
        return api.get("/api/v1/mail?to=" + URLEncoder.encode(email, StandardCharsets.UTF_8)).array();
    }

    private long received(String email) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(email);
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).count();
    }

    private void execute(ModelNode op) throws IOException {
        ModelNode result = management.getControllerClient().execute(op);
        assertTrue(Operations.isSuccessfulOutcome(result), op + " -> " + result);
    }

    /** A certificate issued through REST and fetched as the user does (as AspListenerIT does), for 8444. */
    private TlsClient.Keys download() throws Exception {
        String customer = "TLS " + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, api.post("/api/v1/customers", "{\"name\":\"" + customer
                + "\",\"contactEmail\":\"ca@example.jp\"}").status());
        String email = "tls-" + UUID.randomUUID() + "@example.jp";
        String userId = api.post("/api/v1/accounts", "{\"customer\":\"" + customer + "\",\"email\":\"" + email
                + "\",\"displayName\":\"TLS\",\"language\":\"en\"}").json().getString("userId");
        JsonObject cert = api.post("/api/v1/certificates", "{\"userId\":\"" + userId + "\"}").json();
        Mailbox.Credentials credentials = new Mailbox(smtp).credentials(email, 2);
        PortalClient portal = new PortalClient("en");
        portal.login(userId, credentials.password());
        PortalClient.Page file = portal.download(portal.retrieve(credentials.requestId(), credentials.password(),
                credentials.password()));
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        p12.load(new ByteArrayInputStream(file.body()), credentials.password().toCharArray());
        String cn = cert.getString("cn");
        // The 8444 trust store follows the CA: poll until this certificate is admitted.
        TlsClient.Keys keys = new TlsClient.Keys(p12, cn, credentials.password());
        Poll.until("8444 admits the new certificate", BOUND, () -> TlsClient.get(keys, TlsClient.ASP + "/asp/", "en"),
                o -> o.status() == 200);
        return keys;
    }

    private static String database() {
        return System.getProperty("arquillian.launch", "wildfly-h2").replace("wildfly-", "");
    }
}
