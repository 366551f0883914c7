package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Role limits in the back office, by the screens and by forged requests (issue 5): an operator (English) neither
 * sees nor touches another customer, whatever it posts; an auditor (Japanese) reads but changes nothing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminRoleBrowserIT {

    private static final String FORGE_OPTION = "var s = arguments[0]; var o = document.createElement('option');"
            + " o.value = arguments[1]; o.text = arguments[1]; s.add(o); s.value = arguments[1];";

    private final Api api = Api.admin();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return KagiDeployment.shipped();
    }

    @BeforeEach
    void needsChromium() {
        Assumptions.assumeTrue(Browser.available(), "Debian's chromium and chromium-driver are not installed");
    }

    @Test
    void anOperatorCannotSeeOrTouchAnotherCustomerByScreenOrByForgedRequest() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String mine = "Own " + suffix;
        String theirs = "Other " + suffix;
        customer(mine);
        customer(theirs);
        String theirUser = account(theirs, "their-" + suffix + "@example.com", "Their User");
        JsonObject theirCert = api.post("/api/v1/certificates", "{\"userId\":\"" + theirUser + "\"}").json();
        String operator = "op-en-" + suffix;
        admin(operator, "OPERATOR", List.of(mine));
        String forged = "forged-" + suffix + "@example.com";

        try (Browser browser = new Browser("en-US")) {
            signIn(browser, operator);
            browser.click("Customers");
            browser.waitForText(mine);
            assertFalse(browser.text().contains(theirs), "another customer stays invisible");
            assertFalse(browser.buttons().contains("Edit"), "only CA admins edit customers");

            browser.click("Accounts");
            assertEquals(List.of("-", mine), options(browser, "Customer"), "only its own customer to choose");
            browser.script(FORGE_OPTION, browser.field("Customer"), theirs);
            browser.fill("E-mail", forged);
            browser.fill("Name", "Forged");
            browser.click("Create");
            browser.waitForText("Customer: this choice is not offered to you.");
            assertTrue(browser.infos().isEmpty(), "nothing was opened: " + browser.infos());
            browser.screenshot("admin-en-operator-forged");

            browser.click("Certificates");
            browser.script(FORGE_OPTION, browser.field("Customer"), theirs);
            browser.click("Show");
            browser.waitForText("Customer: this choice is not offered to you.");
            assertFalse(browser.text().contains(theirCert.getString("serial")), "their certificates stay hidden");
            browser.fill("CN", theirCert.getString("cn"));
            browser.click("Show");
            browser.waitForText("Nothing to show.");
            assertFalse(browser.text().contains(theirCert.getString("serial")), "not even by its CN");
        }
        assertTrue(addressIsFree(theirs, forged), "no account was opened for the other customer");

        Api crafted = Api.as(operator, "operator-password-1", "en");
        String userPath = "/api/v1/accounts/" + theirUser;
        assertProblem(crafted.get(userPath), 404, "error.accountUnknown");
        assertProblem(crafted.put(userPath, "{\"displayName\":\"Changed by operator\"}"), 404, "error.accountUnknown");
        assertProblem(crafted.post(userPath + "/reset-password", ""), 404, "error.accountUnknown");
        String serialPath = "/api/v1/certificates/" + theirCert.getString("serial");
        assertProblem(crafted.post(serialPath + "/revoke", "{\"reason\":\"keyCompromise\"}"), 404,
                "error.certificateUnknown");
        assertEquals("Their User", api.get(userPath).json().getString("displayName"), "the account is unchanged");
        assertEquals("ISSUED", api.get(serialPath).json().getString("status"), "the certificate is not revoked");
    }

    @Test
    void aCaAdminCreatesAnOperatorOnScreenWhoThenSeesOnlyItsCustomer() {
        Assumptions.assumeTrue(Browser.available(), "Debian's chromium and chromium-driver are not installed");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String mine = "担当 " + suffix;
        String other = "他社 " + suffix;
        for (String c : List.of(mine, other)) {
            assertEquals(201, api.post("/api/v1/customers", "{\"name\":\"" + c + "\",\"contactEmail\":\"c@example.jp\"}")
                    .status());
        }
        String operator = "op-screen-" + suffix;
        try (Browser browser = new Browser("ja")) {
            browser.open("/admin/login.xhtml");
            browser.fill("ユーザID", Api.ADMIN);
            browser.fill("パスワード", Api.ADMIN_PASSWORD);
            browser.click("Login");
            browser.waitForText("ログアウト");
            browser.click("管理者");
            browser.fill("ユーザID", operator);
            browser.fill("パスワード", "short");
            browser.select("権限", "オペレーター");
            browser.click("追加");
            browser.waitForText("管理者のパスワードは 12～256 文字にしてください。");
            assertFalse(browser.text().contains(operator), "a refused user is not listed");
            browser.fill("ユーザID", operator);
            browser.fill("パスワード", "operator-screen-password");
            browser.select("権限", "オペレーター");
            browser.select("顧客 (オペレーター)", mine);
            browser.click("追加");
            browser.waitForText("管理者 " + operator + " (OPERATOR) を追加しました。");
            browser.screenshot("admin-ja-staff");
        }
        try (Browser browser = new Browser("ja")) {
            browser.open("/admin/login.xhtml");
            browser.fill("ユーザID", operator);
            browser.fill("パスワード", "operator-screen-password");
            browser.click("Login");
            browser.waitForText("ログアウト");
            browser.click("顧客");
            browser.waitForText(mine);
            assertFalse(browser.text().contains(other), browser.text());
            browser.open("/admin/staff.xhtml");
            browser.waitForText("この操作は許可されていません");
            assertFalse(browser.text().contains("CA 管理者"), "the staff list (with the CA admin's role) stays hidden");
        }
    }

    @Test
    void anAuditorReadsEverythingButChangesNothingInJapanese() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String customer = "監査 " + suffix;
        customer(customer);
        String userId = account(customer, "audited-" + suffix + "@example.jp", "監査 対象");
        JsonObject cert = api.post("/api/v1/certificates", "{\"userId\":\"" + userId + "\"}").json();
        String auditor = "au-ja-" + suffix;
        admin(auditor, "AUDITOR", List.of());
        String forged = "forged-" + suffix + "@example.jp";
        List<String> actions = List.of("追加", "編集", "無効化", "再有効化", "証明書を発行", "パスワード再発行", "失効",
                "再発行", "発行通知を再送", "登録のお願いを再送");

        try (Browser browser = new Browser("ja")) {
            signIn(browser, auditor);
            browser.click("顧客");
            browser.waitForText(customer);
            assertNoneOf(actions, browser.buttons());
            assertFalse(browser.text().contains("顧客の追加"), "no form for a new customer");

            browser.click("アカウント");
            browser.select("顧客", customer);
            browser.click("表示");
            browser.waitForText(userId);
            assertNoneOf(actions, browser.buttons());
            assertFalse(browser.text().contains("アカウントの追加"), "no form for a new account");
            browser.screenshot("admin-ja-auditor-accounts");

            // A forged postback of the form the auditor never got: the server ignores what it did not offer.
            browser.script("var f = document.getElementById('accounts'); document.body.setAttribute('data-forged', '1');"
                    + " [['accounts:email', arguments[0]], ['accounts:displayName', '偽造'], ['accounts:language', 'ja'],"
                    + "  ['accounts:create', 'accounts:create']].forEach(function (p) {"
                    + "   var i = document.createElement('input'); i.type = 'hidden'; i.name = p[0]; i.value = p[1];"
                    + "   f.appendChild(i); });"
                    + " f.submit();", forged);
            awaitNewPage(browser);
            browser.waitForText(userId);
            assertTrue(browser.infos().isEmpty(), "nothing was created: " + browser.infos());
            assertFalse(browser.text().contains(forged), browser.text());

            browser.click("証明書");
            browser.select("顧客", customer);
            browser.click("表示");
            browser.waitForText(cert.getString("serial"));
            assertNoneOf(actions, browser.buttons());
            assertFalse(browser.text().contains("失効理由"), "no revocation reason to choose");
            assertTrue(browser.text().contains("シリアル番号"), "the column headers are Japanese too");

            browser.click("メール送信箱");
            browser.waitForText("メールアドレス");
            assertFalse(browser.text().contains("この操作は許可されていません。"), "auditors read the outbox");
        }
        assertTrue(addressIsFree(customer, forged), "the forged postback opened no account");

        Api crafted = Api.as(auditor, "auditor-password-1", "ja");
        Api.Response create = crafted.post("/api/v1/accounts", "{\"customer\":\"" + customer + "\",\"email\":\""
                + forged + "\",\"displayName\":\"偽造\",\"language\":\"ja\"}");
        assertProblem(create, 403, "error.forbidden");
        assertEquals("この操作は許可されていません。", create.json().getString("detail"), create.body());
        assertProblem(crafted.post("/api/v1/certificates/" + cert.getString("serial") + "/revoke",
                "{\"reason\":\"keyCompromise\"}"), 403, "error.forbidden");
        assertEquals("ISSUED", api.get("/api/v1/certificates/" + cert.getString("serial")).json().getString("status"));
        assertTrue(addressIsFree(customer, forged));
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private static void signIn(Browser browser, String user) {
        browser.open("/admin/login.xhtml");
        boolean ja = browser.text().contains("ユーザID");
        browser.fill(ja ? "ユーザID" : "User ID", user);
        browser.fill(ja ? "パスワード" : "Password", user.startsWith("au-") ? "auditor-password-1" : "operator-password-1");
        browser.click("Login");
        browser.waitForText(ja ? "ログアウト" : "Log out");
    }

    /** Waits until the page marked with {@code data-forged} was replaced by the server's answer. */
    private static void awaitNewPage(Browser browser) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (browser.script("return document.readyState === 'complete'"
                        + " && !document.body.hasAttribute('data-forged')").equals(Boolean.TRUE)) {
                    return;
                }
            } catch (org.openqa.selenium.WebDriverException e) {
                // The page is being replaced right now.
            }
            Imports.sleep(250);
        }
        throw new AssertionError("the forged postback got no answer within 60 s");
    }

    @SuppressWarnings("unchecked")
    private static List<String> options(Browser browser, String label) {
        return (List<String>) browser.script("return Array.from(arguments[0].options).map(function (o) {"
                + " return o.text; });", browser.field(label));
    }

    private static void assertNoneOf(List<String> forbidden, List<String> buttons) {
        assertTrue(buttons.stream().noneMatch(forbidden::contains), "read-only, yet offered: " + buttons);
    }

    /** A dry-run import (it writes nothing) finds {@code email} still free at {@code customer}. */
    private boolean addressIsFree(String customer, String email) {
        String csv = "customer,email,displayName,language\r\n" + customer + "," + email + ",Check,en\r\n";
        Api.Response r = api.postBytes("/api/v1/accounts/import?dryRun=true", csv.getBytes(StandardCharsets.UTF_8),
                "text/csv");
        assertEquals(200, r.status(), r.body());
        return r.json().getInt("valid") == 1;
    }

    private void customer(String name) {
        Api.Response r = api.post("/api/v1/customers", "{\"name\":\"" + name + "\",\"contactEmail\":\"ca@example.jp\"}");
        assertEquals(201, r.status(), r.body());
    }

    private String account(String customer, String email, String name) {
        Api.Response r = api.post("/api/v1/accounts", "{\"customer\":\"" + customer + "\",\"email\":\"" + email
                + "\",\"displayName\":\"" + name + "\",\"language\":\"en\"}");
        assertEquals(201, r.status(), r.body());
        return r.json().getString("userId");
    }

    private void admin(String userId, String role, List<String> customers) {
        String password = role.equals("AUDITOR") ? "auditor-password-1" : "operator-password-1";
        String list = customers.isEmpty() ? "" : ",\"customers\":[\"" + String.join("\",\"", customers) + "\"]";
        Api.Response r = api.post("/api/v1/admins", "{\"userId\":\"" + userId + "\",\"password\":\"" + password
                + "\",\"role\":\"" + role + "\"" + list + "}");
        assertEquals(201, r.status(), r.body());
    }

    private static void assertProblem(Api.Response r, int status, String code) {
        assertEquals(status, r.status(), r.body());
        assertEquals(code, r.code(), r.body());
    }
}
