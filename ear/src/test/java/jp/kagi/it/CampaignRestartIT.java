package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A renewal campaign survives kill -9: the server is killed while the campaign issues and started again; every
 * account is then renewed exactly once, the CNs stay gap-free and every mail goes out exactly once. Then a reminder
 * step that falls due while the server is down (killed again) is sent when it starts, once. Runs on the server of
 * its own (container "wildfly-restart", started here), like ImportRestartIT.
 */
@Tag("restart") // its own failsafe execution, which runs only this tag (also under -Dit.test)
@EnabledIfSystemProperty(named = "arquillian.launch", matches = "wildfly-restart")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CampaignRestartIT {

    private static final String SERVER = "wildfly-restart";
    private static final int ACCOUNTS = 40;

    @RegisterExtension
    static GreenMailExtension smtp = Mailbox.smtpServer();

    @ArquillianResource
    ContainerController controller;

    @ArquillianResource
    Deployer deployer;

    private final Api api = Api.admin();
    private final Mailbox mailbox = new Mailbox(smtp);

    @Deployment(name = "kagi", managed = false, testable = false)
    @TargetsContainer(SERVER)
    static EnterpriseArchive deployment() {
        return KagiDeployment.shipped();
    }

    @Test
    void aCampaignCutByKillNineRenewsEveryAccountOnceAndCatchesUpAMissedReminder() {
        controller.start(SERVER);
        try {
            deployer.deploy("kagi");
            String tag = UUID.randomUUID().toString().substring(0, 6);
            String customer = customer("Kill " + tag);
            List<String> emails = new ArrayList<>();
            for (int i = 1; i <= ACCOUNTS; i++) {
                emails.add(user(customer, "kill-" + tag + "-" + i + "@example.jp"));
            }
            String far = OffsetDateTime.now(ZoneOffset.UTC).plusDays(10).truncatedTo(ChronoUnit.SECONDS).toString();
            long id = create("Kill " + tag, customer, far, "P1D");
            api.post("/api/v1/campaigns/" + id + "/launch", "");
            int before = await(id, c -> c.getInt("renewed") >= 3, 300).getInt("renewed");
            KillNine.server(controller, SERVER);
            assertTrue(before < ACCOUNTS, "the kill must cut the campaign, not follow it");
            controller.start(SERVER);

            JsonObject done = await(id, c -> c.getString("status").equals("RUNNING"), 600);
            assertEquals(ACCOUNTS, done.getInt("renewed"), done.toString());
            assertEquals(0, done.getInt("failed"), done.toString());
            Set<String> users = new HashSet<>();
            TreeSet<Integer> numbers = new TreeSet<>();
            for (JsonValue v : api.get("/api/v1/campaigns/" + id + "/accounts?size=1000").array()) {
                JsonObject row = v.asJsonObject();
                assertTrue(users.add(row.getString("userId")), "one row per account");
                assertTrue(numbers.add(Integer.parseInt(row.getString("newCommonName").substring(4))),
                        "one new CN per account");
            }
            assertEquals(ACCOUNTS, numbers.last() - numbers.first() + 1, "no gap left by the kill: " + numbers);
            assertEquals(2 * ACCOUNTS, api.get("/api/v1/certificates?customer=" + customer.replace(" ", "%20")
                    + "&size=500").array().size(), "no account renewed twice");
            for (String email : emails) {
                mailbox.awaitDistinct(email, 4); // the first pair and the renewal pair: none lost, none twice
            }

            // A step due while the server is down is sent when it comes back, once.
            String other = customer("Late " + tag);
            String late = user(other, "late-" + tag + "@example.jp");
            mailbox.awaitDistinct(late, 2);
            OffsetDateTime completion = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(150).truncatedTo(ChronoUnit.SECONDS);
            long second = create("Late " + tag, other, completion.toString(), "PT120S");
            api.post("/api/v1/campaigns/" + second + "/launch", "");
            await(second, c -> c.getString("status").equals("RUNNING"), 120);
            mailbox.awaitDistinct(late, 4);
            KillNine.server(controller, SERVER);
            long stepAt = completion.minusSeconds(120).toInstant().toEpochMilli();
            while (System.currentTimeMillis() < stepAt + 1_000) {
                Imports.sleep(200); // the server stays down until the step has fallen due
            }
            controller.start(SERVER);
            mailbox.awaitDistinct(late, 5); // the missed reminder, once
            assertTrue(api.get("/api/v1/campaigns/" + second + "/accounts").array().getJsonObject(0)
                    .getInt("reminders") == 1, "one reminder step recorded");
            deployer.undeploy("kagi");
        } finally {
            controller.stop(SERVER);
        }
    }

    private String customer(String name) {
        assertEquals(201, api.post("/api/v1/customers", "{\"name\":\"" + name + "\",\"contactEmail\":\"ca-"
                + Integer.toHexString(name.hashCode()) + "@example.jp\"}").status());
        return name;
    }

    private String user(String customer, String email) {
        String userId = api.post("/api/v1/accounts", "{\"customer\":\"" + customer + "\",\"email\":\"" + email
                + "\",\"displayName\":\"Kill\",\"language\":\"ja\"}").json().getString("userId");
        assertEquals(201, api.post("/api/v1/certificates", "{\"userId\":\"" + userId + "\"}").status());
        return email;
    }

    private long create(String name, String customer, String completion, String step) {
        Api.Response r = api.post("/api/v1/campaigns", "{\"name\":\"" + name + "\",\"customers\":[\"" + customer
                + "\"],\"completion\":\"" + completion + "\",\"reminders\":[\"" + step + "\"]}");
        assertEquals(201, r.status(), r.body());
        return r.json().getJsonNumber("id").longValue();
    }

    private JsonObject await(long id, Predicate<JsonObject> done, int seconds) {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        JsonObject last = null;
        while (System.currentTimeMillis() < deadline) {
            try {
                last = api.get("/api/v1/campaigns/" + id).json();
                if (done.test(last)) {
                    return last;
                }
            } catch (RuntimeException starting) {
                // the server is still starting
            }
            Imports.sleep(300);
        }
        throw new AssertionError("Campaign " + id + " did not get there within " + seconds + " s: " + last);
    }
}
