package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.mail.MessagingException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SMTP is down while a campaign launches and while its reminder step fires: the renewal pairs and the reminders
 * wait in the outbox, retrying, and when SMTP comes back every one of them arrives exactly once.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CampaignMailOutageIT {

    private final Api api = Api.admin();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return KagiDeployment.shipped();
    }

    @Test
    void renewalMailsAndRemindersWaitOutAnOutageAndArriveOnce() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String customer = "Outage campaign " + tag;
        assertEquals(201, api.post("/api/v1/customers", "{\"name\":\"" + customer
                + "\",\"contactEmail\":\"oc-" + tag + "@example.jp\"}").status());
        List<String> emails = List.of("oc1-" + tag + "@example.jp", "oc2-" + tag + "@example.jp");
        for (String email : emails) {
            String userId = api.post("/api/v1/accounts", "{\"customer\":\"" + customer + "\",\"email\":\"" + email
                    + "\",\"displayName\":\"停電\",\"language\":\"ja\"}").json().getString("userId");
            assertEquals(201, api.post("/api/v1/certificates", "{\"userId\":\"" + userId + "\"}").status());
        }
        OffsetDateTime completion = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(100).truncatedTo(ChronoUnit.SECONDS);
        Api.Response created = api.post("/api/v1/campaigns", "{\"name\":\"Outage " + tag + "\",\"customers\":[\""
                + customer + "\"],\"completion\":\"" + completion + "\",\"reminders\":[\"PT75S\"]}");
        assertEquals(201, created.status(), created.body());
        long id = created.json().getJsonNumber("id").longValue();
        assertEquals(200, api.post("/api/v1/campaigns/" + id + "/launch", "").status());

        // Two pairs and the reminder per user, all waiting (the reminder falls due 25 s after the launch).
        for (String email : emails) {
            await(email, mails -> mails.size() == 5 && mails.stream().map(m -> m.asJsonObject())
                    .noneMatch(m -> "SENT".equals(m.getString("status"))), 120);
        }
        JsonObject campaign = api.get("/api/v1/campaigns/" + id).json();
        assertEquals(0, campaign.getInt("mailed"), "nothing could be mailed yet: " + campaign);

        GreenMail smtp = new GreenMail(new ServerSetup(Integer.getInteger("kagi.it.smtp.port", 3025), "127.0.0.1",
                ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            for (String email : emails) {
                await(email, mails -> mails.stream().allMatch(m -> "SENT".equals(m.asJsonObject().getString("status"))),
                        180);
                long received = Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
                    try {
                        return m.getAllRecipients()[0].toString().equals(email);
                    } catch (MessagingException e) {
                        return false;
                    }
                }).count();
                assertEquals(5, received, "delayed, not lost, and not sent twice: " + email);
            }
            assertTrue(api.get("/api/v1/campaigns/" + id).json().getInt("mailed") == 2, "the dashboard counts them");
        } finally {
            smtp.stop();
        }
    }

    private JsonArray await(String email, Predicate<JsonArray> condition, int seconds) {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        JsonArray mails = null;
        while (System.currentTimeMillis() < deadline) {
            mails = api.get("/api/v1/mail?to=" + URLEncoder.encode(email, StandardCharsets.UTF_8)).array();
            if (condition.test(mails)) {
                return mails;
            }
            Imports.sleep(250);
        }
        throw new AssertionError("Outbox never reached the expected state for " + email + ": " + mails);
    }
}
