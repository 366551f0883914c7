package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 12 items 1 and 4, staff lifecycle: CA admins change a staff user's role, customers and whether it may sign
 * in, and reset passwords; the change applies to the user's next REST call and next back-office page, a password
 * set by someone else must be changed first, and the last active CA admin stays one.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StaffLifecycleIT {

    private static final String PASSWORD = "staff-password-1";

    private final Api api = Api.admin();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return KagiDeployment.shipped();
    }

    /**
     * On the shared 2-core CI machine the first connection right after deployment has timed out (10 s connect
     * timeout); wait, bounded, until the API answers at all. Immediate once the server is warm.
     */
    @BeforeEach
    void serverAnswers() {
        Poll.until("the API answers", java.time.Duration.ofSeconds(120), () -> {
            try {
                return Api.anonymous("en").get("/api/v1/openapi.yaml").status() == 200;
            } catch (IllegalStateException connectTimeout) {
                return false;
            }
        });
    }

    @Test
    void roleCustomersAndActiveChangesApplyToTheNextRestCall() {
        String a = customer();
        String b = customer();
        String id = staff("OPERATOR", a);
        Api operator = Api.as(id, PASSWORD, "en");
        assertEquals(200, operator.get("/api/v1/customers/" + enc(a)).status(), "signed in, credentials now cached");

        Api.Response moved = api.put("/api/v1/admins/" + id, "{\"customers\":[\"" + b + "\"]}");
        assertEquals(200, moved.status(), moved.body());
        assertEquals("OPERATOR", moved.json().getString("role"));
        assertEquals(404, operator.get("/api/v1/customers/" + enc(a)).status(), "customer A is gone at once");
        assertEquals(200, operator.get("/api/v1/customers/" + enc(b)).status());

        assertEquals(200, api.put("/api/v1/admins/" + id, "{\"role\":\"AUDITOR\"}").status());
        assertProblem(operator.post("/api/v1/customers", "{\"name\":\"x" + UUID.randomUUID().toString().substring(0, 6)
                + "\",\"contactEmail\":\"ca@example.jp\"}"), 403, "error.forbidden");

        JsonObject disabled = api.put("/api/v1/admins/" + id, "{\"active\":false}").json();
        assertFalse(disabled.getBoolean("active"));
        assertEquals(401, operator.get("/api/v1/customers/" + enc(b)).status(), "a disabled user's cached sign-in ends");
        assertFalse(api.get("/api/v1/admins/" + id).json().getBoolean("active"));
        assertEquals(200, api.put("/api/v1/admins/" + id, "{\"active\":true,\"role\":\"OPERATOR\",\"customers\":[\""
                + a + "\"]}").status());
        assertEquals(200, operator.get("/api/v1/customers/" + enc(a)).status(), "enabled again");

        assertTrue(api.get("/api/v1/audit?action=admin.update&objectId=" + id).array().size() >= 4, "audited");
    }

    @Test
    void badStaffChangesAreRefusedAndChangeNothing() {
        String a = customer();
        String id = staff("OPERATOR", a);
        Api operator = Api.as(id, PASSWORD, "en");
        assertProblem(operator.put("/api/v1/admins/" + id, "{\"role\":\"CA_ADMIN\"}"), 403, "error.forbidden");
        assertProblem(operator.post("/api/v1/admins/admin/password", "{\"password\":\"taken-over-password\"}"), 403,
                "error.forbidden");
        assertProblem(api.put("/api/v1/admins/" + id, "{\"role\":\"ROOT\"}"), 400, "error.adminRole");
        assertProblem(api.put("/api/v1/admins/" + id, "{\"customers\":[]}"), 400, "error.operatorNeedsCustomers");
        assertProblem(api.put("/api/v1/admins/" + id, "{\"customers\":[\"存在しない " + UUID.randomUUID() + "\"]}"), 404,
                "error.customerUnknown");
        assertProblem(api.put("/api/v1/admins/nobody-" + UUID.randomUUID(), "{\"active\":false}"), 404,
                "error.adminUnknown");
        assertProblem(api.post("/api/v1/admins/" + id + "/password", "{\"password\":\"short\"}"), 400,
                "error.adminPassword");
        JsonObject unchanged = api.get("/api/v1/admins/" + id).json();
        assertEquals("OPERATOR", unchanged.getString("role"));
        assertEquals(a, unchanged.getJsonArray("customers").getString(0));
        assertTrue(unchanged.getBoolean("active"));
        assertEquals(200, operator.get("/api/v1/customers/" + enc(a)).status(), "its password still works");
    }

    @Test
    void aResetPasswordMustBeChangedBeforeAnythingElseAndEndsOtherCredentials() {
        String a = customer();
        String id = staff("OPERATOR", a);
        Api old = Api.as(id, PASSWORD, "en");
        assertEquals(200, old.get("/api/v1/customers/" + enc(a)).status());

        assertEquals(204, api.post("/api/v1/admins/" + id + "/password", "{\"password\":\"reset-by-ca-admin\"}").status());
        assertEquals(401, old.get("/api/v1/customers/" + enc(a)).status(), "the cached old password stops at once");
        Api reset = Api.as(id, "reset-by-ca-admin", "ja");
        Api.Response blocked = reset.get("/api/v1/customers/" + enc(a));
        assertProblem(blocked, 403, "error.passwordChangeRequired");
        assertTrue(blocked.json().getString("detail").contains("パスワード"), blocked.body());
        assertTrue(api.get("/api/v1/admins/" + id).json().getBoolean("mustChangePassword"));
        assertProblem(reset.post("/api/v1/admins/" + id + "/password",
                "{\"currentPassword\":\"wrong-password-here\",\"password\":\"chosen-by-the-user\"}"), 400,
                "error.currentPassword");
        assertEquals(204, reset.post("/api/v1/admins/" + id + "/password",
                "{\"currentPassword\":\"reset-by-ca-admin\",\"password\":\"chosen-by-the-user\"}").status());

        assertEquals(401, reset.get("/api/v1/customers/" + enc(a)).status());
        Api chosen = Api.as(id, "chosen-by-the-user", "en");
        assertEquals(200, chosen.get("/api/v1/customers/" + enc(a)).status());
        assertFalse(api.get("/api/v1/admins/" + id).json().getBoolean("mustChangePassword"));
        assertEquals(1, api.get("/api/v1/audit?action=admin.passwordReset&objectId=" + id).array().size());
        assertEquals(1, api.get("/api/v1/audit?action=admin.passwordChange&objectId=" + id).array().size());
    }

    @Test
    void theLastActiveCaAdminCannotBeDemotedOrDisabled() {
        String id = staff("CA_ADMIN", null);
        Api second = Api.as(id, PASSWORD, "en");
        // Every other active CA admin steps aside for a moment (other tests may have made some), then comes back.
        java.util.List<String> others = api.get("/api/v1/admins").array().stream().map(v -> v.asJsonObject())
                .filter(u -> u.getString("role").equals("CA_ADMIN") && u.getBoolean("active"))
                .map(u -> u.getString("userId")).filter(u -> !u.equals(id)).toList();
        assertTrue(others.contains("admin"), others.toString());
        try {
            for (String other : others) {
                assertEquals(200, second.put("/api/v1/admins/" + other, "{\"active\":false}").status());
            }
            assertEquals(401, api.get("/api/v1/admins").status(), "the bootstrap admin is disabled for now");
            assertProblem(second.put("/api/v1/admins/" + id, "{\"role\":\"AUDITOR\"}"), 409, "error.lastCaAdmin");
            assertProblem(second.put("/api/v1/admins/" + id, "{\"active\":false}"), 409, "error.lastCaAdmin");
            assertTrue(second.get("/api/v1/admins/" + id).json().getBoolean("active"));
            assertEquals(200, second.put("/api/v1/admins/" + id, "{\"customers\":[]}").status(),
                    "other changes to the last CA admin are fine");
        } finally {
            for (String other : others) {
                assertEquals(200, second.put("/api/v1/admins/" + other, "{\"active\":true}").status());
            }
        }
        assertEquals(200, api.put("/api/v1/admins/" + id, "{\"active\":false}").status(),
                "with another CA admin active it may go");
    }

    @Test
    void aBackOfficeSessionIsReReadOnEveryRequest() {
        String a = customer();
        String id = staff("CA_ADMIN", null);
        PortalClient browser = signIn(id, PASSWORD);
        assertTrue(browser.get("/admin/staff.xhtml").html().contains("staff:create"), "a CA admin sees the form");

        assertEquals(200, api.put("/api/v1/admins/" + id, "{\"role\":\"OPERATOR\",\"customers\":[\"" + a + "\"]}")
                .status());
        PortalClient.Page demoted = browser.get("/admin/staff.xhtml");
        assertTrue(demoted.uri().endsWith("/admin/staff.xhtml"), demoted.uri());
        assertFalse(demoted.html().contains("staff:create"), "demoted on the next request");

        assertEquals(200, api.put("/api/v1/admins/" + id, "{\"active\":false}").status());
        assertTrue(browser.get("/admin/certificates.xhtml").uri().endsWith("/admin/login.xhtml"),
                "a disabled user's session ends on the next request");
        assertTrue(browser.get("/admin/certificates.xhtml").uri().endsWith("/admin/login.xhtml"), "and stays ended");
        assertFalse(signIn(id, PASSWORD).get("/admin/certificates.xhtml").uri().endsWith("/admin/certificates.xhtml"),
                "nor can it sign in again");
    }

    @Test
    void aResetPasswordIsChangedOnTheBackOfficeScreenFirstAndEndsOtherSessions() {
        String id = staff("CA_ADMIN", null);
        PortalClient other = signIn(id, PASSWORD);
        assertTrue(other.get("/admin/certificates.xhtml").uri().endsWith("/admin/certificates.xhtml"));

        assertEquals(204, api.post("/api/v1/admins/" + id + "/password", "{\"password\":\"reset-by-ca-admin\"}").status());
        assertTrue(other.get("/admin/certificates.xhtml").uri().endsWith("/admin/login.xhtml"),
                "a session signed in with the old password ends");

        PortalClient browser = new PortalClient("en");
        PortalClient.Page landed = browser.submit(browser.get("/admin/login.xhtml"), "login",
                Map.of("userId", id, "password", "reset-by-ca-admin"), "loginButton");
        assertTrue(landed.uri().endsWith("/admin/password.xhtml"), landed.uri());
        PortalClient.Page elsewhere = browser.get("/admin/staff.xhtml");
        assertTrue(elsewhere.uri().endsWith("/admin/password.xhtml"), "nothing else opens: " + elsewhere.uri());
        PortalClient.Page mismatch = browser.submit(elsewhere, "password", Map.of("current", "reset-by-ca-admin",
                "fresh", "my-own-new-password", "repeat", "my-own-new-passwordX"), "change");
        assertEquals(1, mismatch.errors().size(), mismatch.html());
        PortalClient.Page done = browser.submit(mismatch, "password", Map.of("current", "reset-by-ca-admin",
                "fresh", "my-own-new-password", "repeat", "my-own-new-password"), "change");
        assertTrue(done.uri().endsWith("/admin/certificates.xhtml"), done.uri());
        assertTrue(browser.get("/admin/staff.xhtml").html().contains("staff:create"), "this session carries on");
        assertEquals(200, Api.as(id, "my-own-new-password", "en").get("/api/v1/customers").status());
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private PortalClient signIn(String id, String password) {
        PortalClient browser = new PortalClient("en");
        browser.submit(browser.get("/admin/login.xhtml"), "login", Map.of("userId", id, "password", password),
                "loginButton");
        return browser;
    }

    private String customer() {
        String name = "職員 " + UUID.randomUUID().toString().substring(0, 8);
        Api.Response r = api.post("/api/v1/customers", "{\"name\":\"" + name + "\",\"contactEmail\":\"ca@example.jp\"}");
        assertEquals(201, r.status(), r.body());
        return name;
    }

    private String staff(String role, String customer) {
        String id = "staff-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response r = api.post("/api/v1/admins", "{\"userId\":\"" + id + "\",\"password\":\"" + PASSWORD + "\","
                + "\"role\":\"" + role + "\",\"customers\":[" + (customer == null ? "" : "\"" + customer + "\"") + "]}");
        assertEquals(201, r.status(), r.body());
        return id;
    }

    private static void assertProblem(Api.Response r, int status, String code) {
        assertEquals(status, r.status(), r.body());
        assertEquals(code, r.code(), r.body());
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
