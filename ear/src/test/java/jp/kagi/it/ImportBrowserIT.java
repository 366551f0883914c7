package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
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
 * The bulk import in Chromium as a CA admin does it: a Shift_JIS file of 1,000 accounts (and three bad rows) from
 * Excel, checked first, then imported with certificates while the progress bar moves; the admin closes the browser
 * halfway and comes back to a finished job.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ImportBrowserIT {

    private static final int ROWS = 1000;

    @RegisterExtension
    static GreenMailExtension smtp = Mailbox.smtpServer();

    private final Api api = Api.admin();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return KagiDeployment.shipped();
    }

    @BeforeEach
    void needsChromium() {
        Assumptions.assumeTrue(Browser.available(), "Debian's chromium and chromium-driver are not installed");
    }

    private String customer() {
        String name = "一括 " + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, api.post("/api/v1/customers", "{\"name\":\"" + name + "\",\"contactEmail\":\"ca@example.jp\"}")
                .status());
        return name;
    }


    private static Path file(String name, String text, Charset charset) {
        try {
            Path dir = Files.createTempDirectory("kagi-import");
            return Files.write(dir.resolve(name), text.getBytes(charset));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void signIn(Browser browser, String userId, String password, String userIdLabel,
                               String passwordLabel) {
        browser.open("/admin/login.xhtml");
        browser.fill(userIdLabel, userId);
        browser.fill(passwordLabel, password);
        browser.click("Login");
    }

    @Test
    void aThousandRowsFromExcelAreImportedWithTheirCertificatesWhileTheProgressBarMoves() {
        String customer = customer();
        String tag = "b" + UUID.randomUUID().toString().substring(0, 8);
        String csv = Imports.csv(customer, tag, ROWS)
                + customer + "," + tag + "-1@example.jp,重複 太郎,ja\r\n"      // line 1002: the address of line 2
                + customer + ",メールではない,不正 花子,ja\r\n"                 // line 1003: not an address
                + customer + "," + tag + "-x@example.jp,列 多い,ja,余分\r\n";   // line 1004: one field too many
        Path upload = file("社員一覧.csv", csv, Charset.forName("windows-31j"));
        long jobId;
        try (Browser browser = new Browser("ja")) {
            signIn(browser, Api.ADMIN, Api.ADMIN_PASSWORD, "ユーザID", "パスワード");
            browser.waitForText("ログアウト");
            browser.click("一括登録");
            browser.upload("CSVファイル", upload);
            browser.click("チェック (試行)");
            browser.waitForText("1,003 行をチェックしました: 登録可能 1,000 行、登録不可 3 行。何も登録していません。");
            String report = browser.text();
            assertTrue(report.contains("文字コード Shift_JIS"), report);
            assertTrue(report.contains("このファイルの 2 行目にもあります"), report);
            assertTrue(report.contains("メールアドレスとして正しくありません"), report);
            assertTrue(report.contains("この行の項目数は 5 ですが、見出し行は 4 項目です。"), report);
            browser.screenshot("admin-ja-import-check");

            browser.upload("CSVファイル", upload); // a page after a post-back has an empty file field again
            browser.click("登録開始");
            browser.waitForText("一括登録ジョブ");
            String url = browser.url();
            assertTrue(url.contains("import-job.xhtml?job="), url);
            jobId = Long.parseLong(url.substring(url.indexOf("job=") + 4).replaceAll("[^0-9].*$", ""));

            // The bar moves on its own (the page polls); the admin watches it pass a few steps, then leaves.
            int first = browser.progress();
            long deadline = System.currentTimeMillis() + 300_000;
            int seen = first;
            while (seen < first + 3 && System.currentTimeMillis() < deadline) {
                Imports.sleep(1000);
                seen = Math.max(seen, browser.progress());
            }
            assertTrue(seen >= first + 3 && seen < 100, "progress moved from " + first + "% to " + seen + "%");
            browser.screenshot("admin-ja-import-progress");
        } // the browser is closed; the job goes on on the server

        try (Browser browser = new Browser("ja")) {
            signIn(browser, Api.ADMIN, Api.ADMIN_PASSWORD, "ユーザID", "パスワード");
            browser.waitForText("ログアウト");
            browser.click("一括登録");
            browser.click(String.valueOf(jobId));
            browser.waitForText("完了: 完了 1,000、失敗 0、待ち 0、チェックで除外 3、中止 0。", Duration.ofMinutes(20));
            assertEquals(100, browser.progress());
            browser.select("状態", "チェックで除外");
            browser.click("表示");
            browser.waitForText("メールアドレス " + tag + "-1@example.jp は同じ顧客でこのファイルの 2 行目にもあります。");
            browser.screenshot("admin-ja-import-done");
        }

        // Every row got one account and one certificate; the CNs are all different.
        Set<String> cns = new HashSet<>();
        for (int page = 0; page < 2; page++) {
            JsonArray rows = api.get("/api/v1/imports/" + jobId + "/rows?status=DONE&size=500&page=" + page).array();
            assertEquals(500, rows.size());
            rows.forEach(r -> cns.add(r.asJsonObject().getString("commonName")));
        }
        assertEquals(ROWS, cns.size());
        JsonObject job = api.get("/api/v1/imports/" + jobId).json();
        assertEquals("FINISHED", job.getString("status"));
        assertEquals(ROWS, job.getInt("done"));
    }

    @Test
    void aFileWithTheWrongColumnsIsRefusedInEnglishAndNothingStarts() {
        Path upload = file("staff.csv", "name,mail\nAcme,a@example.jp\n", StandardCharsets.UTF_8);
        try (Browser browser = new Browser("en-US")) {
            signIn(browser, Api.ADMIN, Api.ADMIN_PASSWORD, "User ID", "Password");
            browser.waitForText("Log out");
            browser.click("Bulk import");
            String jobsBefore = Imports.newestJob(api);
            browser.click("Import");
            browser.waitForText("Choose a CSV file first.");
            browser.upload("CSV file", upload);
            browser.click("Import");
            browser.waitForText("The columns are \"name,mail\"; expected customer,email,displayName,language");
            assertEquals(jobsBefore, Imports.newestJob(api), "no job was stored");
            browser.screenshot("admin-en-import-refused");
        }
    }
}
