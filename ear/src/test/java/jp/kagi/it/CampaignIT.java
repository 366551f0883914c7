package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Renewal campaigns through the REST API as a script would run one (SPEC.md "Renewal"), with seconds-scale
 * completion dates and reminder steps so that the persistent timers fire within the test; every wait polls with
 * a bound, and mail counts are exact (a mail sent twice fails the test).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CampaignIT {

    @RegisterExtension
    static GreenMailExtension smtp = Mailbox.smtpServer();

    private final Mailbox mailbox = new Mailbox(smtp);
    private final Api api = Api.admin();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return KagiDeployment.shipped();
    }

    private record User(String userId, String email, String serial, String cn) {
    }

    @Test
    void aCampaignRenewsOnlyItsCustomersRemindsStragglersOncePerStepAndLocksAtCompletion() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String targeted = customer("Renew A " + suffix);
        String other = customer("Renew B " + suffix);
        User early = user(targeted, "early-" + suffix + "@example.jp", "ja");
        User late = user(targeted, "late-" + suffix + "@example.jp", "en");
        User outside = user(other, "outside-" + suffix + "@example.jp", "ja");

        String completion = OffsetDateTime.now(ZoneOffset.ofHours(9)).plusSeconds(150).truncatedTo(ChronoUnit.SECONDS)
                .toString();
        String body = "{\"name\":\"Rehearsal " + suffix + "\",\"customers\":[\"" + targeted + "\"],\"completion\":\""
                + completion + "\",\"reminders\":[\"PT105S\",\"PT60S\"]}";

        Api.Response preview = api.post("/api/v1/campaigns?preview=true", body);
        assertEquals(200, preview.status(), preview.body());
        JsonObject plan = preview.json();
        assertEquals(2, plan.getInt("included"));
        String japanese = plan.getJsonArray("mails").getJsonObject(1).getString("body");
        assertTrue(japanese.contains("本メールが届いていないお客様は対象外ですので、本作業は不要です。"), japanese);
        assertFalse(api.get("/api/v1/campaigns").body().contains("Rehearsal " + suffix), "a preview writes nothing");

        Api.Response created = api.post("/api/v1/campaigns", body);
        assertEquals(201, created.status(), created.body());
        long id = created.json().getJsonNumber("id").longValue();
        assertEquals("DRAFT", created.json().getString("status"));
        assertEquals(200, api.get("/api/v1/campaigns/" + id).status());
        assertEquals(200, api.post("/api/v1/campaigns/" + id + "/launch", "").status());
        JsonObject running = await(id, c -> c.getString("status").equals("RUNNING"));
        assertEquals(2, running.getInt("targeted"));
        assertEquals(2, running.getInt("renewed"));

        // The renewal pair to each targeted user; nothing to the other customer's user.
        List<MimeMessage> earlyMails = mailbox.await(early.email(), 4);
        assertTrue(Mailbox.subject(earlyMails.get(3)).contains("クライアント証明書更新登録のお願い")
                || Mailbox.subject(earlyMails.get(2)).contains("クライアント証明書更新登録のお願い"));
        Mailbox.Credentials renewal = mailbox.credentials(early.email(), 4);
        mailbox.await(late.email(), 4);
        mailbox.await(outside.email(), 2);

        JsonObject rows = api.get("/api/v1/campaigns/" + id + "/accounts").array().getJsonObject(0);
        assertTrue(rows.getString("newCommonName").compareTo(rows.getString("oldCommonName")) > 0,
                "the new certificate has the higher dscaNNNNN");

        // The early user retrieves the new key: no reminders for them; the late one gets each step exactly once.
        PortalClient portal = new PortalClient("ja");
        portal.login(early.userId(), renewal.password());
        PortalClient.Page file = portal.download(portal.retrieve(renewal.requestId(), renewal.password(),
                renewal.password()));
        assertEquals(200, file.status());
        mailbox.await(late.email(), 6);
        JsonObject done = await(id, c -> c.getString("status").equals("COMPLETED"));
        assertEquals(1, done.getInt("retrieved"));
        mailbox.await(late.email(), 6);
        mailbox.await(early.email(), 4);
        awaitRow(id, late.userId(), "LOCKED");
        awaitRow(id, early.userId(), "RETRIEVED");

        // Old and new overlap: the old certificates stay valid. Summaries to the contact and the CA team.
        assertEquals("ISSUED", api.get("/api/v1/certificates/" + late.serial()).json().getString("status"));
        assertTrue(mailbox.await("contact-" + Integer.toHexString(targeted.hashCode()) + "@example.jp", 1).stream()
                .anyMatch(m -> Mailbox.text(m).contains(late.userId())), "the summary names who did not renew");
        Api.Response csv = api.get("/api/v1/campaigns/" + id + "/accounts.csv?status=NOT_RETRIEVED");
        assertTrue(csv.body().contains(late.userId()) && !csv.body().contains(early.userId()), csv.body());
    }

    @Test
    void badCampaignsAreRefusedInTheCallersLanguageAndChangeNothing() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String empty = customer("Empty " + suffix);
        String busy = customer("Busy " + suffix);
        user(busy, "busy-" + suffix + "@example.jp", "ja");
        String later = OffsetDateTime.now(ZoneOffset.UTC).plusDays(30).truncatedTo(ChronoUnit.SECONDS).toString();
        Api ja = api.inLanguage("ja");

        assertProblem(ja.post("/api/v1/campaigns", campaign("zero", empty, later, "P1D")), 400, "error.campaign.empty");
        assertProblem(ja.post("/api/v1/campaigns", campaign("past", busy, "2020-04-30", "P1D")), 400,
                "error.campaign.completionPast");
        assertProblem(ja.post("/api/v1/campaigns", campaign("step", busy, later, "-P1D")), 400,
                "error.campaign.reminderAfterCompletion");
        assertProblem(ja.post("/api/v1/campaigns", campaign("early", busy, later, "P60D")), 400,
                "error.campaign.reminderTooEarly");
        assertProblem(ja.post("/api/v1/campaigns", campaign("form", busy, "30/04/2027", "P1D")), 400,
                "error.campaign.completionFormat");
        assertFalse(api.get("/api/v1/campaigns").body().contains(suffix), "nothing was written");

        Api.Response first = api.post("/api/v1/campaigns", campaign("First " + suffix, busy, later, "P1D"));
        assertEquals(201, first.status(), first.body());
        Api.Response second = ja.post("/api/v1/campaigns", campaign("Second " + suffix, busy, later, "P1D"));
        assertProblem(second, 409, "error.campaign.accountBusy");
        assertTrue(second.body().contains("First " + suffix), "the refusal names the other campaign: " + second.body());
        assertTrue(second.body().contains("実施中のキャンペーン"), second.body());
    }

    @Test
    void operatorsSeeAndRemindOnlyTheirCustomersAndAuditorsOnlyRead() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String mine = customer("Op A " + suffix);
        String theirs = customer("Op B " + suffix);
        user(mine, "opa-" + suffix + "@example.jp", "ja");
        user(theirs, "opb-" + suffix + "@example.jp", "ja");
        String later = OffsetDateTime.now(ZoneOffset.UTC).plusDays(30).truncatedTo(ChronoUnit.SECONDS).toString();
        long other = api.post("/api/v1/campaigns", campaign("Theirs " + suffix, theirs, later, "P1D")).json()
                .getJsonNumber("id").longValue();
        assertEquals(201, api.post("/api/v1/admins", "{\"userId\":\"cop-" + suffix + "\",\"password\":\"operator-password-1\","
                + "\"role\":\"OPERATOR\",\"customers\":[\"" + mine + "\"]}").status());
        assertEquals(201, api.post("/api/v1/admins", "{\"userId\":\"cau-" + suffix + "\",\"password\":\"auditor-password-1\","
                + "\"role\":\"AUDITOR\"}").status());
        Api operator = Api.as("cop-" + suffix, "operator-password-1", "en");
        Api auditor = Api.as("cau-" + suffix, "auditor-password-1", "en");

        assertProblem(operator.post("/api/v1/campaigns", campaign("Mine " + suffix, mine, later, "P1D")), 403,
                "error.forbidden");
        assertProblem(operator.get("/api/v1/campaigns/" + other), 404, "error.campaign.unknown");
        assertProblem(operator.get("/api/v1/campaigns/" + other + "/accounts"), 404, "error.campaign.unknown");
        assertProblem(operator.post("/api/v1/campaigns/" + other + "/remind", "{}"), 404, "error.campaign.unknown");
        assertProblem(operator.post("/api/v1/campaigns/" + other + "/cancel", ""), 403, "error.forbidden");
        assertFalse(operator.get("/api/v1/campaigns").body().contains("Theirs " + suffix));
        assertEquals(200, auditor.get("/api/v1/campaigns/" + other).status());
        assertProblem(auditor.post("/api/v1/campaigns/" + other + "/launch", ""), 403, "error.forbidden");
        assertProblem(auditor.post("/api/v1/campaigns/" + other + "/remind", "{}"), 403, "error.forbidden");
        assertEquals("DRAFT", api.get("/api/v1/campaigns/" + other).json().getString("status"), "nothing changed");
    }

    @Test
    void extendMovesTheDeadlineAndMailsTheNewDateCancelRevokesWhatNobodyRetrieved() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String customer = customer("Ext " + suffix);
        User kept = user(customer, "kept-" + suffix + "@example.jp", "en");
        User disabled = user(customer, "off-" + suffix + "@example.jp", "ja");
        String later = OffsetDateTime.now(ZoneOffset.UTC).plusDays(20).truncatedTo(ChronoUnit.SECONDS).toString();
        long id = api.post("/api/v1/campaigns", "{\"name\":\"Ext " + suffix + "\",\"customers\":[\"" + customer
                + "\"],\"completion\":\"" + later + "\",\"reminders\":[\"P7D\"],\"expiryWarning\":\"P400D\"}").json()
                .getJsonNumber("id").longValue();
        // An account disabled after the campaign was written is skipped, with the reason on its row.
        assertEquals(200, api.post("/api/v1/accounts/" + disabled.userId() + "/disable", "").status());
        api.post("/api/v1/campaigns/" + id + "/launch", "");
        JsonObject running = await(id, c -> c.getString("status").equals("RUNNING"));
        assertEquals(1, running.getInt("renewed"));
        assertEquals(1, running.getInt("skipped"));
        // The old certificate expires within the campaign's 400-day warning window: one last warning, once.
        List<MimeMessage> warned = mailbox.await(kept.email(), 5);
        assertTrue(warned.stream().anyMatch(m -> Mailbox.subject(m).contains("expires soon")));

        String extended = OffsetDateTime.now(ZoneOffset.UTC).plusDays(25).truncatedTo(ChronoUnit.SECONDS).toString();
        Api.Response moved = api.put("/api/v1/campaigns/" + id, "{\"completion\":\"" + extended + "\"}");
        assertEquals(200, moved.status(), moved.body());
        List<MimeMessage> mails = mailbox.await(kept.email(), 6);
        assertTrue(mails.stream().anyMatch(m -> Mailbox.subject(m).contains("new completion date")));

        Api.Response one = api.post("/api/v1/campaigns/" + id + "/remind", "{\"userId\":\"" + kept.userId() + "\"}");
        assertEquals(1, one.json().getInt("sent"), one.body());
        assertTrue(mailbox.await(kept.email(), 7).stream().filter(m -> Mailbox.subject(m).startsWith("[Reminder"))
                .count() == 1, "remind now: one reminder to that account");
        assertProblem(api.post("/api/v1/campaigns/" + id + "/remind", "{\"userId\":\"" + disabled.userId() + "\"}"),
                400, "error.campaign.notStraggler");
        JsonObject row = api.get("/api/v1/campaigns/" + id + "/accounts?status=PENDING").array().getJsonObject(0);
        String newSerial = row.getString("newSerial");
        assertEquals(200, api.post("/api/v1/campaigns/" + id + "/cancel", "").status());
        assertEquals("REVOKED", api.get("/api/v1/certificates/" + newSerial).json().getString("status"),
                "nobody holds the key of an unretrieved renewal: it is revoked");
        assertEquals("ISSUED", api.get("/api/v1/certificates/" + kept.serial()).json().getString("status"),
                "the old certificate stays valid");
        assertProblem(api.post("/api/v1/campaigns/" + id + "/remind", "{}"), 409, "error.campaign.notRunning");
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private String customer(String name) {
        Api.Response r = api.post("/api/v1/customers", "{\"name\":\"" + name + "\",\"contactEmail\":\"contact-"
                + Integer.toHexString(name.hashCode()) + "@example.jp\"}");
        assertEquals(201, r.status(), r.body());
        return name;
    }

    private User user(String customer, String email, String language) {
        Api.Response account = api.post("/api/v1/accounts", "{\"customer\":\"" + customer + "\",\"email\":\"" + email
                + "\",\"displayName\":\"Renewal User\",\"language\":\"" + language + "\"}");
        assertEquals(201, account.status(), account.body());
        String userId = account.json().getString("userId");
        JsonObject issued = api.post("/api/v1/certificates", "{\"userId\":\"" + userId + "\"}").json();
        return new User(userId, email, issued.getString("serial"), issued.getString("cn"));
    }

    private static String campaign(String name, String customer, String completion, String step) {
        return "{\"name\":\"" + name + "\",\"customers\":[\"" + customer + "\"],\"completion\":\"" + completion
                + "\",\"reminders\":[\"" + step + "\"]}";
    }

    private JsonObject await(long id, Predicate<JsonObject> done) {
        return Poll.until("campaign " + id, Duration.ofSeconds(120), () -> api.get("/api/v1/campaigns/" + id).json(),
                done);
    }

    private void awaitRow(long id, String userId, String state) {
        Poll.until(userId + " " + state, Duration.ofSeconds(60),
                () -> api.get("/api/v1/campaigns/" + id + "/accounts?status=" + state).body(), b -> b.contains(userId));
    }

    private static void assertProblem(Api.Response r, int status, String code) {
        assertEquals(status, r.status(), r.body());
        assertEquals(code, r.code(), r.body());
    }
}
