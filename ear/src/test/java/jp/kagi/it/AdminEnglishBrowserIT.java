package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A CA admin's day in the English back office (Chromium, Accept-Language en-US): a customer created and edited with
 * every setting, accounts opened and edited, a certificate issued, a password reset by mail, certificates searched,
 * a notice resent and the certificate revoked, and the outbox. Screenshots: admin-en-*.png.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminEnglishBrowserIT {

    private static final Pattern EN_CREDENTIALS = Pattern.compile("ID: (\\S+)\\s+Password: (\\S+)");
    private static final Pattern ISSUED = Pattern.compile("Certificate (dsca\\d{5}) \\(serial ([0-9A-Fa-f]+)\\) was issued");
    private static final Pattern OPENED = Pattern.compile("Account (\\S+) was opened");

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(
            new ServerSetup(Integer.getInteger("kagi.it.smtp.port", 3025), "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withPerMethodLifecycle(false);

    private final Api api = Api.admin();
    private final Mailbox mailbox = new Mailbox(smtp);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return KagiDeployment.shipped();
    }

    @BeforeEach
    void needsChromium() {
        Assumptions.assumeTrue(Browser.available(), "Debian's chromium and chromium-driver are not installed");
    }

    @Test
    void aCaAdminWorksThroughEveryScreenInEnglish() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String customer = "English " + suffix;
        String email = "en-ui-" + suffix + "@example.com";
        try (Browser browser = new Browser("en-US")) {
            signIn(browser);
            editCustomer(browser, customer);
            String userId = openAccount(browser, customer, email);
            String[] issued = issueAndResetPassword(browser, userId, email);
            certificates(browser, customer, email, issued[0], issued[1]);
            outbox(browser, email);
            browser.click("Log out");
            browser.waitForText("Login");
        }
    }

    private static void signIn(Browser browser) {
        browser.open("/admin/");
        browser.waitForText("Managed PKI back office");
        browser.fill("User ID", Api.ADMIN);
        browser.fill("Password", "wrong-password");
        browser.click("Login");
        assertFalse(browser.errors().isEmpty(), "a wrong password is refused: " + browser.text());
        assertFalse(browser.text().contains("Log out"));
        browser.fill("User ID", Api.ADMIN);
        browser.fill("Password", Api.ADMIN_PASSWORD);
        browser.click("Login");
        browser.waitForText("Log out");
    }

    private void editCustomer(Browser browser, String customer) {
        browser.click("Customers");
        browser.fill("Customer name (OU)", customer);
        browser.fill("Contact e-mail", "ca-team@example.com");
        browser.click("Create");
        browser.waitForText("Customer \"" + customer + "\" was created.");

        browser.clickInRow(customer, "Edit");
        browser.waitForText("Edit customer " + customer);
        browser.fill("Contact name", "Hanako Yamada");
        browser.fill("Contact phone", "+81 58-279-3458");
        browser.fill("Support desk", "English support desk");
        browser.fill("Support desk phone", "058-111-2222");
        browser.fill("Support desk hours", "Weekdays 10:00-16:00");
        browser.fill("Manual URL", "https://manual.example.com/kagi.pdf");
        browser.fill("Lock after issuance", "P10D");
        browser.fill("Lock after retrieval", "PT90S");
        browser.select("Key type", "EC_P256");
        browser.check("Legacy PKCS#12 (old Windows)", true);
        browser.click("Save");
        browser.waitForText("Customer \"" + customer + "\" was saved.");
        assertTrue(browser.errors().isEmpty(), browser.errors().toString());
        assertTrue(browser.text().contains("EC_P256"), browser.text());
        browser.screenshot("admin-en-customers");
        JsonObject saved = customerJson(customer);
        assertEquals(Duration.ofDays(10), Duration.parse(saved.getString("lockAfterIssuance")));
        assertEquals(Duration.ofSeconds(90), Duration.parse(saved.getString("lockAfterRetrieval")));
        assertEquals("EC_P256", saved.getString("keyType"));
        assertTrue(saved.getBoolean("legacyPkcs12"));
        assertEquals("Hanako Yamada", saved.getString("contactName"));
        assertEquals("English support desk", saved.getString("supportName"));
        assertEquals("https://manual.example.com/kagi.pdf", saved.getString("manualUrl"));

        // A bad duration: the field is named by its label, in English, and nothing of the form is saved.
        browser.clickInRow(customer, "Edit");
        browser.waitForText("Edit customer " + customer);
        browser.fill("Contact name", "Not saved");
        browser.fill("Lock after issuance", "90 seconds");
        browser.click("Save");
        browser.waitForText("The field \"Lock after issuance\" must be an ISO-8601 duration such as P30D or PT90S.");
        assertFalse(browser.text().contains("lockAfterIssuance"), "no API name on screen: " + browser.text());
        browser.screenshot("admin-en-customer-error");
        browser.click("Cancel");
        browser.waitForText("New customer");
        JsonObject unchanged = customerJson(customer);
        assertEquals("Hanako Yamada", unchanged.getString("contactName"), "a refused form changes nothing");
        assertEquals(Duration.ofDays(10), Duration.parse(unchanged.getString("lockAfterIssuance")));
    }

    private static String openAccount(Browser browser, String customer, String email) {
        browser.click("Accounts");
        browser.select("Customer", customer);
        browser.click("Show");
        browser.fill("E-mail", email);
        browser.fill("Name", "Taro English");
        browser.select("Mail language", "English");
        browser.click("Create");
        browser.waitForText("was opened");
        Matcher opened = OPENED.matcher(String.join("\n", browser.infos()));
        assertTrue(opened.find(), browser.infos().toString());
        String userId = opened.group(1);
        browser.waitForText(email);

        browser.fill("E-mail", "not-an-address");
        browser.fill("Name", "Nobody");
        browser.click("Create");
        browser.waitForText("The field \"E-mail\" is not a valid e-mail address.");
        assertFalse(browser.text().contains("Nobody"), "no account for a bad address");

        browser.clickInRow(userId, "Edit");
        browser.waitForText("Edit account " + userId);
        browser.fill("E-mail", "still-not-an-address");
        browser.click("Save");
        browser.waitForText("The field \"E-mail\" is not a valid e-mail address.");
        browser.fill("E-mail", email);
        browser.fill("Name", "Taro Edited");
        browser.click("Save");
        browser.waitForText("Account " + userId + " was saved.");
        browser.waitForText("Taro Edited");
        return userId;
    }

    /** Issues a certificate from the account's row and resets the password; answers {cn, serial}. */
    private String[] issueAndResetPassword(Browser browser, String userId, String email) {
        browser.clickInRow(userId, "Issue certificate");
        browser.waitForText("was issued");
        Matcher issued = ISSUED.matcher(String.join("\n", browser.infos()));
        assertTrue(issued.find(), browser.infos().toString());
        browser.screenshot("admin-en-accounts");
        Mailbox.Credentials first = mailbox.credentials(email, 2);
        assertTrue(mailbox.await(email, 2).stream().anyMatch(m -> Mailbox.subject(m).contains("Certificate issuance notice")
                && Mailbox.text(m).contains("Dear Taro Edited")), "the mails use the edited name, in English");

        browser.clickInRowAndConfirm(userId, "Reset password");
        browser.waitForText("Account " + userId + " has a new password; it goes only by mail, to " + email);
        MimeMessage reset = mailbox.await(email, 3).stream()
                .filter(m -> Mailbox.subject(m).contains("Password reissue notice")).findFirst()
                .orElseThrow(() -> new AssertionError("no password reissue notice to " + email));
        Matcher credentials = EN_CREDENTIALS.matcher(Mailbox.text(reset));
        assertTrue(credentials.find(), Mailbox.text(reset));
        assertEquals(userId, credentials.group(1));
        assertNotEquals(first.password(), credentials.group(2), "a new password");
        assertFalse(browser.text().contains(credentials.group(2)), "the screen never shows the password");
        assertTrue(new PortalClient("en").login(userId, credentials.group(2)).uri().endsWith("/portal/menu.xhtml"),
                "the mailed password signs in");
        return new String[] {issued.group(1), issued.group(2)};
    }

    private void certificates(Browser browser, String customer, String email, String cn, String serial) {
        browser.click("Certificates");
        browser.fill("CN", cn.toUpperCase());
        browser.click("Show");
        browser.waitForText(serial);
        assertEquals(1, rows(browser), "a complete CN finds exactly one certificate");
        assertTrue(browser.text().contains(customer), browser.text());

        browser.fill("CN", "");
        browser.select("Customer", customer);
        browser.fill("Expires within (days)", "30");
        browser.click("Show");
        browser.waitForText("Nothing to show.");
        assertFalse(browser.text().contains(serial), "a 13-month certificate does not expire within 30 days");
        browser.fill("Expires within (days)", "0");
        browser.click("Show");
        browser.waitForText("\"Expires within (days)\" must be a whole number from 1 to 3650.");
        browser.fill("Expires within (days)", "400");
        browser.click("Show");
        browser.waitForText(serial);
        assertEquals(1, rows(browser));
        assertTrue(browser.text().contains("Valid / Not yet retrieved"), browser.text());
        assertTrue(browser.text().contains("Serial number"), browser.text());
        browser.screenshot("admin-en-certificates");

        browser.clickInRow(cn, "Resend issuance notice");
        browser.waitForText("The certificate issuance notice of " + cn + " is on its way to " + email + " again.");
        assertEquals(2, mailbox.await(email, 4).stream()
                .filter(m -> Mailbox.subject(m).contains("Certificate issuance notice")).count());

        browser.select("Revocation reason", "keyCompromise");
        browser.clickInRow(cn, "Revoke");
        browser.waitForText(cn + " was revoked (keyCompromise); the CRL lists it now.");
        assertTrue(browser.text().contains("Revoked / Locked"), browser.text());
        assertFalse(browser.buttons().contains("Revoke"), "a revoked certificate offers no revocation");
        assertEquals("REVOKED", api.get("/api/v1/certificates/" + serial).json().getString("status"));
    }

    private static void outbox(Browser browser, String email) {
        browser.click("Mail outbox");
        browser.fill("E-mail", email);
        browser.click("Show");
        browser.waitForText("Password reissue notice");
        String text = browser.text();
        assertTrue(text.contains("Certificate issuance notice"), text);
        assertTrue(text.contains("Request to register your client certificate"), text);
        assertEquals(4, rows(browser), "issuance notice twice, registration request, password notice");
        browser.screenshot("admin-en-outbox");
    }

    private static long rows(Browser browser) {
        return (Long) browser.script("return document.querySelectorAll('tbody[id$=\"list_data\"] > tr[data-ri]').length");
    }

    private JsonObject customerJson(String name) {
        Api.Response r = api.get("/api/v1/customers/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
        assertEquals(200, r.status(), r.body());
        return r.json();
    }
}
