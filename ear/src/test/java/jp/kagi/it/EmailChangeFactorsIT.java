package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
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
 * Issue 12 item 3, no single operator holds both factors: an operator who points an account with a pending key at
 * a mailbox of their own, then resends the notice and resets the password, gets a password but no usable Request
 * ID; the key is voided and the old address is told.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EmailChangeFactorsIT {

    private static final Pattern JA_CREDENTIALS = Pattern.compile("ID : (\\S+)\\s+パスワード : (\\S+)");

    @RegisterExtension
    static GreenMailExtension smtp = Mailbox.smtpServer();

    private final Api api = Api.admin();
    private final Mailbox mailbox = new Mailbox(smtp);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return KagiDeployment.shipped();
    }

    @Test
    void theAttackSequenceNoLongerDeliversBothFactorsToTheNewAddress() {
        String customer = customer();
        Api operator = operator(customer);
        String victim = "victim-" + UUID.randomUUID() + "@example.jp";
        String attacker = "attacker-" + UUID.randomUUID() + "@example.com";
        String userId = account(customer, victim);
        String serial = api.post("/api/v1/certificates", "{\"userId\":\"" + userId + "\"}").json().getString("serial");
        Mailbox.Credentials original = mailbox.credentials(victim, 2);

        Api.Response moved = operator.put("/api/v1/accounts/" + userId, "{\"email\":\"" + attacker + "\"}");
        assertEquals(200, moved.status(), moved.body());
        assertProblem(operator.post("/api/v1/certificates/" + serial + "/resend", "{\"mail\":\"notice\"}"), 409,
                "error.resendLocked");
        assertProblem(operator.post("/api/v1/certificates/" + serial + "/resend", "{\"mail\":\"registration\"}"), 409,
                "error.resendLocked");
        Api.Response reset = operator.post("/api/v1/accounts/" + userId + "/reset-password", "");
        assertTrue(reset.status() == 200 || reset.status() == 202, reset.body());

        List<MimeMessage> atAttacker = mailbox.await(attacker, 1);
        String resetText = Mailbox.text(atAttacker.get(0));
        Matcher credentials = JA_CREDENTIALS.matcher(resetText);
        assertTrue(credentials.find(), resetText);
        String fresh = credentials.group(2);
        PortalClient portal = new PortalClient("ja");
        assertTrue(portal.login(userId, fresh).uri().endsWith("/portal/menu.xhtml"), "the password factor arrived");
        PortalClient.Page refused = portal.retrieve(original.requestId(), fresh, fresh);
        assertTrue(refused.errors().stream().anyMatch(e -> e.contains("メールアドレスが変更された")),
                "the voided Request ID is refused with its reason: " + refused.errors());
        assertFalse(refused.html().contains("downloadButton"), "no download step");

        MimeMessage notice = mailbox.await(victim, 3).stream()
                .filter(m -> Mailbox.subject(m).contains("メールアドレス変更のお知らせ")).findFirst()
                .orElseThrow(() -> new AssertionError("no notice to the old address"));
        String noticeText = Mailbox.text(notice);
        assertTrue(noticeText.contains(attacker), "the old address learns where the account now points");
        assertFalse(noticeText.contains(fresh) || noticeText.contains(original.requestId()), "no factor in it");
        for (MimeMessage m : mailbox.await(attacker, 1)) {
            assertFalse(Mailbox.text(m).contains(original.requestId()), "the Request ID never reaches the new address");
        }
        assertEquals(1, api.get("/api/v1/audit?action=request.voidedByEmailChange&objectId=" + serial).array().size());
    }

    @Test
    void aCaseOnlyEditOrAnAccountWithoutPendingKeysVoidsNothing() {
        String customer = customer();
        String email = "same-" + UUID.randomUUID() + "@example.jp";
        String userId = account(customer, email);
        String serial = api.post("/api/v1/certificates", "{\"userId\":\"" + userId + "\"}").json().getString("serial");
        mailbox.credentials(email, 2);
        assertEquals(200, api.put("/api/v1/accounts/" + userId, "{\"email\":\"" + email.toUpperCase() + "\"}").status());
        assertEquals(202, api.post("/api/v1/certificates/" + serial + "/resend", "{\"mail\":\"notice\"}").status(),
                "the same mailbox in another case is no change of address");
        assertEquals(0, api.get("/api/v1/audit?action=request.voidedByEmailChange&objectId=" + serial).array().size());
    }

    private String customer() {
        String name = "二要素 " + UUID.randomUUID().toString().substring(0, 8);
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

    private String account(String customer, String email) {
        Api.Response r = api.post("/api/v1/accounts", "{\"customer\":\"" + customer + "\",\"email\":\"" + email
                + "\",\"displayName\":\"二要素 太郎\",\"language\":\"ja\"}");
        assertEquals(201, r.status(), r.body());
        return r.json().getString("userId");
    }

    private static void assertProblem(Api.Response r, int status, String code) {
        assertEquals(status, r.status(), r.body());
        assertEquals(code, r.code(), r.body());
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
