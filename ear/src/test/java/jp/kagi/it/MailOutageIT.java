package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SPEC.md: "SMTP down means delayed, never lost, never sent twice." Issue while no SMTP server listens, watch the
 * outbox retry with backoff (the tests' server uses a 1 s base instead of 30 s), start the SMTP server, and count.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MailOutageIT {

    private final Api api = Api.admin();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return KagiDeployment.shipped();
    }

    @Test
    void mailsWaitOutAnSmtpOutageAndArriveExactlyOnce() throws Exception {
        String customer = "Outage " + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, api.post("/api/v1/customers", "{\"name\":\"" + customer + "\",\"contactEmail\":\"c@example.jp\"}")
                .status());
        String email = "outage-" + UUID.randomUUID() + "@example.jp";
        String userId = api.post("/api/v1/accounts", "{\"customer\":\"" + customer + "\",\"email\":\"" + email
                + "\",\"displayName\":\"停電\",\"language\":\"ja\"}").json().getString("userId");
        assertEquals(201, api.post("/api/v1/certificates", "{\"userId\":\"" + userId + "\"}").status());

        JsonArray failing = await(email, mails -> mails.size() == 2 && mails.stream().map(m -> m.asJsonObject())
                .allMatch(m -> m.getInt("attempts") >= 2 && "PENDING".equals(m.getString("status"))));
        for (var m : failing) {
            JsonObject mail = m.asJsonObject();
            assertFalse(mail.isNull("lastError"), "the reason is visible: " + mail);
            assertFalse(mail.isNull("nextAttemptAt"), "and when it tries again");
        }

        GreenMail smtp = new GreenMail(new ServerSetup(Integer.getInteger("kagi.it.smtp.port", 3025), "127.0.0.1",
                ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            await(email, mails -> mails.stream().allMatch(m -> "SENT".equals(m.asJsonObject().getString("status"))));
            // A witness mail queued now and delivered proves more sender rounds ran: nothing of the first went again.
            String witness = "witness-" + UUID.randomUUID() + "@example.jp";
            String witnessId = api.post("/api/v1/accounts", "{\"customer\":\"" + customer + "\",\"email\":\""
                    + witness + "\",\"displayName\":\"証人\",\"language\":\"ja\"}").json().getString("userId");
            assertEquals(201, api.post("/api/v1/certificates", "{\"userId\":\"" + witnessId + "\"}").status());
            await(witness, mails -> mails.size() == 2
                    && mails.stream().allMatch(m -> "SENT".equals(m.asJsonObject().getString("status"))));
            long received = Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
                try {
                    return m.getAllRecipients()[0].toString().equals(email);
                } catch (jakarta.mail.MessagingException e) {
                    return false;
                }
            }).count();
            assertEquals(2, received, "delayed, not lost, and not sent twice");
        } finally {
            smtp.stop();
        }
    }

    private JsonArray await(String email, Predicate<JsonArray> condition) {
        long deadline = System.currentTimeMillis() + 60_000;
        JsonArray mails = null;
        while (System.currentTimeMillis() < deadline) {
            mails = api.get("/api/v1/mail?to=" + URLEncoder.encode(email, StandardCharsets.UTF_8)).array();
            if (condition.test(mails)) {
                return mails;
            }
            Imports.sleep(250); // the polling interval, bounded by the deadline
        }
        throw new AssertionError("Outbox never reached the expected state: " + mails);
    }
}
