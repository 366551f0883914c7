package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.cert.X509CRL;
import java.time.Duration;
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

/**
 * The CRL across real restarts (issue 10): after kill -9 and after a clean stop, the first answer of the started
 * server is the last CRL signed before (kept in the database, served at once, never a lower number nor a 404), and
 * the next revocation is published under a higher CRL number than any before the restart. Runs on the server of its
 * own (container "wildfly-restart", started here), like the other restart tests.
 */
@Tag("restart")
@EnabledIfSystemProperty(named = "arquillian.launch", matches = "wildfly-restart")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CrlRestartIT {

    private static final String SERVER = "wildfly-restart";
    private static final String FULL = "/crl/issuing-ca.crl";
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
    void theCrlNumberOnlyGrowsAndTheLastCrlIsServedAtOnceAfterKillNineAndAfterAStop() throws Exception {
        controller.start(SERVER);
        try {
            deployer.deploy("kagi");
            BigInteger first = issueAndRevoke();
            X509CRL before = await(c -> listed(c, first));

            KillNine.server(controller, SERVER);
            controller.start(SERVER);
            X509CRL afterKill = firstAnswer();
            assertTrue(CrlIT.number(afterKill) >= CrlIT.number(before),
                    "the started server serves the CRL it had, not an older one: " + CrlIT.number(afterKill)
                            + " < " + CrlIT.number(before));
            assertTrue(listed(afterKill, first), "the stored CRL still lists the revocation");

            BigInteger second = issueAndRevoke();
            X509CRL next = await(c -> listed(c, second));
            assertTrue(CrlIT.number(next) > CrlIT.number(afterKill), "numbering goes on after kill -9");
            assertTrue(listed(next, first));

            controller.stop(SERVER);
            controller.start(SERVER);
            X509CRL afterStop = firstAnswer();
            assertTrue(CrlIT.number(afterStop) >= CrlIT.number(next), "and after a clean stop");
            BigInteger third = issueAndRevoke();
            X509CRL last = await(c -> listed(c, third));
            assertTrue(CrlIT.number(last) > CrlIT.number(afterStop));
            assertEquals(3, last.getRevokedCertificates().stream()
                    .filter(e -> e.getSerialNumber().equals(first) || e.getSerialNumber().equals(second)
                            || e.getSerialNumber().equals(third)).count());
            deployer.undeploy("kagi");
        } finally {
            controller.stop(SERVER);
        }
    }

    private BigInteger issueAndRevoke() {
        String customer = "CRL restart " + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, api.post("/api/v1/customers", "{\"name\":\"" + customer
                + "\",\"contactEmail\":\"ca@example.jp\"}").status());
        Api.Response account = api.post("/api/v1/accounts", "{\"customer\":\"" + customer + "\",\"email\":\"crl-"
                + UUID.randomUUID() + "@example.jp\",\"displayName\":\"CRL\",\"language\":\"en\"}");
        assertEquals(201, account.status(), account.body());
        String serial = api.post("/api/v1/certificates", "{\"userId\":\"" + account.json().getString("userId")
                + "\"}").json().getString("serial");
        Api.Response revoked = api.post("/api/v1/certificates/" + serial + "/revoke", "{\"reason\":\"keyCompromise\"}");
        assertEquals(200, revoked.status(), revoked.body());
        return new BigInteger(serial, 16);
    }

    private static boolean listed(X509CRL crl, BigInteger serial) {
        return crl.getRevokedCertificate(serial) != null;
    }

    /** The first CRL the starting server answers with: connection refused and 5xx while it starts are retried. */
    private static X509CRL firstAnswer() {
        X509CRL crl = Poll.until("the started server to answer " + FULL, BOUND, CrlRestartIT::fetchOrNull,
                c -> c != null);
        assertNotNull(crl);
        return crl;
    }

    private static X509CRL await(Predicate<X509CRL> ok) {
        return Poll.until(FULL + " listing the revocation", BOUND, CrlRestartIT::fetchOrNull, c -> c != null && ok.test(c));
    }

    private static X509CRL fetchOrNull() {
        try {
            return CrlIT.crl(FULL);
        } catch (Exception | AssertionError starting) {
            return null; // not up yet (refused, 404 before deployment, 503)
        }
    }
}
