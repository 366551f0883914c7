package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The back office in Chromium: a CA admin's day in Japanese, and an operator who sees only its own customer. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminBrowserIT {

    private final Api api = Api.admin();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return KagiDeployment.shipped();
    }

    @BeforeEach
    void needsChromium() {
        Assumptions.assumeTrue(Browser.available(), "Debian's chromium and chromium-driver are not installed");
    }

    @Test
    void aCaAdminCreatesACustomerAndAnAccountAndIssuesInJapanese() {
        String customer = "管理 " + UUID.randomUUID().toString().substring(0, 8);
        try (Browser browser = new Browser("ja")) {
            browser.open("/admin/");
            browser.waitForText("マネージドPKI 管理画面");
            browser.fill("ユーザID", Api.ADMIN);
            browser.fill("パスワード", "wrong-password");
            browser.click("Login");
            browser.waitForText("ユーザIDまたはパスワードが正しくありません");
            browser.fill("ユーザID", Api.ADMIN);
            browser.fill("パスワード", Api.ADMIN_PASSWORD);
            browser.click("Login");
            browser.waitForText("ログアウト");
            browser.screenshot("admin-ja-certificates");

            browser.click("顧客");
            browser.fill("顧客名 (OU)", customer);
            browser.fill("連絡先メールアドレス", "ca@example.jp");
            browser.click("追加");
            browser.waitForText("顧客「" + customer + "」を追加しました。");
            browser.fill("顧客名 (OU)", customer);
            browser.fill("連絡先メールアドレス", "ca@example.jp");
            browser.click("追加");
            browser.waitForText("顧客「" + customer + "」は既に存在します。");
            browser.fill("顧客名 (OU)", "a,b");
            browser.fill("連絡先メールアドレス", "ca@example.jp");
            browser.click("追加");
            browser.waitForText("には , + = \" \\ < > ; # / を使えません");
            browser.screenshot("admin-ja-customers");
            browser.click("無効化");
            browser.waitForText("を無効にしました");
            browser.click("再有効化");
            browser.waitForText("を再び有効にしました");

            browser.click("アカウント");
            browser.select("顧客", customer);
            browser.click("表示");
            browser.fill("メールアドレス", "admin-ui@example.jp");
            browser.fill("氏名", "画面 太郎");
            browser.click("追加");
            browser.waitForText("を作成しました");
            browser.fill("メールアドレス", "not-an-address");
            browser.fill("氏名", "x");
            browser.click("追加");
            browser.waitForText("メールアドレスとして正しくありません");
            browser.click("証明書を発行");
            browser.waitForText("を発行しました");
            String info = browser.infos().get(0);
            String cn = info.substring(info.indexOf("dsca"), info.indexOf("dsca") + 9);
            browser.screenshot("admin-ja-accounts");

            browser.click("証明書");
            browser.select("顧客", customer);
            browser.click("表示");
            browser.waitForText(cn);
            assertTrue(browser.text().contains("有効 / 未取得"), browser.text());
            browser.select("失効理由", "keyCompromise");
            browser.click("失効");
            browser.waitForText(cn + " を失効しました (keyCompromise)");
            assertTrue(browser.text().contains("失効 / ロック済み"), browser.text());

            browser.click("メール送信箱");
            browser.fill("メールアドレス", "admin-ui@example.jp");
            browser.click("表示");
            browser.waitForText("証明書発行通知");
            assertTrue(browser.text().contains("クライアント証明書登録のお願い"), browser.text());
            browser.screenshot("admin-ja-outbox");
            browser.click("ログアウト");
            browser.waitForText("Login");
        }
    }

    @Test
    void anOperatorSeesAndActsOnlyForItsCustomers() {
        String mine = "Mine " + UUID.randomUUID().toString().substring(0, 8);
        String theirs = "Theirs " + UUID.randomUUID().toString().substring(0, 8);
        for (String c : new String[] {mine, theirs}) {
            assertEquals(201, api.post("/api/v1/customers", "{\"name\":\"" + c + "\",\"contactEmail\":\"c@example.jp\"}")
                    .status());
        }
        String operator = "op-ui-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, api.post("/api/v1/admins", "{\"userId\":\"" + operator + "\",\"password\":\"operator-password-1\","
                + "\"role\":\"OPERATOR\",\"customers\":[\"" + mine + "\"]}").status());
        try (Browser browser = new Browser("en-US")) {
            browser.open("/admin/login.xhtml");
            browser.fill("User ID", operator);
            browser.fill("Password", "operator-password-1");
            browser.click("Login");
            browser.waitForText("Log out");
            browser.click("Customers");
            browser.waitForText(mine);
            assertFalse(browser.text().contains(theirs), "another customer stays invisible");
            assertFalse(browser.text().contains("New customer"), "only CA admins create customers");
            browser.click("Accounts");
            browser.select("Customer", mine);
            browser.fill("E-mail", "op-made@example.jp");
            browser.fill("Name", "Made by operator");
            browser.click("Create");
            browser.waitForText("was opened");
            browser.click("Mail outbox");
            browser.waitForText("You are not allowed to do this.");
        }
    }
}
