package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
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
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AspListenerIT {

    static final int OFFSET = TlsClient.OFFSET;
    static final String ASP = TlsClient.ASP;
    static final String CRL_ONLY = "https://localhost:" + (8445 + OFFSET);
    static final String PORTAL = "https://localhost:" + (8443 + OFFSET);
    /** The stated bound for a revocation to take effect on 8444 (docs/operations.md). */
    static final Duration BOUND = Duration.ofSeconds(60);

    @RegisterExtension
    static GreenMailExtension smtp = Mailbox.smtpServer();

    @ArquillianResource
    ManagementClient management;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return KagiDeployment.shipped();
    }

    @Test
    @Order(2)
    void aKagiCertificateFromThePortalIsGreetedByCnAndCustomerInJapaneseAndEnglish() throws Exception {
        Holder h = download("ja");
        TlsClient.Outcome ja = TlsClient.get(h.keys(), ASP + "/asp/", "ja");
        assertEquals(200, ja.status(), ja.toString());
        assertTrue(ja.body().contains(h.cn()) && ja.body().contains(h.customer()), ja.body());
        assertTrue(ja.body().contains("ようこそ") && ja.body().contains(h.serial()), ja.body());
        TlsClient.Outcome en = TlsClient.get(h.keys(), ASP + "/asp/", "en-US,en;q=0.8");
        assertEquals(200, en.status(), en.toString());
        assertTrue(en.body().contains("Welcome, " + h.cn() + " of " + h.customer()), en.body());
        assertTrue(en.body().contains("Valid until"), en.body());

        String out = TlsClient.openssl(h.keys(), "-connect", "127.0.0.1:" + (8444 + OFFSET), "-servername", "localhost");
        assertTrue(out.contains("HTTP/1.1 200") && out.contains(h.cn()), out);
    }

    @Test
    @Order(3)
    void nothingButTheAspServiceOn8444AndTheAspServiceNotOn8443() throws Exception {
        Holder h = download("en");
        for (String path : List.of("/portal/login.xhtml", "/admin/", "/api/v1/customers", "/health", "/ocsp",
                "/crl/issuing-ca.crl")) {
            TlsClient.Outcome o = TlsClient.get(h.keys(), ASP + path, "en");
            assertEquals(404, o.status(), path + ": " + o);
        }
        TlsClient.Outcome portal = TlsClient.get(null, PORTAL + "/asp/", "en");
        assertNotEquals(200, portal.status(), portal.toString());
        assertFalse(portal.body().contains("Welcome,"), portal.body());
    }

    @Test
    @Order(7)
    void aRevokedCertificateIsRefusedThroughOcspWithinTheBoundWithoutRestart() throws Exception {
        Holder h = download("en");
        assertEquals(200, TlsClient.get(h.keys(), ASP + "/asp/", "en").status());
        long revoked = System.nanoTime();
        assertEquals(200, Api.admin().post("/api/v1/certificates/" + h.serial() + "/revoke",
                "{\"reason\":\"keyCompromise\"}").status());
        Poll.until("the revoked certificate refused on 8444", BOUND, () -> TlsClient.get(h.keys(), ASP + "/asp/", "en"),
                TlsClient.Outcome::refusedByTls);
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
        TlsClient.Outcome before = Poll.until("the CRL-only listener admits a good certificate", BOUND,
                () -> TlsClient.get(h.keys(), CRL_ONLY + "/asp/", "en"), o -> o.status() == 200);
        assertTrue(before.body().contains(h.cn()), before.body());
        long revoked = System.nanoTime();
        assertEquals(200, Api.admin().post("/api/v1/certificates/" + h.serial() + "/revoke",
                "{\"reason\":\"superseded\"}").status());
        Poll.until("the revoked certificate refused on the CRL-only listener", BOUND,
                () -> TlsClient.get(h.keys(), CRL_ONLY + "/asp/", "en"), TlsClient.Outcome::refusedByTls);
        System.out.println("AspListenerIT CRL: refused " + Duration.ofNanos(System.nanoTime() - revoked).toMillis()
                + " ms after the revocation");
        Holder other = download("en");
        assertEquals(200, TlsClient.get(other.keys(), CRL_ONLY + "/asp/", "en").status(), "a good certificate still passes");
    }

    // ---------------------------------------------------------------------------------------------------------

    private final Api api = Api.admin();
    private final Mailbox mailbox = new Mailbox(smtp);

    record Holder(TlsClient.Keys keys, String cn, String serial, String customer) {
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
        return new Holder(new TlsClient.Keys(p12, cn, credentials.password()), cn, cert.getString("serial"), customer);
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
}
