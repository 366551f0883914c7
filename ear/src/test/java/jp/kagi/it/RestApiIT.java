package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The REST API and the two mails as an admin and a user meet them: over HTTPS, with a real SMTP server. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RestApiIT {

    @RegisterExtension
    static GreenMailExtension smtp = Mailbox.smtpServer();

    private final Api api = Api.admin();
    private final Mailbox mailbox = new Mailbox(smtp);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return KagiDeployment.shipped();
    }

    @Test
    void issuanceSendsTwoSeparateJapaneseMailsAndThePasswordOnlyInOne() throws Exception {
        String customer = customer();
        String email = "yamada-" + UUID.randomUUID() + "@example.jp";
        String userId = account(customer, email, "山田 太郎", "ja");
        JsonObject issued = api.post("/api/v1/certificates", "{\"userId\":\"" + userId + "\"}").json();
        String requestId = issued.getString("requestId");
        assertTrue(requestId.matches("[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{16}"), requestId);

        List<MimeMessage> mails = mailbox.await(email, 2);
        MimeMessage notice = bySubject(mails, "証明書発行通知");
        MimeMessage registration = bySubject(mails, "クライアント証明書登録のお願い");
        String noticeBody = GreenMailUtil.getBody(notice);
        String noticeText = text(notice);
        String registrationText = text(registration);

        assertTrue(noticeText.contains("https://localhost:8443/portal/"), noticeText);
        assertTrue(noticeText.contains("リクエスト ID: " + requestId), noticeText);
        assertTrue(noticeText.contains("Common Name: " + issued.getString("cn")), noticeText);
        assertTrue(noticeText.contains("Subject: C=JP, OU=" + customer + ", CN=" + issued.getString("cn")), noticeText);
        assertTrue(noticeText.contains("Serial Number: " + issued.getString("serial")), noticeText);
        assertTrue(noticeText.contains("※お心当たりのない方は大変お手数ですが、その旨をご返信ください。"), noticeText);
        assertTrue(noticeText.contains("別途メールで通知致します"), noticeText);

        Matcher credentials = Pattern.compile("ID : (\\S+)\\s+パスワード : (\\S+)").matcher(registrationText);
        assertTrue(credentials.find(), registrationText);
        assertEquals(userId, credentials.group(1));
        String password = credentials.group(2);
        assertTrue(password.matches("[A-Za-z2-9]{14}"), password);
        assertTrue(registrationText.contains("058-000-0000"), "support desk phone");
        assertTrue(registrationText.contains("/portal/help"), "manual URL");
        assertTrue(registrationText.matches("(?s).*\\d{4}年\\d{1,2}月\\d{1,2}日.*までに.*"), "deadline");

        assertFalse(noticeText.contains(password) || noticeBody.contains(password), "no password in the notice");
        assertFalse(registrationText.contains(requestId), "no Request ID beside the password");
        assertFalse(api.get("/api/v1/accounts/" + userId).body().contains(password), "the API never returns it");

        JsonObject status = awaitSent(email);
        assertEquals("SENT", status.getString("status"));
    }

    @Test
    void englishAccountsGetEnglishMails() throws Exception {
        String customer = customer();
        String email = "smith-" + UUID.randomUUID() + "@example.com";
        String userId = account(customer, email, "Jane Smith", "en");
        JsonObject issued = api.post("/api/v1/certificates", "{\"userId\":\"" + userId + "\"}").json();

        List<MimeMessage> mails = mailbox.await(email, 2);
        String notice = text(bySubject(mails, "Certificate issuance notice"));
        String registration = text(bySubject(mails, "Request to register your client certificate"));
        assertTrue(notice.contains("Request ID: " + issued.getString("requestId")), notice);
        assertTrue(notice.contains("Dear Jane Smith"), notice);
        assertTrue(registration.contains("ID: " + userId), registration);
    }

    @Test
    void badInputGetsATranslatedProblemAndChangesNothing() {
        String customer = customer();
        String userId = account(customer, "dup@example.jp", "重複", "ja");
        int customersBefore = api.get("/api/v1/customers").array().size();
        int certificatesBefore = api.get("/api/v1/certificates?customer=" + enc(customer)).array().size();

        Api ja = api.inLanguage("ja");
        Api.Response unknown = ja.post("/api/v1/accounts",
                "{\"customer\":\"存在しない顧客\",\"email\":\"a@example.jp\",\"displayName\":\"x\"}");
        assertProblem(unknown, 404, "error.customerUnknown");
        assertTrue(unknown.json().getString("detail").contains("顧客「存在しない顧客」は存在しません"), unknown.body());

        assertProblem(api.post("/api/v1/accounts", accountJson(customer, "DUP@example.jp", "again", "ja")), 409,
                "error.accountExists");
        assertProblem(api.post("/api/v1/accounts", accountJson(customer, "not-an-address", "x", "ja")), 400,
                "error.email");
        assertProblem(api.post("/api/v1/accounts", accountJson(customer, "long@example.jp", "長".repeat(129), "ja")),
                400, "error.tooLong");
        assertProblem(api.post("/api/v1/accounts", accountJson(customer, "lang@example.jp", "x", "fr")), 400,
                "error.language");
        assertProblem(api.post("/api/v1/accounts", accountJson(customer, "ctl@example.jp", "a\\u0007b", "ja")), 400,
                "error.controlCharacters");
        byte[] shiftJis = accountJson(customer, "sjis@example.jp", "山田", "ja").getBytes(java.nio.charset.Charset.forName("Shift_JIS"));
        Api.Response notUtf8 = api.postBytes("/api/v1/accounts", shiftJis, "application/json");
        assertEquals(400, notUtf8.status(), notUtf8.body());
        assertTrue(List.of("error.notUtf8", "error.malformedJson").contains(notUtf8.code()), notUtf8.body());
        assertProblem(api.post("/api/v1/accounts", "{\"customer\":"), 400, "error.malformedJson");
        assertProblem(api.post("/api/v1/customers", "{\"name\":\"a,b=c\",\"contactEmail\":\"x@example.jp\"}"), 400,
                "error.dnCharacters");
        assertProblem(api.post("/api/v1/customers", "{\"name\":\"" + "x".repeat(65) + "\",\"contactEmail\":\"x@example.jp\"}"),
                400, "error.tooLong");
        assertProblem(api.post("/api/v1/customers", "{\"name\":\"" + customer + "\",\"contactEmail\":\"x@example.jp\"}"),
                409, "error.customerExists");
        assertProblem(api.post("/api/v1/certificates", "{\"userId\":\"nobody\"}"), 404, "error.accountUnknown");
        assertProblem(api.post("/api/v1/certificates", "{}"), 400, "error.required");
        assertProblem(api.put("/api/v1/customers/" + enc(customer) + "/policy", "{\"lockAfterIssuance\":\"-P1D\"}"),
                400, "error.positiveDuration");
        assertProblem(api.put("/api/v1/customers/" + enc(customer) + "/policy", "{\"lockAfterIssuance\":\"30 days\"}"),
                400, "error.duration");
        assertProblem(api.get("/api/v1/certificates?status=BOGUS"), 400, "error.status");
        assertProblem(api.get("/api/v1/no-such-thing"), 404, "error.noSuchResource");
        assertProblem(Api.anonymous("ja").get("/api/v1/customers"), 401, "error.unauthenticated");
        assertProblem(Api.as("admin", "wrong-password", "en").get("/api/v1/customers"), 401, "error.unauthenticated");

        assertEquals(customersBefore, api.get("/api/v1/customers").array().size(), "no customer created");
        assertEquals(certificatesBefore, api.get("/api/v1/certificates?customer=" + enc(customer)).array().size());
        assertEquals("P30D", api.get("/api/v1/customers/" + enc(customer)).json().getString("lockAfterIssuance"));
        assertEquals(200, api.get("/api/v1/accounts/" + userId).status());
    }

    @Test
    void concurrentDoubleSubmissionOpensExactlyOneAccount() throws Exception {
        String customer = customer();
        String body = accountJson(customer, "twice@example.jp", "二度押し", "ja");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Api.Response>> submits = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                submits.add(() -> api.post("/api/v1/accounts", body));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Api.Response> f : pool.invokeAll(submits)) {
                Api.Response r = f.get();
                statuses.add(r.status());
                if (r.status() != 201) {
                    assertEquals(409, r.status(), r.body());
                }
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rolesAreEnforcedOnTheServer() {
        String mine = customer();
        String theirs = customer();
        String theirAccount = account(theirs, "other@example.jp", "他社", "ja");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, api.post("/api/v1/admins", "{\"userId\":\"op-" + suffix + "\",\"password\":\"operator-password-1\","
                + "\"role\":\"OPERATOR\",\"customers\":[\"" + mine + "\"]}").status());
        assertEquals(201, api.post("/api/v1/admins", "{\"userId\":\"au-" + suffix + "\",\"password\":\"auditor-password-1\","
                + "\"role\":\"AUDITOR\"}").status());
        Api operator = Api.as("op-" + suffix, "operator-password-1", "en");
        Api auditor = Api.as("au-" + suffix, "auditor-password-1", "en");

        assertEquals(201, operator.post("/api/v1/accounts", accountJson(mine, "mine@example.jp", "Mine", "en")).status());
        assertProblem(operator.post("/api/v1/accounts", accountJson(theirs, "x@example.jp", "X", "en")), 404,
                "error.customerUnknown");
        assertProblem(operator.get("/api/v1/accounts/" + theirAccount), 404, "error.accountUnknown");
        assertProblem(operator.post("/api/v1/certificates", "{\"userId\":\"" + theirAccount + "\"}"), 404,
                "error.accountUnknown");
        assertProblem(operator.post("/api/v1/customers", "{\"name\":\"op-made\",\"contactEmail\":\"x@example.jp\"}"),
                403, "error.forbidden");
        assertTrue(operator.get("/api/v1/customers").array().stream()
                .allMatch(c -> c.asJsonObject().getString("name").equals(mine)), "operator sees only its customer");
        assertProblem(operator.get("/api/v1/mail"), 403, "error.forbidden");

        assertEquals(200, auditor.get("/api/v1/accounts/" + theirAccount).status());

        JsonArray operatorsOwn = operator.get("/api/v1/accounts?customer=" + enc(mine)).array();
        assertEquals(1, operatorsOwn.size(), operatorsOwn.toString());
        assertEquals("mine@example.jp", operatorsOwn.getJsonObject(0).getString("email"));
        assertProblem(operator.get("/api/v1/accounts?customer=" + enc(theirs)), 404, "error.customerUnknown");
        JsonArray auditorsView = auditor.get("/api/v1/accounts?customer=" + enc(theirs)).array();
        assertEquals(List.of(theirAccount), auditorsView.stream().map(a -> a.asJsonObject().getString("userId")).toList());
        assertProblem(operator.get("/api/v1/admins/au-" + suffix), 403, "error.forbidden");
        assertProblem(auditor.post("/api/v1/certificates", "{\"userId\":\"" + theirAccount + "\"}"), 403,
                "error.forbidden");
        assertProblem(auditor.post("/api/v1/admins", "{\"userId\":\"x\",\"password\":\"xxxxxxxxxxxxxx\",\"role\":\"CA_ADMIN\"}"),
                403, "error.forbidden");
    }

    @Test
    void accountsOfACustomerArePagedByTheDatabase() {
        String customer = customer();
        List<String> opened = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            opened.add(account(customer, "page" + i + "@example.jp", "Page " + i, "en"));
        }
        account(customer(), "elsewhere@example.jp", "Elsewhere", "en");
        List<String> sorted = opened.stream().sorted().toList();

        List<String> seen = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            JsonArray accounts = api.get("/api/v1/accounts?customer=" + enc(customer) + "&page=" + page + "&size=2")
                    .array();
            assertEquals(page < 2 ? 2 : 1, accounts.size(), accounts.toString());
            accounts.forEach(a -> {
                assertEquals(customer, a.asJsonObject().getString("customer"));
                assertFalse(a.asJsonObject().containsKey("password") || a.asJsonObject().containsKey("passwordHash"));
                seen.add(a.asJsonObject().getString("userId"));
            });
        }
        assertEquals(sorted, seen, "every account once, by user ID");
        assertEquals(0, api.get("/api/v1/accounts?customer=" + enc(customer) + "&page=3&size=2").array().size());
        assertEquals(sorted, api.get("/api/v1/accounts?customer=" + enc(customer)).array().stream()
                .map(a -> a.asJsonObject().getString("userId")).toList(), "default: page 0 of 100");

        assertProblem(api.get("/api/v1/accounts?customer=" + enc(customer) + "&size=0"), 400, "error.page");
        assertProblem(api.get("/api/v1/accounts?customer=" + enc(customer) + "&size=501"), 400, "error.page");
        assertProblem(api.get("/api/v1/accounts?customer=" + enc(customer) + "&page=abc"), 400, "error.page");
        assertProblem(api.get("/api/v1/accounts"), 400, "error.required");
        Api.Response unknown = api.inLanguage("ja").get("/api/v1/accounts?customer=" + enc("存在しない顧客"));
        assertProblem(unknown, 404, "error.customerUnknown");
        assertTrue(unknown.json().getString("detail").contains("顧客「存在しない顧客」は存在しません"), unknown.body());
        assertTrue(api.get("/api/v1/accounts?customer=nobody").json().getString("detail")
                .contains("There is no customer named \"nobody\""));
    }

    /**
     * SPEC: every 201/202 answer's Location is an absolute URL a client can follow as given. Api follows each one
     * (same credentials, 200, same object); here the URLs themselves are checked for each kind of answer.
     */
    @Test
    void createdAndAcceptedAnswersNameTheirObjectByAnAbsoluteUrl() {
        String name = "場所 " + UUID.randomUUID().toString().substring(0, 8);
        Api.Response customer = api.post("/api/v1/customers", "{\"name\":\"" + name + "\",\"contactEmail\":\"ca@example.jp\"}");
        assertEquals(201, customer.status(), customer.body());
        assertEquals(Api.BASE + "/api/v1/customers/" + enc(name), customer.location());

        Api.Response account = api.post("/api/v1/accounts", accountJson(name, "where@example.jp", "Where", "en"));
        String userId = account.json().getString("userId");
        assertEquals(Api.BASE + "/api/v1/accounts/" + userId, account.location());

        Api.Response issued = api.post("/api/v1/certificates", "{\"userId\":\"" + userId + "\"}");
        String serial = issued.json().getString("serial");
        assertEquals(Api.BASE + "/api/v1/certificates/" + serial, issued.location());
        assertEquals(issued.json().getString("requestId"), api.followLocation(issued).getString("requestId"));

        Api.Response resent = api.post("/api/v1/certificates/" + serial + "/resend", "{\"mail\":\"notice\"}");
        assertEquals(202, resent.status(), resent.body());
        assertEquals(Api.BASE + "/api/v1/certificates/" + serial, resent.location());

        Api.Response reset = api.post("/api/v1/accounts/" + userId + "/reset-password", "");
        assertEquals(202, reset.status(), reset.body());
        assertEquals(Api.BASE + "/api/v1/accounts/" + userId, reset.location());

        String adminId = "loc-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response admin = api.post("/api/v1/admins", "{\"userId\":\"" + adminId + "\",\"password\":\"operator-password-1\","
                + "\"role\":\"OPERATOR\",\"customers\":[\"" + name + "\"]}");
        assertEquals(201, admin.status(), admin.body());
        assertEquals(Api.BASE + "/api/v1/admins/" + adminId, admin.location());
        assertEquals(List.of(name), api.followLocation(admin).getJsonArray("customers").getValuesAs(
                jakarta.json.JsonString::getString));

        byte[] csv = ("customer,email,displayName,language\n" + name + ",csv@example.jp,Csv,en\n")
                .getBytes(StandardCharsets.UTF_8);
        Api.Response started = api.postBytes("/api/v1/accounts/import?dryRun=false", csv, "text/csv");
        assertEquals(202, started.status(), started.body());
        assertEquals(Api.BASE + "/api/v1/imports/" + started.json().getJsonNumber("jobId").longValue(),
                started.location());
    }

    @Test
    void plainHttpRedirectsToHttpsAndHealthAndOpenApiAnswer() {
        int offset = Integer.getInteger("kagi.it.port.offset", 0);
        var redirect = api.raw(HttpRequest.newBuilder(URI.create("http://localhost:" + (8080 + offset) + "/health"))
                .GET().build());
        assertEquals(302, redirect.statusCode());
        assertTrue(redirect.headers().firstValue("Location").orElse("").startsWith(Api.BASE + "/"));
        assertEquals(200, Api.anonymous("en").get("/health").status());
        Api.Response openapi = Api.anonymous("en").get("/api/v1/openapi.yaml");
        assertEquals(200, openapi.status());
        assertTrue(openapi.body().startsWith("openapi: 3.1.0"));
        assertTrue(openapi.body().contains("/certificates:"));
    }

    @Test
    void caCertificatesArePublishedWhereClientCertificatesPointAndTheChainHolds() throws Exception {
        var x509 = java.security.cert.CertificateFactory.getInstance("X.509");
        var root = (java.security.cert.X509Certificate) x509.generateCertificate(
                new java.io.ByteArrayInputStream(Api.anonymous("en").bytes("/crl/root-ca.cer")));
        var issuing = (java.security.cert.X509Certificate) x509.generateCertificate(
                new java.io.ByteArrayInputStream(Api.anonymous("en").bytes("/crl/issuing-ca.cer")));
        root.verify(root.getPublicKey());
        issuing.verify(root.getPublicKey());
        assertTrue(issuing.getBasicConstraints() >= 0 && root.getBasicConstraints() >= 0, "both are CAs");

        String customer = customer();
        String userId = account(customer, "pem-" + UUID.randomUUID() + "@example.jp", "PEM", "en");
        String serial = api.post("/api/v1/certificates", "{\"userId\":\"" + userId + "\"}").json().getString("serial");
        Api.Response pem = api.get("/api/v1/certificates/" + serial + "/pem");
        assertEquals(200, pem.status(), pem.body());
        var client = (java.security.cert.X509Certificate) x509.generateCertificate(
                new java.io.ByteArrayInputStream(pem.body().getBytes(StandardCharsets.US_ASCII)));
        client.verify(issuing.getPublicKey());
        String aia = new String(client.getExtensionValue("1.3.6.1.5.5.7.1.1"), StandardCharsets.ISO_8859_1);
        assertTrue(aia.contains("/crl/issuing-ca.cer") && aia.contains("/ocsp"), "AIA names caIssuers and OCSP");
    }

    @Test
    void revocationReachesTheCrlAndTheExportIsSafeForExcel() throws Exception {
        String customer = customer();
        String userId = account(customer, "revoke-" + UUID.randomUUID() + "@example.jp", "=cmd|' /C calc'!A0", "ja");
        JsonObject issued = api.post("/api/v1/certificates", "{\"userId\":\"" + userId + "\"}").json();
        String serial = issued.getString("serial");

        assertProblem(api.post("/api/v1/certificates/" + serial + "/revoke", "{\"reason\":\"becauseISaidSo\"}"), 400,
                "error.revocationReason");
        Api.Response revoked = api.post("/api/v1/certificates/" + serial + "/revoke", "{\"reason\":\"keyCompromise\"}");
        assertEquals(200, revoked.status(), revoked.body());
        assertEquals("REVOKED", revoked.json().getString("status"));
        assertEquals("LOCKED", revoked.json().getString("retrievalStatus"), "nothing left to retrieve");
        assertProblem(api.post("/api/v1/certificates/" + serial + "/revoke", "{\"reason\":\"keyCompromise\"}"), 409,
                "error.alreadyRevoked");

        var x509 = java.security.cert.CertificateFactory.getInstance("X.509");
        var issuing = (java.security.cert.X509Certificate) x509.generateCertificate(
                new java.io.ByteArrayInputStream(Api.anonymous("en").bytes("/crl/issuing-ca.cer")));
        // The CRL is re-signed by a timer just after the revocation commits (docs/operations.md states the bound).
        var crl = Poll.until("the CRL listing " + serial, java.time.Duration.ofSeconds(30), () -> {
            try {
                return CrlIT.crl("/crl/issuing-ca.crl");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, c -> c.getRevokedCertificate(new java.math.BigInteger(serial, 16)) != null);
        crl.verify(issuing.getPublicKey());
        var entry = crl.getRevokedCertificate(new java.math.BigInteger(serial, 16));
        assertTrue(entry != null, "the CRL lists the revoked certificate");
        assertEquals(java.security.cert.CRLReason.KEY_COMPROMISE, entry.getRevocationReason());
        assertTrue(crl.getNextUpdate().after(new java.util.Date()));

        Api.Response csv = api.get("/api/v1/certificates/export.csv?customer=" + enc(customer));
        assertEquals(200, csv.status(), csv.body());
        assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
        assertTrue(csv.body().startsWith("\uFEFF\"cn\",\"subject\""), csv.body());
        assertTrue(csv.body().contains("\"" + issued.getString("cn") + "\",\"C=JP, OU=" + customer), csv.body());
        assertTrue(csv.body().contains("\"REVOKED\""), csv.body());
        assertProblem(api.get("/api/v1/certificates/export.csv?status=NOPE"), 400, "error.status");
    }

    @Test
    void deactivatedCustomersAndDisabledAccountsGetNothingNew() {
        String customer = customer();
        String userId = account(customer, "active-" + UUID.randomUUID() + "@example.jp", "有効", "ja");
        assertEquals(200, api.post("/api/v1/customers/" + enc(customer) + "/deactivate", "").status());
        assertFalse(api.get("/api/v1/customers/" + enc(customer)).json().getBoolean("active"));
        assertProblem(api.post("/api/v1/certificates", "{\"userId\":\"" + userId + "\"}"), 400, "error.accountInactive");
        assertProblem(api.post("/api/v1/accounts", accountJson(customer, "new@example.jp", "x", "ja")), 400,
                "error.customerInactive");
        assertEquals(200, api.post("/api/v1/customers/" + enc(customer) + "/activate", "").status());

        assertEquals("DISABLED", api.post("/api/v1/accounts/" + userId + "/disable", "").json().getString("status"));
        assertProblem(api.post("/api/v1/certificates", "{\"userId\":\"" + userId + "\"}"), 400, "error.accountInactive");
        assertEquals("ACTIVE", api.post("/api/v1/accounts/" + userId + "/enable", "").json().getString("status"));
        assertEquals(201, api.post("/api/v1/certificates", "{\"userId\":\"" + userId + "\"}").status());
        assertEquals(0, api.get("/api/v1/certificates?customer=" + enc(customer)).array().stream()
                .filter(c -> !c.asJsonObject().getString("userId").equals(userId)).count());
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private String customer() {
        String name = "顧客 " + UUID.randomUUID().toString().substring(0, 8);
        Api.Response r = api.post("/api/v1/customers", "{\"name\":\"" + name + "\",\"contactEmail\":\"ca@example.jp\"}");
        assertEquals(201, r.status(), r.body());
        return name;
    }

    private String account(String customer, String email, String name, String language) {
        Api.Response r = api.post("/api/v1/accounts", accountJson(customer, email, name, language));
        assertEquals(201, r.status(), r.body());
        return r.json().getString("userId");
    }

    private static String accountJson(String customer, String email, String name, String language) {
        return "{\"customer\":\"" + customer + "\",\"email\":\"" + email + "\",\"displayName\":\"" + name
                + "\",\"language\":\"" + language + "\"}";
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

    private JsonObject awaitSent(String address) {
        long deadline = System.currentTimeMillis() + 30_000;
        JsonObject last = null;
        while (System.currentTimeMillis() < deadline) {
            var mails = api.get("/api/v1/mail?to=" + enc(address)).array();
            if (mails.stream().allMatch(m -> m.asJsonObject().getString("status").equals("SENT")) && !mails.isEmpty()) {
                return mails.getJsonObject(0);
            }
            last = mails.isEmpty() ? null : mails.getJsonObject(0);
            Imports.sleep(250); // the polling interval, bounded by the deadline
        }
        throw new AssertionError("Mails to " + address + " not marked SENT: " + last);
    }

    private static MimeMessage bySubject(List<MimeMessage> mails, String part) {
        return mails.stream().filter(m -> Mailbox.subject(m).contains(part)).findFirst()
                .orElseThrow(() -> new AssertionError("No mail with subject containing " + part));
    }

    private static String text(MimeMessage message) {
        return Mailbox.text(message);
    }
}
