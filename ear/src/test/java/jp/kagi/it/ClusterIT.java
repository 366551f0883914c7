package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 13, "It must survive": two WildFly nodes on PostgreSQL behind HAProxy, started by bin/kagi-cluster.sh (as an
 * operator starts them). Issuance through both nodes keeps the CN sequence, and a portal user whose node is killed
 * with kill -9 between opening 鍵の取得 and pressing Submit gets the file from the other node without signing in again.
 */
@Tag("cluster") // its own failsafe execution (it-cluster), which runs only this tag, also under -Dit.test
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    @RegisterExtension
    static GreenMailExtension smtp = Mailbox.smtpServer();

    private static ClusterNodes cluster;
    private final Api api = Api.admin();
    private final Mailbox mailbox = new Mailbox(smtp);

    @BeforeAll
    static void startCluster() {
        cluster = new ClusterNodes();
        try {
            cluster.start();
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void concurrentIssuanceThroughBothNodesKeepsTheSequence() throws Exception {
        String customer = customer();
        int count = 24;
        List<String> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            users.add(account(customer, "c-" + UUID.randomUUID() + "@example.jp", "en"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> cns = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String node = ClusterNodes.node(1 + i % ClusterNodes.NODES); // each node directly, half each
                String user = users.get(i);
                cns.add(pool.submit(() -> {
                    Api.Response r = api.post(node + "/api/v1/certificates", "{\"userId\":\"" + user + "\"}");
                    assertEquals(201, r.status(), r.body());
                    return r.json().getString("cn");
                }));
            }
            List<Integer> numbers = new ArrayList<>();
            for (Future<String> cn : cns) {
                numbers.add(Integer.parseInt(cn.get().replaceAll("\\D", "")));
            }
            numbers.sort(null);
            for (int i = 1; i < numbers.size(); i++) {
                assertEquals(numbers.get(0) + i, numbers.get(i), "consecutive CNs, no gap, no duplicate: " + numbers);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Order(2)
    void aPortalUserSurvivesTheDeathOfHisNode() throws Exception {
        String email = "f-" + UUID.randomUUID() + "@example.jp";
        String userId = account(customer(), email, "ja");
        JsonObject cert = api.post("/api/v1/certificates", "{\"userId\":\"" + userId + "\"}").json();
        Mailbox.Credentials credentials = mailbox.credentials(email, 2);
        String cn = cert.getString("cn");

        PortalClient portal = new PortalClient("ja");
        PortalClient.Page menu = portal.login(userId, credentials.password());
        assertTrue(menu.uri().endsWith("/portal/menu.xhtml"), menu.uri());
        PortalClient.Page form = portal.get("/portal/retrieve.xhtml"); // 鍵の取得 opened
        assertEquals(200, form.status());
        String node = portal.cookie("KAGI_NODE");
        assertTrue(node != null && node.matches("node\\d"), "the balancer's sticky cookie: " + node);

        cluster.killNine(Integer.parseInt(node.substring(4)));

        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("requestId", credentials.requestId());
        fields.put("password", credentials.password());
        fields.put("confirmation", credentials.password());
        PortalClient.Page ready = portal.submit(form, "retrieve", fields, "submit");
        assertTrue(ready.uri().contains("/portal/retrieve.xhtml"), "still signed in: " + ready.uri());
        assertEquals(List.of(), ready.errors());
        PortalClient.Page file = portal.download(ready);
        assertEquals("application/x-pkcs12", file.header("Content-Type"), file.html());
        assertTrue(file.header("Content-Disposition").startsWith("attachment; filename=\"" + cn + ".p12\""));
        assertTrue(!node.equals(portal.cookie("KAGI_NODE")), "served by the other node now");

        KeyStore p12 = KeyStore.getInstance("PKCS12");
        p12.load(new ByteArrayInputStream(file.body()), credentials.password().toCharArray());
        X509Certificate issued = (X509Certificate) p12.getCertificate(cn);
        assertTrue(p12.isKeyEntry(cn), "key entry named by the CN");
        assertEquals(new BigInteger(cert.getString("serial"), 16), issued.getSerialNumber(), "the issued certificate");
    }

    private String customer() {
        String name = "Cluster " + UUID.randomUUID().toString().substring(0, 8);
        Api.Response r = api.post("/api/v1/customers", "{\"name\":\"" + name + "\",\"contactEmail\":\"ca@example.jp\"}");
        assertEquals(201, r.status(), r.body());
        return name;
    }

    private String account(String customer, String email, String language) {
        Api.Response account = api.post("/api/v1/accounts", "{\"customer\":\"" + customer + "\",\"email\":\"" + email
                + "\",\"displayName\":\"利用者\",\"language\":\"" + language + "\"}");
        assertEquals(201, account.status(), account.body());
        return account.json().getString("userId");
    }
}
