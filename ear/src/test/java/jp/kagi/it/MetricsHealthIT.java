package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SPEC.md "Runtime contract": Prometheus metrics at the management interface's /metrics and MicroProfile Health at
 * /health/live and /health/ready (metrics.cli, jp.kagi.metrics). Each kagi_* series moves when its event happens:
 * an issuance, its mails (failing while no SMTP server listens, then sent), OCSP, sign-in failures, a download and a
 * lock. Counters are compared before and after, so other tests on the same server do not matter. Kagi's own health
 * checks (module health) answer too: database and CA key UP, SMTP degraded while no SMTP server listens, then ok.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MetricsHealthIT {

    static final String MANAGEMENT = "http://127.0.0.1:" + Integer.getInteger("kagi.it.management.port",
            9990 + Integer.getInteger("kagi.it.port.offset", 0));
    static final String OCSP = "http://127.0.0.1:" + (8080 + Integer.getInteger("kagi.it.port.offset", 0)) + "/ocsp";
    private static final HttpClient PLAIN = HttpClient.newHttpClient();
    private static final Duration BOUND = Duration.ofSeconds(30);

    private final Api api = Api.admin();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return KagiDeployment.shipped();
    }

    @Test
    void metricsMoveWithTheirEventsAndHealthReportsTheChecks() throws IOException, InterruptedException {
        JsonObject live = health("/health/live", 200);
        assertEquals("UP", live.getString("status"), live.toString());
        assertEquals("UP", check(live, "kagi").getString("status"), live.toString());
        // No SMTP server listens yet: Kagi's SMTP check says degraded, and readiness stays UP (mails wait).
        JsonObject ready = Poll.until("SMTP degraded in /health/ready", BOUND, () -> health("/health/ready", 200),
                h -> "unreachable".equals(check(h, "kagi-smtp").getJsonObject("data").getString("smtp")));
        assertEquals("UP", ready.getString("status"), ready.toString());
        assertEquals("OK", check(ready, "deployments-status").getJsonObject("data").getString("kagi.ear"),
                ready.toString());
        assertEquals("UP", check(ready, "kagi-database").getString("status"), ready.toString());
        assertEquals("UP", check(ready, "kagi-ca").getString("status"), ready.toString());
        JsonObject smtpDown = check(ready, "kagi-smtp");
        assertEquals("UP", smtpDown.getString("status"), ready.toString());
        assertEquals("degraded", smtpDown.getJsonObject("data").getString("state"), ready.toString());

        Scrape before = scrape();
        assertTrue(before.text().contains("app=\"wildfly\""), "WildFly's own metrics are there too");
        assertEquals(1, before.value("kagi_database_up"), "the database gauges read");

        // A staff sign-in with a wrong password (an unknown user: the shared admin account is not throttled).
        assertEquals(401, Api.as("metrics-nobody", "wrong-password", "en").get("/api/v1/customers").status());
        assertEquals(1, scrape().value("kagi_login_failures_total", "surface=\"staff\"")
                - before.baseline("kagi_login_failures_total", "surface=\"staff\""), "staff login failure");

        // An issuance: one certificate, its two mails queued; SMTP is down, so the first attempts fail.
        String customer = "Metrics " + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, api.post("/api/v1/customers", "{\"name\":\"" + customer
                + "\",\"contactEmail\":\"ca@example.jp\"}").status());
        String email = "metrics-" + UUID.randomUUID() + "@example.jp";
        Api.Response account = api.post("/api/v1/accounts", "{\"customer\":\"" + customer + "\",\"email\":\"" + email
                + "\",\"displayName\":\"計測\",\"language\":\"en\"}");
        assertEquals(201, account.status(), account.body());
        String userId = account.json().getString("userId");
        Api.Response issued = api.post("/api/v1/certificates", "{\"userId\":\"" + userId + "\"}");
        assertEquals(201, issued.status(), issued.body());
        String serial = issued.json().getString("serial");
        Scrape afterIssue = scrape();
        assertEquals(1, afterIssue.value("kagi_certificates_issued_total")
                - before.baseline("kagi_certificates_issued_total"), "one certificate issued");
        assertEquals(2, afterIssue.value("kagi_mail_queued_total") - before.baseline("kagi_mail_queued_total"),
                "the registration mail and the password mail queued");
        Scrape failing = Poll.until("failed SMTP attempts and pending mails", BOUND, MetricsHealthIT::scrape,
                s -> s.baseline("kagi_mail_failed_total", "final=\"false\"")
                        - before.baseline("kagi_mail_failed_total", "final=\"false\"") >= 2
                        && s.value("kagi_mail_pending") >= 2);
        assertTrue(failing.value("kagi_mail_failed_total", "final=\"false\"") >= 2);
        assertTrue(failing.value("kagi_mail_oldest_pending_seconds") >= 0);
        assertTrue(failing.value("kagi_mail_given_up") >= 0);

        // A malformed OCSP request.
        HttpResponse<byte[]> ocsp = PLAIN.send(HttpRequest.newBuilder(URI.create(OCSP))
                .header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3})).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertTrue(ocsp.body().length > 0, "an OCSP error response");
        assertEquals(1, scrape().value("kagi_ocsp_requests_total", "result=\"malformed-request\"")
                - before.baseline("kagi_ocsp_requests_total", "result=\"malformed-request\""), "OCSP by result");

        GreenMail smtp = new GreenMail(new ServerSetup(Integer.getInteger("kagi.it.smtp.port", 3025), "127.0.0.1",
                ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            // SMTP listens: within the check's cache time (5 s) the SMTP check says reachable.
            JsonObject smtpUp = check(Poll.until("SMTP reachable in /health/ready", BOUND,
                    () -> health("/health/ready", 200),
                    h -> "reachable".equals(check(h, "kagi-smtp").getJsonObject("data").getString("smtp"))),
                    "kagi-smtp");
            assertEquals("UP", smtpUp.getString("status"), smtpUp.toString());
            assertEquals("ok", smtpUp.getJsonObject("data").getString("state"), smtpUp.toString());
            Mailbox.Credentials credentials = new Mailbox(smtp).credentials(email, 2);
            Scrape sent = Poll.until("mails sent", BOUND, MetricsHealthIT::scrape,
                    s -> s.baseline("kagi_mail_sent_total") - before.baseline("kagi_mail_sent_total") >= 2);
            assertTrue(sent.value("kagi_mail_sent_total") - before.baseline("kagi_mail_sent_total") >= 2);

            // A portal sign-in with a wrong password, then the right one and a download.
            Scrape beforePortal = scrape();
            PortalClient portal = new PortalClient("en");
            assertEquals(1, portal.login(userId, "not-the-password").errors().size());
            assertEquals(1, scrape().value("kagi_login_failures_total", "surface=\"portal\"")
                    - beforePortal.baseline("kagi_login_failures_total", "surface=\"portal\""), "portal login failure");
            assertTrue(portal.login(userId, credentials.password()).uri().endsWith("/portal/menu.xhtml"));
            PortalClient.Page file = portal.download(portal.retrieve(credentials.requestId(), credentials.password(),
                    credentials.password()));
            assertEquals("application/x-pkcs12", file.header("Content-Type"));
            assertEquals(1, scrape().value("kagi_retrievals_total") - beforePortal.baseline("kagi_retrievals_total"),
                    "one download");

            // A reissue locks the old request (its key destroyed): a lock by reason.
            assertEquals(201, api.post("/api/v1/certificates/" + serial + "/reissue", "{}").status());
            Scrape afterReissue = scrape();
            assertEquals(1, afterReissue.value("kagi_locks_applied_total", "reason=\"reissue\"")
                    - beforePortal.baseline("kagi_locks_applied_total", "reason=\"reissue\""), "lock by reason");
            assertEquals(1, afterReissue.value("kagi_certificates_issued_total")
                    - beforePortal.baseline("kagi_certificates_issued_total"), "the reissue issued one more");
        } finally {
            smtp.stop();
        }
    }

    private static JsonObject health(String path, int expectedStatus) {
        HttpResponse<String> response = get(MANAGEMENT + path);
        assertEquals(expectedStatus, response.statusCode(), response.body());
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private static JsonObject check(JsonObject health, String name) {
        return health.getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .filter(c -> name.equals(c.getString("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + health));
    }

    private static Scrape scrape() {
        HttpResponse<String> response = get(MANAGEMENT + "/metrics");
        assertEquals(200, response.statusCode(), response.body());
        return new Scrape(response.body());
    }

    private static HttpResponse<String> get(String url) {
        try {
            return PLAIN.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new AssertionError(url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * One Prometheus text exposition: the sum of the samples of a name whose labels contain every given pair.
     * {@link #value} fails when no sample matches (a renamed meter, a wrong suffix), {@link #baseline} reads 0 then:
     * a counter appears with its first event, so a "before" scrape may lack it.
     */
    record Scrape(String text) {

        private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})?\\s+(\\S+)",
                Pattern.MULTILINE);

        long value(String name, String... labels) {
            return sum(name, labels).orElseThrow(() -> new AssertionError("no series " + name + " "
                    + List.of(labels) + " in the scrape; kagi_* names there: " + kagiNames()));
        }

        long baseline(String name, String... labels) {
            return sum(name, labels).orElse(0L);
        }

        private java.util.Optional<Long> sum(String name, String... labels) {
            double sum = 0;
            boolean found = false;
            Matcher m = SAMPLE.matcher(text);
            while (m.find()) {
                String tags = m.group(2) == null ? "" : m.group(2);
                if (m.group(1).equals(name) && List.of(labels).stream().allMatch(tags::contains)) {
                    sum += Double.parseDouble(m.group(3));
                    found = true;
                }
            }
            return found ? java.util.Optional.of(Math.round(sum)) : java.util.Optional.empty();
        }

        private java.util.Set<String> kagiNames() {
            java.util.Set<String> names = new java.util.TreeSet<>();
            Matcher m = SAMPLE.matcher(text);
            while (m.find()) {
                if (m.group(1).startsWith("kagi_")) {
                    names.add(m.group(1));
                }
            }
            return names;
        }
    }
}
