package jp.kagi.it;

import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.kagi.account.AccountService;
import jp.kagi.account.NewAccount;
import jp.kagi.customer.CustomerService;
import jp.kagi.issuance.IssuanceService;
import jp.kagi.issuance.IssuedCertificate;
import jp.kagi.mail.MailKind;
import jp.kagi.platform.Actor;
import jp.kagi.platform.CustomerScope;
import jp.kagi.platform.KagiException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Migration of registration-password hashes: an account whose hash was stored in the old PBKDF2 form (written here
 * inside the server, as an installation before the keyed hash would have it) still signs in to the portal with the
 * mailed password, fetches a PKCS#12 that opens with it, and afterwards holds the new {@code hmac-sha256$k1$} form.
 * The password is read from the registration mail still in the outbox (no SMTP server runs in this test).
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistrationPasswordIT {

    private static final Actor ACTOR = new Actor("it", "127.0.0.1");
    private static final Pattern JA_PASSWORD = Pattern.compile("ID : (\\S+)\\s+パスワード : (\\S+)");

    @Deployment
    static EnterpriseArchive deployment() {
        return KagiDeployment.withTestClasses(RegistrationPasswordIT.class, ItProbe.class, KagiDeployment.class,
                PortalClient.class);
    }

    @Inject
    CustomerService customers;

    @Inject
    AccountService accounts;

    @Inject
    IssuanceService issuance;

    @Inject
    ItProbe probe;

    /** Inside the server: account, certificate, mailed password; then the hash is put back into the old form. */
    @Test
    @Order(1)
    void anAccountWithAnOldFormHash() throws Exception {
        String customer = "Legacy " + UUID.randomUUID().toString().substring(0, 8);
        customers.create(ACTOR, CustomerScope.SYSTEM, customer, "ca@example.jp");
        String email = "legacy-" + UUID.randomUUID() + "@example.jp";
        String userId = accounts.create(ACTOR, CustomerScope.SYSTEM, new NewAccount(customer, email, "旧 太郎", "ja")).userId();
        IssuedCertificate issued = issuance.issue(ACTOR, CustomerScope.SYSTEM, userId);
        assertTrue(probe.passwordHash(userId).startsWith("hmac-sha256$k1$"), "new accounts get the keyed hash");

        Matcher m = JA_PASSWORD.matcher(probe.mailBody(email, MailKind.REGISTRATION_REQUEST));
        assertTrue(m.find(), "the registration mail carries user ID and password");
        assertEquals(userId, m.group(1));
        String password = m.group(2);

        probe.storeOldFormPasswordHash(userId, password);
        assertTrue(probe.passwordHash(userId).startsWith("pbkdf2-sha256$600000$"), probe.passwordHash(userId));

        Properties p = new Properties();
        p.setProperty("userId", userId);
        p.setProperty("password", password);
        p.setProperty("requestId", issued.requestId());
        p.setProperty("cn", issued.cn());
        try (var out = Files.newOutputStream(handOver(System.getProperty("jboss.server.base.dir")))) {
            p.store(out, "RegistrationPasswordIT, test data only");
        }
    }

    /** Over HTTPS like a user: login, 鍵の取得, Download; the PKCS#12 opens with the mailed password. */
    @Test
    @Order(2)
    @RunAsClient
    void theOldHashStillSignsInAndTheKeyOpensWithTheMailedPassword() throws Exception {
        String database = System.getProperty("arquillian.launch", "wildfly-h2").replace("wildfly-", "");
        Properties p = new Properties();
        Path file = handOver(Path.of(System.getProperty("kagi.it.dir"), database).toString());
        try (var in = Files.newInputStream(file)) {
            p.load(in);
        }
        String password = p.getProperty("password");
        PortalClient portal = new PortalClient("ja");
        PortalClient.Page menu = portal.login(p.getProperty("userId"), password);
        assertTrue(menu.uri().endsWith("/portal/menu.xhtml"), menu.uri());
        PortalClient.Page ready = portal.retrieve(p.getProperty("requestId"), password, password);
        assertEquals(List.of(), ready.errors());
        PortalClient.Page download = portal.download(ready);
        assertEquals("application/x-pkcs12", download.header("Content-Type"));
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        p12.load(new ByteArrayInputStream(download.body()), password.toCharArray());
        assertTrue(p12.isKeyEntry(p.getProperty("cn")), "the key is there under its CN");
        assertTrue(p12.getKey(p.getProperty("cn"), password.toCharArray()) != null);
    }

    /** Inside the server again: the sign-in rewrote the hash in the new form, and it still works. */
    @Test
    @Order(3)
    void theSignInStoredTheNewForm() throws Exception {
        Path file = handOver(System.getProperty("jboss.server.base.dir"));
        Properties p = new Properties();
        try (var in = Files.newInputStream(file)) {
            p.load(in);
        }
        Files.delete(file);
        String userId = p.getProperty("userId");
        String stored = probe.passwordHash(userId);
        assertTrue(stored.startsWith("hmac-sha256$k1$"), "rehashed at the first successful sign-in: "
                + stored.substring(0, Math.min(20, stored.length())));
        assertEquals(4, stored.split("\\$").length);
        assertEquals(userId, accounts.authenticate(userId, p.getProperty("password"), "192.0.2.7").userId());
        assertEquals(stored, probe.passwordHash(userId), "the new form is not rewritten again");
        assertThrows(KagiException.class, () -> accounts.authenticate(userId, "wrong-password", "192.0.2.8"));
    }

    private static Path handOver(String dir) {
        return Path.of(dir, "registration-password-it.properties");
    }
}
