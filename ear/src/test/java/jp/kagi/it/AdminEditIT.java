package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
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
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 5, back office: editing and renaming customers, editing accounts, password reset and resending a
 * certificate's mails, over the REST API with a real SMTP server, and the portal to prove which password works.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminEditIT {

    private static final Pattern JA_CREDENTIALS = Pattern.compile("ID : (\\S+)\\s+パスワード : (\\S+)");
    private static final String MENU = "/portal/menu.xhtml";

    @RegisterExtension
    static GreenMailExtension smtp = Mailbox.smtpServer();

    private final Api api = Api.admin();
    private final Mailbox mailbox = new Mailbox(smtp);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return KagiDeployment.shipped();
    }

    @Test
    void renamedCustomersGiveNewCertificatesTheNewOuAndOperatorsKeepThem() {
        String oldName = customer();
        Api operator = operator(oldName);
        String email = "rename-" + UUID.randomUUID() + "@example.jp";
        String userId = account(oldName, email, "改名 前", "ja");
        JsonObject before = api.post("/api/v1/certificates", "{\"userId\":\"" + userId + "\"}").json();
        mailbox.await(email, 2);

        String newName = "新顧客 " + UUID.randomUUID().toString().substring(0, 8);
        Api.Response edited = api.put("/api/v1/customers/" + enc(oldName), "{\"name\":\"" + newName + "\","
                + "\"contactName\":\"山田 花子\",\"contactPhone\":\"058-279-3458\",\"supportName\":\"専用サポート窓口\","
                + "\"supportPhone\":\"058-111-2222\",\"supportHours\":\"平日 10:00-16:00\","
                + "\"manualUrl\":\"https://manual.example.jp/kagi.pdf\"}");
        assertEquals(200, edited.status(), edited.body());
        JsonObject saved = edited.json();
        assertEquals(newName, saved.getString("name"));
        assertEquals("山田 花子", saved.getString("contactName"));
        assertEquals("058-279-3458", saved.getString("contactPhone"));
        assertEquals("ca@example.jp", saved.getString("contactEmail"), "omitted fields keep their value");
        assertEquals("P30D", saved.getString("lockAfterIssuance"), "the policy is untouched");
        assertProblem(api.get("/api/v1/customers/" + enc(oldName)), 404, "error.customerUnknown");
        assertEquals(200, api.get("/api/v1/customers/" + enc(newName)).status());

        JsonObject oldCert = api.get("/api/v1/certificates/" + before.getString("serial")).json();
        assertTrue(oldCert.getString("subject").contains("OU=" + oldName), "issued certificates keep their subject");
        assertEquals(newName, oldCert.getString("customer"));

        assertTrue(operator.get("/api/v1/customers").array().stream()
                .anyMatch(c -> c.asJsonObject().getString("name").equals(newName)), "the operator keeps its customer");
        Api.Response issued = operator.post("/api/v1/certificates", "{\"userId\":\"" + userId + "\"}");
        assertEquals(201, issued.status(), issued.body());
        assertEquals("C=JP, OU=" + newName + ", CN=" + issued.json().getString("cn"), issued.json().getString("subject"));

        List<MimeMessage> mails = mailbox.await(email, 4);
        String renewal = Mailbox.text(bySubject(mails.subList(2, 4), "クライアント証明書更新登録のお願い"));
        assertTrue(renewal.contains("専用サポート窓口") && renewal.contains("058-111-2222")
                && renewal.contains("平日 10:00-16:00"), "the customer's own support desk: " + renewal);
        assertTrue(renewal.contains("https://manual.example.jp/kagi.pdf"), renewal);
        assertFalse(renewal.contains("058-000-0000"), "not the global support phone");

        Api.Response cleared = api.put("/api/v1/customers/" + enc(newName), "{\"supportPhone\":\"\"}");
        assertEquals(200, cleared.status(), cleared.body());
        assertFalse(cleared.json().containsKey("supportPhone") && !cleared.json().isNull("supportPhone"),
                "an empty mail setting falls back to the global one");
    }

    @Test
    void badCustomerEditsGetATranslatedProblemAndChangeNothing() {
        String customer = customer();
        String other = customer();
        String path = "/api/v1/customers/" + enc(customer);
        assertProblem(api.put(path, "{\"name\":\"a,b=c\"}"), 400, "error.dnCharacters");
        assertProblem(api.put(path, "{\"name\":\"" + "x".repeat(65) + "\"}"), 400, "error.tooLong");
        assertProblem(api.put(path, "{\"name\":\"" + other + "\"}"), 409, "error.customerExists");
        assertProblem(api.put(path, "{\"contactEmail\":\"not-an-address\"}"), 400, "error.email");
        Api.Response phone = api.inLanguage("ja").put(path, "{\"contactPhone\":\"call me\"}");
        assertProblem(phone, 400, "error.phone");
        assertTrue(phone.json().getString("detail").contains("電話番号"), phone.body());
        assertProblem(api.put(path, "{\"manualUrl\":\"javascript:alert(1)\"}"), 400, "error.url");
        assertProblem(api.put(path, "{\"supportHours\":\"a\\u0007b\"}"), 400, "error.controlCharacters");
        String unused = "未使用 " + UUID.randomUUID().toString().substring(0, 8);
        assertProblem(api.put(path, "{\"name\":\"" + unused + "\",\"contactName\":\"新担当\",\"supportPhone\":\"x\"}"),
                400, "error.phone");
        assertProblem(api.put("/api/v1/customers/" + enc("存在しない " + UUID.randomUUID()), "{\"contactName\":\"x\"}"),
                404, "error.customerUnknown");
        assertProblem(api.put(path, "{"), 400, "error.malformedJson");
        assertProblem(operator(customer).put(path, "{\"contactName\":\"operator\"}"), 403, "error.forbidden");

        assertProblem(api.get("/api/v1/customers/" + enc(unused)), 404, "error.customerUnknown");
        JsonObject unchanged = api.get(path).json();
        assertEquals("ca@example.jp", unchanged.getString("contactEmail"));
        assertTrue(!unchanged.containsKey("contactName") || unchanged.isNull("contactName"), unchanged.toString());
        assertTrue(!unchanged.containsKey("supportPhone") || unchanged.isNull("supportPhone"), unchanged.toString());
    }

    @Test
    void accountEditsRefuseAnotherAccountsEmailAndTakeEffect() {
        String customer = customer();
        String first = "first-" + UUID.randomUUID() + "@example.jp";
        account(customer, first, "一人目", "ja");
        String secondId = account(customer, "second-" + UUID.randomUUID() + "@example.jp", "二人目", "ja");
        String path = "/api/v1/accounts/" + secondId;

        assertProblem(api.put(path, "{\"email\":\"" + first.toUpperCase() + "\"}"), 409, "error.accountExists");
        assertProblem(api.put(path, "{\"language\":\"fr\"}"), 400, "error.language");
        assertProblem(api.put(path, "{\"displayName\":\"\"}"), 400, "error.required");
        assertProblem(api.put(path, "{\"email\":\"nope\"}"), 400, "error.email");
        assertProblem(api.put("/api/v1/accounts/nobody", "{\"displayName\":\"x\"}"), 404, "error.accountUnknown");
        assertProblem(operator(customer()).put(path, "{\"displayName\":\"x\"}"), 404, "error.accountUnknown");
        assertEquals("二人目", api.get(path).json().getString("displayName"), "nothing changed");

        String moved = "moved-" + UUID.randomUUID() + "@example.com";
        Api.Response edited = operator(customer).put(path,
                "{\"email\":\"" + moved + "\",\"displayName\":\"Second Person\",\"language\":\"en\"}");
        assertEquals(200, edited.status(), edited.body());
        assertEquals(moved, edited.json().getString("email"));
        assertEquals("en", edited.json().getString("language"));
        assertEquals(200, api.put(path, "{\"email\":\"" + moved.toUpperCase() + "\"}").status(),
                "its own address in another case is no duplicate");

        assertEquals(201, api.post("/api/v1/certificates", "{\"userId\":\"" + secondId + "\"}").status());
        List<MimeMessage> mails = mailbox.await(moved, 2);
        assertTrue(Mailbox.text(bySubject(mails, "Certificate issuance notice")).contains("Dear Second Person"));
    }

    @Test
    void aPasswordResetMailsANewPasswordThatSignsInWhileTheOldOneFails() {
        String customer = customer();
        String email = "reset-" + UUID.randomUUID() + "@example.jp";
        String userId = account(customer, email, "再発行 太郎", "ja");
        assertEquals(201, api.post("/api/v1/certificates", "{\"userId\":\"" + userId + "\"}").status());
        Mailbox.Credentials old = mailbox.credentials(email, 2);

        Api.Response reset = operator(customer).post("/api/v1/accounts/" + userId + "/reset-password", "");
        assertTrue(reset.status() == 202 || reset.status() == 200, reset.body());
        MimeMessage mail = bySubject(mailbox.await(email, 3), "パスワード再発行のお知らせ");
        assertTrue(Mailbox.subject(mail).contains("【パスワード再発行のお知らせ】"), Mailbox.subject(mail));
        String text = Mailbox.text(mail);
        Matcher credentials = JA_CREDENTIALS.matcher(text);
        assertTrue(credentials.find(), text);
        assertEquals(userId, credentials.group(1));
        String fresh = credentials.group(2);
        assertTrue(fresh.matches("[A-Za-z2-9]{14}"), fresh);
        assertNotEquals(old.password(), fresh);
        assertFalse(text.contains(old.requestId()), "never a Request ID beside the password");
        assertTrue(text.contains("058-000-0000"), "the support desk");
        assertFalse(reset.body().contains(fresh), "the answer never holds the password");
        assertTrue(api.get("/api/v1/mail?to=" + enc(email)).array().stream()
                .anyMatch(m -> m.asJsonObject().getString("kind").equals("PASSWORD_RESET")));

        assertTrue(new PortalClient("ja").login(userId, fresh).uri().endsWith(MENU), "the new password signs in");
        PortalClient.Page refused = new PortalClient("ja").login(userId, old.password());
        assertFalse(refused.uri().endsWith(MENU), "the old password stopped at once");

        assertEquals("DISABLED", api.post("/api/v1/accounts/" + userId + "/disable", "").json().getString("status"));
        assertProblem(api.post("/api/v1/accounts/" + userId + "/reset-password", ""), 400, "error.accountInactive");
        assertProblem(api.post("/api/v1/accounts/nobody/reset-password", ""), 404, "error.accountUnknown");
    }

    @Test
    void resendingMailsRepeatsTheNoticeAndGivesTheRegistrationAFreshPassword() {
        String customer = customer();
        Api operator = operator(customer);
        String email = "resend-" + UUID.randomUUID() + "@example.jp";
        String userId = account(customer, email, "再送 花子", "ja");
        JsonObject issued = api.post("/api/v1/certificates", "{\"userId\":\"" + userId + "\"}").json();
        String serial = issued.getString("serial");
        Mailbox.Credentials old = mailbox.credentials(email, 2);

        Api.Response notice = operator.post("/api/v1/certificates/" + serial + "/resend", "{\"mail\":\"notice\"}");
        assertEquals(202, notice.status(), notice.body());
        assertFalse(notice.json().getBoolean("newPassword"));
        List<MimeMessage> notices = mailbox.await(email, 3).stream()
                .filter(m -> Mailbox.subject(m).contains("証明書発行通知")).toList();
        assertEquals(2, notices.size());
        for (MimeMessage m : notices) {
            String text = Mailbox.text(m);
            assertTrue(text.contains("リクエスト ID: " + issued.getString("requestId")), text);
            assertTrue(text.contains("Subject: " + issued.getString("subject")), text);
            assertTrue(text.contains("Serial Number: " + serial), text);
            assertFalse(text.contains(old.password()), "no password in a notice");
        }

        Api.Response registration = api.post("/api/v1/certificates/" + serial + "/resend", "{\"mail\":\"registration\"}");
        assertEquals(202, registration.status(), registration.body());
        assertTrue(registration.json().getBoolean("newPassword"), registration.body());
        List<String> passwords = mailbox.await(email, 4).stream()
                .filter(m -> Mailbox.subject(m).contains("クライアント証明書登録のお願い")).map(Mailbox::text)
                .map(t -> {
                    Matcher c = JA_CREDENTIALS.matcher(t);
                    assertTrue(c.find(), t);
                    assertFalse(t.contains(issued.getString("requestId")), "no Request ID beside the password");
                    return c.group(2);
                }).toList();
        assertEquals(2, passwords.size());
        String fresh = passwords.stream().filter(p -> !p.equals(old.password())).findFirst()
                .orElseThrow(() -> new AssertionError("no new password in " + passwords));
        assertFalse(registration.body().contains(fresh), "the answer never holds the password");

        PortalClient portal = new PortalClient("ja");
        assertTrue(portal.login(userId, fresh).uri().endsWith(MENU), "the resent password signs in");
        PortalClient.Page ready = portal.retrieve(issued.getString("requestId"), fresh, fresh);
        assertEquals("application/x-pkcs12", portal.download(ready).header("Content-Type"), "and retrieves the key");
        assertFalse(new PortalClient("ja").login(userId, old.password()).uri().endsWith(MENU), "the old one stopped");

        assertProblem(api.post("/api/v1/certificates/" + serial + "/resend", "{\"mail\":\"sms\"}"), 400,
                "error.resendMail");
        assertProblem(api.post("/api/v1/certificates/" + serial + "/resend", "{}"), 400, "error.resendMail");
        assertProblem(api.post("/api/v1/certificates/ABCDEF0123/resend", "{\"mail\":\"notice\"}"), 404,
                "error.certificateUnknown");
        assertProblem(operator(customer()).post("/api/v1/certificates/" + serial + "/resend", "{\"mail\":\"notice\"}"),
                404, "error.certificateUnknown");
    }

    @Test
    void lockedRevokedOrReissuedRequestsAreNotResent() {
        String customer = customer();
        assertEquals(200, api.put("/api/v1/customers/" + enc(customer) + "/policy", "{\"lockAfterIssuance\":\"PT1S\"}")
                .status());
        String email = "locked-" + UUID.randomUUID() + "@example.jp";
        String userId = account(customer, email, "ロック", "ja");
        String locked = api.post("/api/v1/certificates", "{\"userId\":\"" + userId + "\"}").json().getString("serial");
        mailbox.await(email, 2);
        Poll.until("the request locked after 1 s", java.time.Duration.ofSeconds(30),
                () -> api.get("/api/v1/certificates/" + locked).json().getString("retrievalStatus"), "LOCKED"::equals);

        Api.Response refused = api.inLanguage("ja").post("/api/v1/certificates/" + locked + "/resend",
                "{\"mail\":\"notice\"}");
        assertProblem(refused, 409, "error.resendLocked");
        assertTrue(refused.json().getString("detail").contains("再発行"), "suggests a reissue: " + refused.body());
        assertProblem(api.post("/api/v1/certificates/" + locked + "/resend", "{\"mail\":\"registration\"}"), 409,
                "error.resendLocked");
        assertEquals(2, api.get("/api/v1/mail?to=" + enc(email)).array().size(), "nothing queued");

        assertEquals(200, api.put("/api/v1/customers/" + enc(customer) + "/policy", "{\"lockAfterIssuance\":\"P30D\"}")
                .status());
        Api.Response reissued = api.post("/api/v1/certificates/" + locked + "/reissue", "");
        assertEquals(201, reissued.status(), reissued.body());
        String fresh = reissued.json().getString("serial");
        assertEquals(Api.BASE + "/api/v1/certificates/" + fresh, reissued.location(), "Location: the new certificate");
        mailbox.await(email, 4);
        assertProblem(api.post("/api/v1/certificates/" + locked + "/resend", "{\"mail\":\"notice\"}"), 409,
                "error.resendSuperseded");
        assertEquals(202, api.post("/api/v1/certificates/" + fresh + "/resend", "{\"mail\":\"notice\"}").status());
        mailbox.await(email, 5);

        assertEquals(200, api.post("/api/v1/certificates/" + fresh + "/revoke", "{\"reason\":\"keyCompromise\"}").status());
        assertProblem(api.post("/api/v1/certificates/" + fresh + "/resend", "{\"mail\":\"registration\"}"), 409,
                "error.resendRevoked");
        assertEquals(5, api.get("/api/v1/mail?to=" + enc(email)).array().size(), "nothing queued after the refusals");
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private String customer() {
        String name = "編集 " + UUID.randomUUID().toString().substring(0, 8);
        Api.Response r = api.post("/api/v1/customers", "{\"name\":\"" + name + "\",\"contactEmail\":\"ca@example.jp\"}");
        assertEquals(201, r.status(), r.body());
        return name;
    }

    private Api operator(String customer) {
        String id = "op-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response r = api.post("/api/v1/admins", "{\"userId\":\"" + id + "\",\"password\":\"operator-password-1\","
                + "\"role\":\"OPERATOR\",\"customers\":[\"" + customer + "\"]}");
        assertEquals(201, r.status(), r.body());
        return Api.as(id, "operator-password-1", "en");
    }

    private String account(String customer, String email, String name, String language) {
        Api.Response r = api.post("/api/v1/accounts", "{\"customer\":\"" + customer + "\",\"email\":\"" + email
                + "\",\"displayName\":\"" + name + "\",\"language\":\"" + language + "\"}");
        assertEquals(201, r.status(), r.body());
        return r.json().getString("userId");
    }

    private static void assertProblem(Api.Response r, int status, String code) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        assertEquals(code, r.code(), r.body());
        assertFalse(r.json().getString("detail").isBlank());
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static MimeMessage bySubject(List<MimeMessage> mails, String part) {
        return mails.stream().filter(m -> Mailbox.subject(m).contains(part)).findFirst()
                .orElseThrow(() -> new AssertionError("No mail with subject containing " + part));
    }
}
