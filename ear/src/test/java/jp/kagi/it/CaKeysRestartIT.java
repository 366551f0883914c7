package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

/**
 * The server wiring of the CA keys (issue 12): started with KAGI_CA_PKCS11_* (as -Dkagi.ca.pkcs11.*) on a SoftHSM2
 * token and an empty data directory, Kagi creates its CA with the issuing key in the token, issues and publishes a
 * CRL signed by it; then the root key is taken offline and, after a restart, Kagi still runs and issues without it.
 * Runs on the restart server (its own data directory; SOFTHSM2_CONF comes from ear/pom.xml's failsafe settings).
 */
@Tag("restart")
@EnabledIfSystemProperty(named = "arquillian.launch", matches = "wildfly-restart")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CaKeysRestartIT {

    private static final String SERVER = "wildfly-restart";
    private static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    private static final String PIN = "4711-kagi-it";
    private static final Duration BOUND = Duration.ofMinutes(3);

    @ArquillianResource
    ContainerController controller;

    @ArquillianResource
    Deployer deployer;

    private final Api api = Api.admin();

    @Deployment(name = "kagi", managed = false, testable = false)
    @TargetsContainer(SERVER)
    static EnterpriseArchive deployment() {
        return KagiDeployment.shipped();
    }

    @Test
    void issuingKeyInTheTokenAndTheRootKeyOfflineAcrossARestart() throws Exception {
        String conf = System.getenv("SOFTHSM2_CONF");
        assumeTrue(Files.exists(LIBRARY) && conf != null, "SoftHSM2 is not installed (.ci/run installs it)");
        String slot = initToken(Path.of(conf));
        Path data = Path.of(System.getProperty("kagi.it.dir"), "cakeys-" + System.nanoTime());
        Path pinFile = Files.createDirectories(data.getParent()).resolve(data.getFileName() + ".pin");
        Files.writeString(pinFile, PIN);
        seedAspTrust(data);
        Map<String, String> config = Map.of("javaVmArguments", System.getProperty("kagi.it.jvm")
                + " -Djboss.server.base.dir=" + System.getProperty("kagi.it.dir") + "/restart"
                + " -Dkagi.smtp.port=" + System.getProperty("kagi.it.smtp.port")
                + " -Dkagi.admin.password=" + Api.ADMIN_PASSWORD + " " + System.getProperty("kagi.it.ocsp", "")
                + " -Dkagi.data.dir=" + data + " -Dkagi.ca.pkcs11.library=" + LIBRARY
                + " -Dkagi.ca.pkcs11.slot=" + slot + " -Dkagi.ca.pkcs11.pin.file=" + pinFile);
        controller.start(SERVER, config);
        try {
            deployer.deploy("kagi");
            KeyStore p12 = keystore(data);
            assertTrue(p12.isCertificateEntry("kagi-issuing"), "the issuing key is in the token, not in the file");
            assertTrue(p12.isKeyEntry("kagi-root"));
            X509Certificate issuing = (X509Certificate) p12.getCertificate("kagi-issuing");

            BigInteger revoked = issueAndRevoke();
            X509CRL crl = Poll.until("a CRL listing the revocation", BOUND, CaKeysRestartIT::crlOrNull,
                    c -> c != null && c.getRevokedCertificate(revoked) != null);
            crl.verify(issuing.getPublicKey());

            Api.Response export = api.post("/api/v1/ca/root-key/offline", "{\"password\":\"offline root password 1\"}");
            assertEquals(200, export.status(), export.body());
            assertFalse(keystore(data).isKeyEntry("kagi-root"));

            controller.stop(SERVER);
            controller.start(SERVER, config);
            Poll.until("the restarted server to answer", BOUND, () -> {
                try {
                    return api.get("/api/v1/ca/root-key").status() == 200;
                } catch (RuntimeException starting) {
                    return false;
                }
            });
            assertFalse(api.get("/api/v1/ca/root-key").json().getBoolean("online"));
            KeyStore after = keystore(data);
            assertTrue(after.isCertificateEntry("kagi-root"));
            assertNull(after.getKey("kagi-root", password(data)));
            BigInteger second = issueAndRevoke();
            X509CRL next = Poll.until("a CRL listing the second revocation", BOUND, CaKeysRestartIT::crlOrNull,
                    c -> c != null && c.getRevokedCertificate(second) != null);
            next.verify(issuing.getPublicKey());
            deployer.undeploy("kagi");
        } finally {
            controller.stop(SERVER);
        }
    }

    private BigInteger issueAndRevoke() {
        String customer = "CA keys " + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, api.post("/api/v1/customers", "{\"name\":\"" + customer
                + "\",\"contactEmail\":\"ca@example.jp\"}").status());
        Api.Response account = api.post("/api/v1/accounts", "{\"customer\":\"" + customer + "\",\"email\":\"keys-"
                + UUID.randomUUID() + "@example.jp\",\"displayName\":\"Keys\",\"language\":\"en\"}");
        assertEquals(201, account.status(), account.body());
        Api.Response issued = api.post("/api/v1/certificates", "{\"userId\":\"" + account.json().getString("userId")
                + "\"}");
        assertEquals(201, issued.status(), issued.body());
        String serial = issued.json().getString("serial");
        Api.Response revoked = api.post("/api/v1/certificates/" + serial + "/revoke", "{\"reason\":\"keyCompromise\"}");
        assertEquals(200, revoked.status(), revoked.body());
        return new BigInteger(serial, 16);
    }

    private static X509CRL crlOrNull() {
        try {
            return CrlIT.crl("/crl/issuing-ca.crl");
        } catch (Exception | AssertionError notYet) {
            return null;
        }
    }

    private static char[] password(Path data) throws java.io.IOException {
        return Files.readString(data.resolve("ca/keystore.password"), StandardCharsets.US_ASCII).strip().toCharArray();
    }

    private static KeyStore keystore(Path data) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(data.resolve("ca/kagi-ca.p12"))) {
            ks.load(in, password(data));
        }
        return ks;
    }

    private static String initToken(Path confFile) throws Exception {
        Path tokens = confFile.resolveSibling("it-tokens-" + System.nanoTime());
        Files.createDirectories(tokens);
        Files.writeString(confFile, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\n"
                + "log.level = ERROR\n");
        Process init = new ProcessBuilder("softhsm2-util", "--init-token", "--free", "--label", "kagi-it",
                "--pin", PIN, "--so-pin", "so-" + PIN).redirectErrorStream(true).start();
        String out = new String(init.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(init.waitFor(60, TimeUnit.SECONDS) && init.exitValue() == 0, out);
        Matcher m = Pattern.compile("slot (\\d+)").matcher(out);
        assertTrue(m.find(), out);
        return m.group(1);
    }

    /** What bin/kagi.sh does before every start: a fresh data directory gets 8444's placeholder trust store and CRL. */
    private static void seedAspTrust(Path data) throws java.io.IOException, InterruptedException {
        String home = System.getProperty("jboss.home");
        Process seed = new ProcessBuilder("bash", home + "/bin/kagi-asp-seed.sh",
                home + "/standalone/configuration/kagi-asp-placeholder.p12", data.toString())
                .redirectErrorStream(true).start();
        String out = new String(seed.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!seed.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || seed.exitValue() != 0) {
            throw new IllegalStateException("kagi-asp-seed.sh failed: " + out);
        }
    }
}
