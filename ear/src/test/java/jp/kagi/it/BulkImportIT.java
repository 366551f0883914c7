package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bulk import over the REST API: dry run, Shift_JIS, bad files and rows, a real run with issuance, role limits. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BulkImportIT {

    private static final Charset SJIS = Charset.forName("windows-31j");

    @RegisterExtension
    static GreenMailExtension smtp = Mailbox.smtpServer();

    private final Api api = Api.admin();
    private final Mailbox mailbox = new Mailbox(smtp);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return KagiDeployment.shipped();
    }

    private String customer(String prefix) {
        String name = prefix + " " + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, api.post("/api/v1/customers", "{\"name\":\"" + name + "\",\"contactEmail\":\"ca@example.jp\"}")
                .status());
        return name;
    }


    private Api.Response dryRun(Api as, byte[] csv) {
        return as.postBytes("/api/v1/accounts/import?dryRun=true", csv, "text/csv");
    }

    @Test
    void aDryRunOfAShiftJisFileReportsEveryBadRowAndWritesNothing() {
        String customer = customer("一括");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String csv = "顧客,メールアドレス,氏名,言語\r\n"
                + customer + ",ok-" + tag + "@example.jp,山田 太郎,ja\r\n"
                + customer + ",OK-" + tag + "@EXAMPLE.JP,山田 二郎,ja\r\n"
                + customer + ",not-an-address,佐藤 花子,ja\r\n"
                + "存在しない顧客,x-" + tag + "@example.jp,鈴木 一郎,ja\r\n"
                + customer + ",y-" + tag + "@example.jp,,ja\r\n"
                + customer + ",z-" + tag + "@example.jp,高橋 三郎,fr\r\n";
        Api.Response report = dryRun(api.inLanguage("ja"), csv.getBytes(SJIS));
        assertEquals(200, report.status(), report.body());
        JsonObject json = report.json();
        assertEquals("Shift_JIS", json.getString("encoding"));
        assertEquals(6, json.getInt("rows"));
        assertEquals(1, json.getInt("valid"));
        JsonArray problems = json.getJsonArray("problems");
        assertEquals(5, problems.size());
        assertEquals("error.import.duplicate", problems.getJsonObject(0).getString("code"));
        assertEquals(3, problems.getJsonObject(0).getInt("line"));
        assertTrue(problems.getJsonObject(0).getString("message").contains("2 行目"), problems.toString());
        assertEquals("error.email", problems.getJsonObject(1).getString("code"));
        assertEquals("error.customerUnknown", problems.getJsonObject(2).getString("code"));
        assertEquals("存在しない顧客", problems.getJsonObject(2).getString("customer"), "Shift_JIS decoded");
        assertEquals("error.required", problems.getJsonObject(3).getString("code"));
        assertEquals("error.language", problems.getJsonObject(4).getString("code"));

        // Nothing was written: the same file checks the same way again, and the valid row is still new.
        assertEquals(1, dryRun(api, csv.getBytes(SJIS)).json().getInt("valid"));
    }

    @Test
    void aFileMixingEncodingsIsRefusedLineByLine() {
        String customer = customer("Mixed");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(("customer,email,displayName\n" + customer + ",a-" + tag + "@example.jp,山田 太郎\n")
                .getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes((customer + ",b-" + tag + "@example.jp,佐藤 花子\n").getBytes(SJIS));
        JsonObject json = dryRun(api, bytes.toByteArray()).json();
        assertEquals("UTF-8", json.getString("encoding"));
        assertEquals(1, json.getInt("valid"));
        JsonObject problem = json.getJsonArray("problems").getJsonObject(0);
        assertEquals("error.import.encoding", problem.getString("code"));
        assertEquals(3, problem.getInt("line"));
        assertTrue(problem.getString("message").contains("mixes UTF-8 and Shift_JIS"), problem.toString());
    }

    @Test
    void unreadableFilesAreRefusedWholeWithATranslatedProblem() {
        String newestBefore = Imports.newestJob(api);
        Api.Response columns = api.inLanguage("ja").postBytes("/api/v1/accounts/import?dryRun=false",
                "name,mail\nA,b@example.jp\n".getBytes(StandardCharsets.UTF_8), "text/csv");
        assertEquals(400, columns.status(), columns.body());
        assertTrue(columns.contentType().startsWith("application/problem+json"), columns.contentType());
        assertEquals("error.import.columns", columns.code());
        assertTrue(columns.json().getString("detail").contains("「name,mail」"), columns.body());

        Api.Response empty = api.postBytes("/api/v1/accounts/import?dryRun=false", new byte[0], "text/csv");
        assertEquals(400, empty.status(), empty.body());
        assertEquals("error.import.empty", empty.code());
        assertEquals(newestBefore, Imports.newestJob(api), "no job was stored");
    }

    @Test
    void aRealRunOpensAndIssuesEveryValidRowAndReportsTheOthers() {
        String customer = customer("Bulk");
        String tag = "bulk-" + UUID.randomUUID().toString().substring(0, 8);
        String csv = Imports.csv(customer, tag, 6) + customer + ",broken-address,Nobody,ja\r\n";
        JsonObject started = Imports.start(api, csv, StandardCharsets.UTF_8, true);
        assertEquals(7, started.getInt("rows"));
        assertEquals(6, started.getInt("valid"));
        assertEquals("error.email", started.getJsonArray("problems").getJsonObject(0).getString("code"));
        long jobId = started.getJsonNumber("jobId").longValue();

        JsonObject job = Imports.awaitFinished(api, jobId, 240);
        assertEquals("FINISHED", job.getString("status"));
        assertEquals(6, job.getInt("done"), job.toString());
        assertEquals(1, job.getInt("rejected"));
        assertEquals(0, job.getInt("failed"));
        assertEquals(100, job.getInt("percent"));

        JsonArray done = api.get("/api/v1/imports/" + jobId + "/rows?status=DONE").array();
        assertEquals(6, done.size());
        java.util.TreeSet<Integer> numbers = new java.util.TreeSet<>();
        for (var value : done) {
            JsonObject row = value.asJsonObject();
            numbers.add(Integer.parseInt(row.getString("commonName").substring(4)));
            JsonObject cert = api.get("/api/v1/certificates/" + row.getString("serial")).json();
            assertEquals(customer, cert.getString("customer"));
            assertEquals(row.getString("userId"), cert.getString("userId"));
        }
        // Nothing else issued meanwhile: the job's CNs are six consecutive numbers (workers may take them in any order).
        assertEquals(6, numbers.size(), done.toString());
        assertEquals(numbers.first() + 5, numbers.last(), done.toString());
        // Every imported user gets the two mails of an issuance, in the language of its row.
        List<MimeMessage> mails = mailbox.await(tag + "-2@example.jp", 2);
        assertTrue(mails.stream().anyMatch(m -> Mailbox.subject(m).contains("Certificate issuance notice")));
        mailbox.await(tag + "-1@example.jp", 2);

        // The same file again: every row now exists, so nothing is opened twice.
        JsonObject again = dryRun(api, csv.getBytes(StandardCharsets.UTF_8)).json();
        assertEquals(0, again.getInt("valid"));
        assertEquals("error.accountExists", again.getJsonArray("problems").getJsonObject(0).getString("code"));
    }

    @Test
    void aHundredThousandRowsAreCheckedAndOneMoreIsRefused() {
        String customer = customer("Large");
        String tag = "large-" + UUID.randomUUID().toString().substring(0, 8);
        String csv = Imports.csv(customer, tag, 100_000);
        long started = System.nanoTime();
        Api.Response report = dryRun(api, csv.getBytes(StandardCharsets.UTF_8));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(200, report.status(), report.body().substring(0, Math.min(500, report.body().length())));
        assertEquals(100_000, report.json().getInt("valid"));
        System.out.println("Dry run of 100,000 rows over HTTPS: " + millis + " ms"); // for docs/performance.md

        Api.Response tooMany = dryRun(api.inLanguage("ja"), (csv + customer + ",one-more-" + tag + "@example.jp,x,ja\r\n")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(400, tooMany.status(), tooMany.body());
        assertEquals("error.import.rowLimit", tooMany.code());
        assertTrue(tooMany.json().getString("detail").contains("100,000"), tooMany.body());
    }

    @Test
    void aFormulaInACellIsImportedAsPlainText() {
        String customer = customer("Formula");
        String tag = "formula-" + UUID.randomUUID().toString().substring(0, 8);
        String csv = "customer,email,displayName\n" + customer + "," + tag + "@example.jp,\"=cmd|' /C calc'!A0\"\n";
        long jobId = Imports.start(api, csv, StandardCharsets.UTF_8, true).getJsonNumber("jobId").longValue();
        assertEquals(1, Imports.awaitFinished(api, jobId, 120).getInt("done"));
        String userId = api.get("/api/v1/imports/" + jobId + "/rows").array().getJsonObject(0).getString("userId");
        assertEquals("=cmd|' /C calc'!A0", api.get("/api/v1/accounts/" + userId).json().getString("displayName"),
                "stored as typed, never evaluated; CSV exports prefix such cells (RestApiIT)");
    }

    @Test
    void operatorsImportOnlyForTheirCustomersAndAuditorsNotAtAll() {
        String mine = customer("OpMine");
        String theirs = customer("OpTheirs");
        String operator = "op-imp-" + UUID.randomUUID().toString().substring(0, 8);
        String auditor = "au-imp-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, api.post("/api/v1/admins", "{\"userId\":\"" + operator + "\",\"password\":\"operator-password-1\","
                + "\"role\":\"OPERATOR\",\"customers\":[\"" + mine + "\"]}").status());
        assertEquals(201, api.post("/api/v1/admins", "{\"userId\":\"" + auditor + "\",\"password\":\"auditor-password-1\","
                + "\"role\":\"AUDITOR\"}").status());
        Api op = Api.as(operator, "operator-password-1", "en");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String csv = "customer,email,displayName\n" + mine + ",m-" + tag + "@example.jp,Mine\n"
                + theirs + ",t-" + tag + "@example.jp,Theirs\n";
        JsonObject report = dryRun(op, csv.getBytes(StandardCharsets.UTF_8)).json();
        assertEquals(1, report.getInt("valid"));
        JsonObject refused = report.getJsonArray("problems").getJsonObject(0);
        assertEquals("error.customerUnknown", refused.getString("code"), "another customer is not even named as such");

        JsonObject started = Imports.start(op, csv, StandardCharsets.UTF_8, false);
        long jobId = started.getJsonNumber("jobId").longValue();
        JsonObject job = Imports.awaitFinished(op, jobId, 120);
        assertEquals(1, job.getInt("done"));
        assertEquals(404, Api.as(operator, "operator-password-1", "en").get("/api/v1/imports/" + 999_999_999).status());

        Api audit = Api.as(auditor, "auditor-password-1", "en");
        assertEquals(403, dryRun(audit, csv.getBytes(StandardCharsets.UTF_8)).status());
        assertEquals(200, audit.get("/api/v1/imports/" + jobId).status(), "auditors read every job");
        assertEquals(403, audit.post("/api/v1/imports/" + jobId + "/cancel", "").status());
    }
}
