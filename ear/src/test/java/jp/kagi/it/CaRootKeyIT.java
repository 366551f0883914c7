package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Taking the root CA key offline over the REST API (issue 12, CA keys): CA admin only, once, audited; the export
 * opens with the admin's password and holds the key of the root that issued the issuing CA; issuance goes on.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CaRootKeyIT {

    private static final String EXPORT_PASSWORD = "offline root password 1";

    @RegisterExtension
    static GreenMailExtension smtp = Mailbox.smtpServer();

    private final Api api = Api.admin();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return KagiDeployment.shipped();
    }

    @Test
    void rootKeyIsExportedOnceByACaAdminAndIssuanceGoesOn() throws Exception {
        String customer = "root-offline " + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, api.post("/api/v1/customers", "{\"name\":\"" + customer
                + "\",\"contactEmail\":\"ca@example.jp\"}").status());
        String operatorId = "op-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, api.post("/api/v1/admins", "{\"userId\":\"" + operatorId + "\",\"password\":"
                + "\"operator-password-1\",\"role\":\"OPERATOR\",\"customers\":[\"" + customer + "\"]}").status());
        Api operator = Api.as(operatorId, "operator-password-1", "en");

        assertTrue(api.get("/api/v1/ca/root-key").json().getBoolean("online"));
        // Not a CA admin: refused, and the key stays online.
        Api.Response refused = operator.post("/api/v1/ca/root-key/offline",
                "{\"password\":\"" + EXPORT_PASSWORD + "\"}");
        assertEquals(403, refused.status(), refused.body());
        // A weak export password: refused with a translated problem, nothing changes.
        Api.Response weak = api.post("/api/v1/ca/root-key/offline", "{\"password\":\"short\"}");
        assertEquals(400, weak.status(), weak.body());
        assertEquals("error.ca.exportPassword", weak.code(), weak.body());
        assertTrue(api.get("/api/v1/ca/root-key").json().getBoolean("online"));

        HttpResponse<byte[]> export = exportAsAdmin();
        assertEquals(200, export.statusCode(), new String(export.body(), StandardCharsets.UTF_8));
        assertEquals("application/x-pkcs12", export.headers().firstValue("Content-Type").orElse(""));
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        p12.load(new ByteArrayInputStream(export.body()), EXPORT_PASSWORD.toCharArray());
        X509Certificate root = (X509Certificate) p12.getCertificate("kagi-root");
        PrivateKey rootKey = (PrivateKey) p12.getKey("kagi-root", EXPORT_PASSWORD.toCharArray());
        assertNotNull(rootKey);
        X509Certificate issuing = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(api.bytes("/crl/issuing-ca.cer")));
        issuing.verify(root.getPublicKey());

        assertFalse(api.get("/api/v1/ca/root-key").json().getBoolean("online"));
        // Once only: the key is no longer there to export.
        Api.Response again = api.post("/api/v1/ca/root-key/offline", "{\"password\":\"" + EXPORT_PASSWORD + "\"}");
        assertEquals(409, again.status(), again.body());
        assertEquals("error.ca.rootKeyOffline", again.code(), again.body());

        assertTrue(api.get("/api/v1/audit?action=ca.rootKey.offline").body().contains("\"actor\":\"admin\""));

        // The issuing key alone still issues.
        Api.Response account = api.post("/api/v1/accounts", "{\"customer\":\"" + customer + "\",\"email\":\"root-"
                + UUID.randomUUID() + "@example.jp\",\"displayName\":\"Root Offline\",\"language\":\"en\"}");
        assertEquals(201, account.status(), account.body());
        Api.Response issued = api.post("/api/v1/certificates",
                "{\"userId\":\"" + account.json().getString("userId") + "\"}");
        assertEquals(201, issued.status(), issued.body());
    }

    private static HttpResponse<byte[]> exportAsAdmin() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(Api.BASE + "/api/v1/ca/root-key/offline"))
                .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (Api.ADMIN + ":" + Api.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("{\"password\":\"" + EXPORT_PASSWORD + "\"}"))
                .build();
        return Api.client().send(request, HttpResponse.BodyHandlers.ofByteArray());
    }
}
