package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import jp.kagi.asp.AspRefusals;
import jp.kagi.asp.RefusalReason;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509TrustManager;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client-certificate listener on 8444 (+ offset) and the demo ASP service, with real peers: Java's HttpClient
 * presenting the {@code <CN>.p12} downloaded through the portal, and {@code openssl s_client}. Every refusal the
 * issue lists is shown; the odd certificates are made inside the server with the issuing CA's key (AspCertProbe).
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AspListenerIT {

    static final int OFFSET = Integer.getInteger("kagi.it.port.offset", 0);
    static final String ASP = "https://localhost:" + (8444 + OFFSET);
    static final String CRL_ONLY = "https://localhost:" + (8445 + OFFSET);
    static final String PORTAL = "https://localhost:" + (8443 + OFFSET);
    /** The stated bound for a revocation to take effect on 8444 (docs/operations.md). */
    static final Duration BOUND = Duration.ofSeconds(60);
    static final String ODD_SUBJECT = "C=JP,OU=ASP IT,CN=dsca99999";

    @RegisterExtension
    static GreenMailExtension smtp = Mailbox.smtpServer();

    @Inject
    AspCertProbe probe;

    @Inject
    AspRefusals refusals;

    @ArquillianResource
    ManagementClient management;

    @Deployment
    static EnterpriseArchive deployment() {
        return KagiDeployment.withTestClasses(AspListenerIT.class, AspCertProbe.class, AspCertProbe.Odd.class,
                KagiDeployment.class, PortalClient.class, Mailbox.class, Api.class, Poll.class);
    }

    /** Inside the server: one PKCS#12 per odd certificate, handed to the client-side tests as files. */
    @Test
    @Order(1)
    void theOddCertificatesAreMadeInsideTheServer() throws Exception {
        Path dir = Path.of(System.getProperty("jboss.server.base.dir"), "asp-it");
        Files.createDirectories(dir);
        for (AspCertProbe.Odd odd : AspCertProbe.Odd.values()) {
            Files.write(dir.resolve(odd + ".p12"), probe.craft(odd, ODD_SUBJECT));
        }
    }

    @Test
    @Order(2)
    @RunAsClient
    void aKagiCertificateFromThePortalIsGreetedByCnAndCustomerInJapaneseAndEnglish() throws Exception {
        Holder h = download("ja");
        Outcome ja = get(h.keys(), ASP + "/asp/", "ja");
        assertEquals(200, ja.status(), ja.toString());
        assertTrue(ja.body().contains(h.cn()) && ja.body().contains(h.customer()), ja.body());
        assertTrue(ja.body().contains("ようこそ") && ja.body().contains(h.serial()), ja.body());
        Outcome en = get(h.keys(), ASP + "/asp/", "en-US,en;q=0.8");
        assertEquals(200, en.status(), en.toString());
        assertTrue(en.body().contains("Welcome, " + h.cn() + " of " + h.customer()), en.body());
        assertTrue(en.body().contains("Valid until"), en.body());

        String out = openssl(h, "-connect", "127.0.0.1:" + (8444 + OFFSET), "-servername", "localhost");
        assertTrue(out.contains("HTTP/1.1 200") && out.contains(h.cn()), out);
    }

    @Test
    @Order(3)
    @RunAsClient
    void nothingButTheAspServiceOn8444AndTheAspServiceNotOn8443() throws Exception {
        Holder h = download("en");
        for (String path : List.of("/portal/login.xhtml", "/admin/", "/api/v1/customers", "/health", "/ocsp",
                "/crl/issuing-ca.crl")) {
            Outcome o = get(h.keys(), ASP + path, "en");
            assertEquals(404, o.status(), path + ": " + o);
        }
        Outcome portal = get(null, PORTAL + "/asp/", "en");
        assertNotEquals(200, portal.status(), portal.toString());
        assertFalse(portal.body().contains("Welcome,"), portal.body());
    }

    @Test
    @Order(4)
    @RunAsClient
    void noCertificateIsRefusedByTheHandshake() throws Exception {
        Outcome java = get(null, ASP + "/asp/", "en");
        assertTrue(java.refusedByTls(), java.toString());
        String out = openssl(null, "-connect", "127.0.0.1:" + (8444 + OFFSET), "-servername", "localhost");
        assertFalse(out.contains("HTTP/1.1 200"), out);
        assertTrue(out.contains("alert"), out);
    }

    @Test
    @Order(5)
    @RunAsClient
    void aClientOfferingOnlyTls11IsRefused() throws Exception {
        String out = run(true, "openssl", "s_client", "-connect", "127.0.0.1:" + (8444 + OFFSET), "-tls1_1",
                "-cipher", "DEFAULT@SECLEVEL=0");
        assertTrue(out.contains("alert protocol version"), "the server answered protocol_version: " + out);
        assertFalse(out.contains("Verify return code: 0") && out.contains("TLSv1.1, Cipher is"), out);
    }

    @Test
    @Order(6)
    @RunAsClient
    void eachOddCertificateIsRefused() throws Exception {
        Path dir = Path.of(System.getProperty("kagi.it.dir"), database(), "asp-it");
        for (AspCertProbe.Odd odd : AspCertProbe.Odd.values()) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(new ByteArrayInputStream(Files.readAllBytes(dir.resolve(odd + ".p12"))),
                    AspCertProbe.PASSWORD.toCharArray());
            Outcome o = get(new Keys(ks, "client", AspCertProbe.PASSWORD), ASP + "/asp/", "en");
            if (odd == AspCertProbe.Odd.CA_TRUE) {
                // PKIX accepts a CA certificate as a leaf; the ASP module refuses it before the page.
                assertTrue(o.refusedByTls() || o.status() == 403, odd + ": " + o);
                if (o.status() == 403) {
                    assertTrue(o.body().contains("CA certificate"), o.body());
                }
            } else {
                assertTrue(o.refusedByTls(), odd + " must not complete the handshake: " + o);
            }
            System.out.println("AspListenerIT " + odd + ": " + o);
        }
    }

    @Test
    @Order(7)
    @RunAsClient
    void aRevokedCertificateIsRefusedThroughOcspWithinTheBoundWithoutRestart() throws Exception {
        Holder h = download("en");
        assertEquals(200, get(h.keys(), ASP + "/asp/", "en").status());
        long revoked = System.nanoTime();
        assertEquals(200, Api.admin().post("/api/v1/certificates/" + h.serial() + "/revoke",
                "{\"reason\":\"keyCompromise\"}").status());
        Poll.until("the revoked certificate refused on 8444", BOUND, () -> get(h.keys(), ASP + "/asp/", "en"),
                Outcome::refusedByTls);
        System.out.println("AspListenerIT OCSP: refused " + Duration.ofNanos(System.nanoTime() - revoked).toMillis()
                + " ms after the revocation");
    }

    /**
     * The CRL path: a second listener on 8445 (+ offset) is added through the management API with a trust manager
     * that reads only the CRL file (no OCSP), over the same trust store. Kagi is told to reload it too
     * (kagi.asp.trust.managers), so the revocation reaches it only through a newly published CRL, written and
     * reloaded by the application without a restart.
     */
    @Test
    @Order(8)
    @RunAsClient
    void aRevokedCertificateIsRefusedThroughTheCrlWithinTheBound() throws Exception {
        ModelNode crl = execute(Operations.createReadAttributeOperation(
                Operations.createAddress("subsystem", "elytron", "trust-manager", "kagi-asp-trust"),
                "certificate-revocation-list"));
        ModelNode tm = Operations.createAddOperation(elytron("trust-manager", "kagi-asp-crl-it"));
        tm.get("key-store").set("kagi-asp-trust");
        tm.get("only-leaf-cert").set(true);
        tm.get("soft-fail").set(false);
        tm.get("certificate-revocation-list").set(crl);
        ModelNode ssl = Operations.createAddOperation(elytron("server-ssl-context", "kagi-asp-crl-it"));
        ssl.get("key-manager").set("applicationKM");
        ssl.get("trust-manager").set("kagi-asp-crl-it");
        ssl.get("need-client-auth").set(true);
        ssl.get("protocols").add("TLSv1.3").add("TLSv1.2");
        ModelNode binding = Operations.createAddOperation(Operations.createAddress("socket-binding-group",
                "standard-sockets", "socket-binding", "kagi-asp-crl-it"));
        binding.get("port").set(8445);
        ModelNode listener = Operations.createAddOperation(Operations.createAddress("subsystem", "undertow", "server",
                "kagi-asp", "https-listener", "kagi-asp-crl-it"));
        listener.get("socket-binding").set("kagi-asp-crl-it");
        listener.get("ssl-context").set("kagi-asp-crl-it");
        ModelNode property = Operations.createAddOperation(Operations.createAddress("system-property",
                "kagi.asp.trust.managers"));
        property.get("value").set("kagi-asp-trust,kagi-asp-crl-it");
        for (ModelNode op : List.of(tm, ssl, binding, listener, property)) {
            execute(op);
        }

        Holder h = download("en");
        Outcome before = Poll.until("the CRL-only listener admits a good certificate", BOUND,
                () -> get(h.keys(), CRL_ONLY + "/asp/", "en"), o -> o.status() == 200);
        assertTrue(before.body().contains(h.cn()), before.body());
        long revoked = System.nanoTime();
        assertEquals(200, Api.admin().post("/api/v1/certificates/" + h.serial() + "/revoke",
                "{\"reason\":\"superseded\"}").status());
        Poll.until("the revoked certificate refused on the CRL-only listener", BOUND,
                () -> get(h.keys(), CRL_ONLY + "/asp/", "en"), Outcome::refusedByTls);
        System.out.println("AspListenerIT CRL: refused " + Duration.ofNanos(System.nanoTime() - revoked).toMillis()
                + " ms after the revocation");
        Holder other = download("en");
        assertEquals(200, get(other.keys(), CRL_ONLY + "/asp/", "en").status(), "a good certificate still passes");
    }

    /** Inside the server again: every refusal above was logged once and counted under its reason. */
    @Test
    @Order(9)
    void eachRefusalWasCountedUnderItsReason() {
        Map<RefusalReason, Long> counts = refusals.counts();
        for (RefusalReason r : List.of(RefusalReason.NO_CERTIFICATE, RefusalReason.OLD_PROTOCOL, RefusalReason.EXPIRED,
                RefusalReason.NOT_YET_VALID, RefusalReason.NOT_FOR_CLIENT_AUTH, RefusalReason.CA_CERTIFICATE,
                RefusalReason.BAD_SIGNATURE, RefusalReason.REVOKED)) {
            assertTrue(counts.get(r) > 0, r + " counted: " + counts);
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private final Api api = Api.admin();
    private final Mailbox mailbox = new Mailbox(smtp);

    record Keys(KeyStore store, String alias, String password) {
    }

    record Holder(Keys keys, String cn, String serial, String customer) {
    }

    record Outcome(int status, String body, String error) {
        boolean refusedByTls() {
            return error != null;
        }
    }

    /** A certificate issued through REST and fetched as the user does: mailed password, portal, 鍵の取得, download. */
    private Holder download(String language) throws Exception {
        String customer = "ASP " + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, api.post("/api/v1/customers", "{\"name\":\"" + customer
                + "\",\"contactEmail\":\"ca@example.jp\"}").status());
        String email = "asp-" + UUID.randomUUID() + "@example.jp";
        Api.Response account = api.post("/api/v1/accounts", "{\"customer\":\"" + customer + "\",\"email\":\"" + email
                + "\",\"displayName\":\"ASP\",\"language\":\"" + language + "\"}");
        assertEquals(201, account.status(), account.body());
        String userId = account.json().getString("userId");
        JsonObject cert = api.post("/api/v1/certificates", "{\"userId\":\"" + userId + "\"}").json();
        Mailbox.Credentials credentials = mailbox.credentials(email, 2);
        PortalClient portal = new PortalClient(language);
        portal.login(userId, credentials.password());
        PortalClient.Page file = portal.download(portal.retrieve(credentials.requestId(), credentials.password(),
                credentials.password()));
        assertEquals("application/x-pkcs12", file.header("Content-Type"));
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        p12.load(new ByteArrayInputStream(file.body()), credentials.password().toCharArray());
        String cn = cert.getString("cn");
        assertTrue(p12.isKeyEntry(cn));
        return new Holder(new Keys(p12, cn, credentials.password()), cn, cert.getString("serial"), customer);
    }

    /** One GET on a fresh connection, presenting {@code keys} (or nothing); a failed handshake is an error. */
    private static Outcome get(Keys keys, String url, String language) {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keys == null ? null : new javax.net.ssl.KeyManager[] {new FixedKeyManager(keys)},
                    new TrustManager[] {new AnyServer()}, null);
            HttpClient client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10))
                    .version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Accept-Language", language).timeout(Duration.ofSeconds(20)).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Outcome(r.statusCode(), r.body(), null);
        } catch (IOException e) {
            return new Outcome(0, "", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** openssl s_client sending one GET, with the holder's key and certificate as PEM files (or none). */
    private static String openssl(Holder h, String... args) throws Exception {
        Path dir = Files.createTempDirectory("kagi-asp-it");
        try {
            List<String> command = new java.util.ArrayList<>(List.of("openssl", "s_client"));
            command.addAll(List.of(args));
            command.add("-ign_eof");
            if (h != null) {
                Path cert = dir.resolve("cert.pem");
                Path key = dir.resolve("key.pem");
                X509Certificate c = (X509Certificate) h.keys().store().getCertificate(h.keys().alias());
                PrivateKey k = (PrivateKey) h.keys().store().getKey(h.keys().alias(), h.keys().password().toCharArray());
                Files.writeString(cert, pem("CERTIFICATE", c.getEncoded()));
                Files.writeString(key, pem("PRIVATE KEY", k.getEncoded()));
                command.addAll(List.of("-cert", cert.toString(), "-key", key.toString()));
            }
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().write("GET /asp/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            return out;
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    private static String run(boolean mayFail, String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(
                new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        if (!mayFail) {
            assertEquals(0, p.exitValue(), out);
        }
        return out;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private ModelNode execute(ModelNode op) throws IOException {
        ModelNode result = management.getControllerClient().execute(op);
        assertTrue(Operations.isSuccessfulOutcome(result), op + " -> " + result);
        return Operations.readResult(result);
    }

    private static ModelNode elytron(String type, String name) {
        return Operations.createAddress("subsystem", "elytron", type, name);
    }

    private static String database() {
        return System.getProperty("arquillian.launch", "wildfly-h2").replace("wildfly-", "");
    }

    /** Presents one certificate whatever the server asks for, as a user who picked it in the browser's dialog. */
    private static final class FixedKeyManager extends X509ExtendedKeyManager {
        private final Keys keys;

        FixedKeyManager(Keys keys) {
            this.keys = keys;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return keys.alias();
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return keys.alias();
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            try {
                return java.util.Arrays.stream(keys.store().getCertificateChain(keys.alias()))
                        .map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
            } catch (java.security.KeyStoreException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            try {
                return (PrivateKey) keys.store().getKey(keys.alias(), keys.password().toCharArray());
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {keys.alias()};
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[0];
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }

    /** The test server's certificate is self-signed (applicationKM); the client side is what is under test here. */
    private static final class AnyServer implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
