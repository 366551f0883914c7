package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dashboard, the audit log viewer and the certificate search, in Chromium in English and Japanese, plus their
 * REST twins (filters, refusals, roles).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AuditDashboardBrowserIT {

    private final Api api = Api.admin();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return KagiDeployment.shipped();
    }

    /** The screen texts one run needs, in its language (messages*.properties). */
    private record Texts(String lang, String userId, String password, String logout, String dashboard, String issued,
                         String expiring30, String total, String audit, String objectType, String objectId,
                         String fromDate, String show, String exportCsv, String badDate, String certificates,
                         String cn, String withinDays, String badDays) {
    }

    private static final Texts EN = new Texts("en-US", "User ID", "Password", "Log out", "Dashboard", "Issued",
            "Expiring within 30 days", "Total", "Audit log", "Object type", "Object ID", "From date", "Show",
            "Export CSV", "\"2026-13-01\" is not a date.", "Certificates", "CN", "Expires within (days)",
            "\"Expires within (days)\" must be a whole number from 1 to 3650.");

    private static final Texts JA = new Texts("ja", "ユーザID", "パスワード", "ログアウト", "ダッシュボード", "発行済み",
            "30 日以内に期限切れ", "合計", "監査ログ", "対象の種類", "対象ID", "開始日", "表示", "CSV をダウンロード",
            "「2026-13-01」は日付として読み取れません。", "証明書", "CN", "有効期限までの日数",
            "「有効期限までの日数」には 1 から 3650 までの整数を入力してください。");

    private record Issued(String customer, String cn, String serial) {
    }

    private Issued issueOne(String prefix) {
        String customer = prefix + " " + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, api.post("/api/v1/customers", "{\"name\":\"" + customer
                + "\",\"contactEmail\":\"ca@example.jp\"}").status());
        String userId = api.post("/api/v1/accounts", "{\"customer\":\"" + customer + "\",\"email\":\"dash-"
                + UUID.randomUUID().toString().substring(0, 8) + "@example.jp\",\"displayName\":\"Dash\","
                + "\"language\":\"ja\"}").json().getString("userId");
        Api.Response issued = api.post("/api/v1/certificates", "{\"userId\":\"" + userId + "\"}");
        assertEquals(201, issued.status(), issued.body());
        return new Issued(customer, issued.json().getString("cn"), issued.json().getString("serial"));
    }

    @Test
    void anAdminUsesDashboardAuditLogAndSearchInEnglish() {
        walkThrough(EN, "en");
    }

    @Test
    void anAdminUsesDashboardAuditLogAndSearchInJapanese() {
        walkThrough(JA, "ja");
    }

    private void walkThrough(Texts t, String shot) {
        Assumptions.assumeTrue(Browser.available(), "Debian's chromium and chromium-driver are not installed");
        Issued one = issueOne(shot.equals("ja") ? "ダッシュ" : "Dash");
        try (Browser browser = new Browser(t.lang())) {
            browser.open("/admin/login.xhtml");
            browser.fill(t.userId(), Api.ADMIN);
            browser.fill(t.password(), Api.ADMIN_PASSWORD);
            browser.click("Login");
            browser.waitForText(t.logout());

            browser.click(t.dashboard());
            browser.waitForText(one.customer());
            String page = browser.text();
            assertTrue(page.contains(t.issued()) && page.contains(t.expiring30()) && page.contains(t.total()), page);
            browser.screenshot("admin-" + shot + "-dashboard");

            browser.click(t.audit());
            browser.fill(t.objectType(), "certificate");
            browser.fill(t.objectId(), one.serial());
            browser.click(t.show());
            browser.waitForText("certificate.issue");
            assertTrue(browser.text().contains(one.cn()), browser.text());
            browser.screenshot("admin-" + shot + "-audit");

            browser.click(t.exportCsv());
            String csv = read(browser.downloaded("audit-log.csv"));
            assertTrue(csv.startsWith("\uFEFF\"occurredAt\",\"actor\",\"action\""), csv);
            assertTrue(csv.contains("\"certificate.issue\",\"certificate\",\"" + one.serial() + "\""), csv);
            assertEquals(2, csv.split("\r\n").length, "header and the one record of this certificate");

            browser.fill(t.fromDate(), "2026-13-01");
            browser.click(t.show());
            browser.waitForText(t.badDate());

            browser.click(t.certificates());
            browser.fill(t.cn(), one.cn());
            browser.click(t.show());
            browser.waitForText(one.serial());
            browser.fill(t.withinDays(), "abc");
            browser.click(t.show());
            browser.waitForText(t.badDays());
            browser.screenshot("admin-" + shot + "-certificate-search");
        }
    }

    @Test
    void restFiltersRefusalsAndRoles() {
        Issued one = issueOne("Rest");
        var audit = api.get("/api/v1/audit?objectType=certificate&objectId=" + one.serial());
        assertEquals(200, audit.status(), audit.body());
        assertEquals(1, audit.array().size(), audit.body());
        JsonObject record = audit.array().getJsonObject(0);
        assertEquals("certificate.issue", record.getString("action"));
        assertEquals(Api.ADMIN, record.getString("actor"));
        assertFalse(api.get("/api/v1/audit?action=certificate.&size=5").array().isEmpty());

        assertEquals("error.date", api.get("/api/v1/audit?from=yesterday").code());
        assertEquals("error.dateRange", api.get("/api/v1/audit?from=2026-05-02&to=2026-05-01").code());
        assertEquals("error.page", api.get("/api/v1/audit?page=-1").code());
        assertEquals("error.page", api.get("/api/v1/audit?size=501").code());
        assertEquals(400, api.get("/api/v1/audit?page=x").status());
        var csv = api.get("/api/v1/audit/export.csv?objectId=" + one.serial());
        assertEquals(200, csv.status());
        assertTrue(csv.body().startsWith("\uFEFF\"occurredAt\""), csv.body());

        var mine = api.get("/api/v1/certificates?cn=" + one.cn());
        assertEquals(1, mine.array().size(), mine.body());
        assertEquals(one.serial(), mine.array().getJsonObject(0).getString("serial"));
        String customerParam = java.net.URLEncoder.encode(one.customer(), StandardCharsets.UTF_8);
        assertEquals(1, api.get("/api/v1/certificates?customer=" + customerParam + "&expiresWithinDays=500")
                .array().size());
        assertEquals(0, api.get("/api/v1/certificates?customer=" + customerParam + "&expiresWithinDays=30")
                .array().size(), "a new certificate runs 13 months");
        // A CN prefix with digits in it pages in its own order (CertificateQuery.pageOrder).
        var byPrefix = api.get("/api/v1/certificates?customer=" + customerParam + "&cn="
                + one.cn().substring(0, one.cn().length() - 2));
        assertEquals(1, byPrefix.array().size(), byPrefix.body());
        assertEquals(one.serial(), byPrefix.array().getJsonObject(0).getString("serial"));
        assertEquals("error.cn", api.get("/api/v1/certificates?cn=dsca%25").code());
        assertEquals("error.expiresWithinDays", api.get("/api/v1/certificates?expiresWithinDays=0").code());

        JsonObject figures = api.get("/api/v1/dashboard").json();
        JsonObject row = figures.getJsonArray("customers").stream().map(v -> (JsonObject) v)
                .filter(c -> c.getString("customer").equals(one.customer())).findFirst().orElseThrow();
        assertEquals(1, row.getInt("issued"));
        assertEquals(1, row.getInt("pending"));
        assertEquals(0, row.getInt("retrieved"));
        assertEquals(0, row.getInt("expiring90"));
        assertTrue(figures.getJsonObject("total").getInt("issued") >= 1);

        String operator = "op-dash-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, api.post("/api/v1/admins", "{\"userId\":\"" + operator + "\",\"password\":\"operator-password-1\","
                + "\"role\":\"OPERATOR\",\"customers\":[\"" + one.customer() + "\"]}").status());
        Api op = Api.as(operator, "operator-password-1", "en");
        assertEquals(403, op.get("/api/v1/audit").status());
        assertEquals(403, op.get("/api/v1/audit/export.csv").status());
        var opFigures = op.get("/api/v1/dashboard").json().getJsonArray("customers");
        assertEquals(1, opFigures.size(), "an operator sees its own customer only");
    }

    @Test
    void anOperatorIsRefusedTheAuditLog() {
        Assumptions.assumeTrue(Browser.available(), "Debian's chromium and chromium-driver are not installed");
        Issued one = issueOne("OpAudit");
        String operator = "op-audit-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, api.post("/api/v1/admins", "{\"userId\":\"" + operator + "\",\"password\":\"operator-password-1\","
                + "\"role\":\"OPERATOR\",\"customers\":[\"" + one.customer() + "\"]}").status());
        try (Browser browser = new Browser("en-US")) {
            browser.open("/admin/login.xhtml");
            browser.fill("User ID", operator);
            browser.fill("Password", "operator-password-1");
            browser.click("Login");
            browser.waitForText("Log out");
            assertFalse(browser.text().contains("Audit log"), "no link to what it may not read");
            browser.open("/admin/audit.xhtml");
            browser.waitForText("You are not allowed to do this.");
            assertFalse(browser.text().contains("certificate.issue"), browser.text());
            browser.click("Dashboard");
            browser.waitForText(one.customer());
        }
    }

    private static String read(java.nio.file.Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
