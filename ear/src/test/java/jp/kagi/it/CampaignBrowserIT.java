package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
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
 * A renewal campaign in Chromium as a CA admin runs it in Japanese: who is due, the form with its preview (counts
 * and the Japanese mail), create, launch while the progress bar fills, the dashboard's counts and chart after one
 * user fetched the new key, remind the stragglers, then cancel. In English: the form and a translated refusal.
 * Customers, accounts and their first certificates come from the REST API; the campaign only from the screens. The
 * completion is a date-time half an hour ahead, so that no reminder or completion timer fires during the test.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CampaignBrowserIT {

    @RegisterExtension
    static GreenMailExtension smtp = Mailbox.smtpServer();

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

    private String customer(String prefix) {
        String name = prefix + " " + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, api.post("/api/v1/customers", "{\"name\":\"" + name + "\",\"contactEmail\":\"ca@example.jp\"}")
                .status());
        return name;
    }

    /** An account with its first certificate issued (two mails: notice and registration). */
    private String issued(String customer, String email, String name, String language) {
        Api.Response account = api.post("/api/v1/accounts", "{\"customer\":\"" + customer + "\",\"email\":\"" + email
                + "\",\"displayName\":\"" + name + "\",\"language\":\"" + language + "\"}");
        assertEquals(201, account.status(), account.body());
        String userId = account.json().getString("userId");
        Api.Response cert = api.post("/api/v1/certificates", "{\"userId\":\"" + userId + "\"}");
        assertEquals(201, cert.status(), cert.body());
        return userId;
    }

    private static String inHalfAnHour() {
        return ZonedDateTime.now(ZoneId.of("Asia/Tokyo")).plusMinutes(30).truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static void signIn(Browser browser, String userIdLabel, String passwordLabel) {
        browser.open("/admin/login.xhtml");
        browser.fill(userIdLabel, Api.ADMIN);
        browser.fill(passwordLabel, Api.ADMIN_PASSWORD);
        browser.click("Login");
    }

    /** The footer of the counts table: total, targeted, mailed, mail failed, retrieved, pending, locked, … */
    private static String totals(Browser browser) {
        return (String) browser.script("return Array.from(document.querySelectorAll('[id$=\"counts\"] tfoot td'))"
                + ".map(function (e) { return e.textContent.trim(); }).join('|');");
    }

    @Test
    void aCaAdminPreviewsCreatesLaunchesWatchesRemindsAndCancelsACampaignInJapanese() throws Exception {
        String tag = "r" + UUID.randomUUID().toString().substring(0, 8);
        String a = customer("更新A");
        String b = customer("更新B");
        String a1Mail = tag + "-a1@example.jp";
        String a1 = issued(a, a1Mail, "更新 一郎", "ja");
        String a2 = issued(a, tag + "-a2@example.jp", "更新 二郎", "ja");
        String b1 = issued(b, tag + "-b1@example.jp", "Renewal Bob", "en");
        String b2 = issued(b, tag + "-b2@example.jp", "除外 花子", "ja");
        String completion = inHalfAnHour();
        String name = "2026年度 更新 " + tag;

        try (Browser browser = new Browser("ja")) {
            signIn(browser, "ユーザID", "パスワード");
            browser.waitForText("ログアウト");

            // Who is due: a 13-month certificate expires within 400 days.
            browser.click("更新対象");
            browser.select("顧客", a);
            browser.fill("更新時期・期限まで (日)", "400");
            browser.click("表示");
            browser.waitForText(a2);
            assertTrue(browser.text().contains(a1), browser.text());
            browser.screenshot("admin-ja-renewals");

            browser.click("更新キャンペーン");
            browser.fill("キャンペーン名", name);
            browser.select("対象顧客", a);
            browser.select("対象顧客", b);
            browser.fill("除外するユーザID (カンマまたは空白区切り)", b2);
            browser.fill("完了期限", completion);
            browser.fill("完了期限前のリマインダー", "PT5M PT1M");
            browser.click("プレビュー");
            browser.waitForText("プレビュー (まだ何も書き込まれていません)");
            String preview = browser.text();
            assertTrue(preview.contains("3 件のアカウントが更新対象、1 件が除外です。"), preview);
            assertTrue(preview.contains("クライアント証明書更新登録のお願い"), preview);
            assertTrue(preview.contains("Request to renew your client certificate"), preview);
            browser.script("document.querySelector('[id$=\"previewPanel\"]').scrollIntoView();");
            browser.screenshot("admin-ja-campaign-preview");

            browser.click("作成");
            browser.waitForText("更新キャンペーン「" + name + "」を下書きとして作成しました。");
            String url = browser.url();
            assertTrue(url.contains("campaign.xhtml?id="), url);
            assertTrue(browser.text().contains("下書き"), browser.text());

            browser.clickAndConfirm("開始");
            browser.waitForText("キャンペーン「" + name + "」を開始しました。");
            // The page polls while the certificates are issued; the bar reaches 100 % and the status moves on.
            browser.waitForText("実施中", Duration.ofMinutes(5));
            assertEquals(100, browser.progress());
            browser.screenshot("admin-ja-campaign-launched");
        }

        // The renewal pair reaches every included account (after the first pair); a1 fetches the new key.
        Mailbox.Credentials renewal = mailbox.credentials(a1Mail, 4);
        mailbox.await(tag + "-a2@example.jp", 4);
        mailbox.await(tag + "-b1@example.jp", 4);
        mailbox.await(tag + "-b2@example.jp", 2); // excluded: nothing new
        PortalClient portal = new PortalClient("ja");
        portal.login(a1, renewal.password());
        PortalClient.Page ready = portal.retrieve(renewal.requestId(), renewal.password(), renewal.password());
        assertEquals(List.of(), ready.errors());
        assertEquals("application/x-pkcs12", portal.download(ready).header("Content-Type"));

        try (Browser browser = new Browser("ja")) {
            signIn(browser, "ユーザID", "パスワード");
            browser.waitForText("ログアウト");
            browser.click("更新キャンペーン");
            browser.click(name);
            browser.waitForText("実施中");
            String id = browser.url().replaceAll("^.*[?&]id=([0-9]+).*$", "$1");
            // Total | targeted | mailed | mail failed | retrieved | installed | pending | locked | skipped | failed
            assertEquals("合計|3|3|0|1|0|2|0|0|0", totals(browser));
            assertEquals(Boolean.TRUE, browser.script("return document.querySelector('canvas') !== null;"));
            browser.screenshot("admin-ja-campaign-dashboard");

            browser.select("状態", "未取得 (未取得・ロック済み)");
            browser.click("表示");
            browser.waitForText(b1);
            assertTrue(browser.text().contains(a2), browser.text());

            browser.click("CSV 出力");
            Path csv = browser.downloaded("campaign-" + id + ".csv");
            String text = Files.readString(csv);
            assertTrue(text.startsWith("\uFEFF\"userId\""), text);
            assertTrue(text.contains("\"" + a2 + "\"") && text.contains("\"" + b1 + "\"")
                    && !text.contains("\"" + a1 + "\""), text);

            browser.click("未取得の全員にリマインド");
            browser.waitForText("2 件のリマインダーメールを送信します。");
            mailbox.await(tag + "-b1@example.jp", 5);

            browser.clickAndConfirm("キャンペーンを中止");
            browser.waitForText("キャンペーン「" + name + "」を中止しました。");
            assertTrue(browser.text().contains("中止"), browser.text());
            // The two stragglers' new certificates are revoked and their requests locked; a1's stays.
            assertEquals("合計|3|3|0|1|0|0|2|0|0", totals(browser));
            browser.screenshot("admin-ja-campaign-cancelled");
        }
    }

    @Test
    void theFormSpeaksEnglishAndACompletionInThePastIsRefused() {
        String tag = "e" + UUID.randomUUID().toString().substring(0, 8);
        String c = customer("Renewal EN");
        issued(c, tag + "@example.jp", "English User", "en");
        try (Browser browser = new Browser("en-US")) {
            signIn(browser, "User ID", "Password");
            browser.waitForText("Log out");
            browser.click("Renewal campaigns");
            browser.fill("Campaign name", "Past " + tag);
            browser.select("Targeted customers", c);
            browser.fill("Completion", "2020-04-30");
            browser.fill("Reminder steps before completion", "P14D");
            browser.click("Preview");
            browser.waitForText("The completion 2020-04-30 is not in the future.");
            browser.screenshot("admin-en-campaign-refused");

            browser.fill("Completion", inHalfAnHour());
            browser.fill("Reminder steps before completion", "PT10M");
            browser.click("Preview");
            browser.waitForText("Preview (nothing written yet)");
            String preview = browser.text();
            assertTrue(preview.contains("1 accounts would be renewed, 0 excluded."), preview);
            assertTrue(preview.contains("Request to renew your client certificate"), preview);
            browser.script("document.querySelector('[id$=\"previewPanel\"]').scrollIntoView();");
            browser.screenshot("admin-en-campaign-preview");
        }
    }
}
