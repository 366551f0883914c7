package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import jp.kagi.asp.AspRefusals;
import jp.kagi.asp.RefusalReason;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The refusals of the 8444 listener that need no Kagi-issued key: no certificate, TLS 1.1 only, and certificates
 * Kagi never issues, made inside the server with the issuing CA's key (AspCertProbe) and presented by Java's
 * HttpClient. Then, inside the server, each refusal is found counted under its reason (and logged once, in
 * server.log under jp.kagi.asp.refused). Kagi-issued certificates, revocation and the page: AspListenerIT.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AspOddCertificatesIT {

    static final String ODD_SUBJECT = "C=JP,OU=ASP IT,CN=dsca99999";

    @Inject
    AspCertProbe probe;

    @Inject
    AspRefusals refusals;

    @Deployment
    static EnterpriseArchive deployment() {
        return KagiDeployment.withTestClasses(AspOddCertificatesIT.class, AspCertProbe.class, AspCertProbe.Odd.class,
                KagiDeployment.class, TlsClient.class, TlsClient.Keys.class, TlsClient.Outcome.class);
    }

    /** Inside the server: one PKCS#12 per odd certificate, handed to the client-side test as files. */
    @Test
    @Order(1)
    void theOddCertificatesAreMadeInsideTheServer() throws Exception {
        Path dir = Path.of(System.getProperty("jboss.server.base.dir"), "asp-it");
        Files.createDirectories(dir);
        for (AspCertProbe.Odd odd : AspCertProbe.Odd.values()) {
            Files.write(dir.resolve(odd + ".p12"), probe.craft(odd, ODD_SUBJECT));
        }
    }

    @Test
    @Order(2)
    @RunAsClient
    void noCertificateIsRefusedByTheHandshake() throws Exception {
        TlsClient.Outcome java = TlsClient.get(null, TlsClient.ASP + "/asp/", "en");
        assertTrue(java.refusedByTls(), java.toString());
        String out = TlsClient.openssl(null, "-connect", "127.0.0.1:" + (8444 + TlsClient.OFFSET), "-servername",
                "localhost");
        assertFalse(out.contains("HTTP/1.1 200"), out);
        assertTrue(out.contains("alert"), out);
    }

    @Test
    @Order(3)
    @RunAsClient
    void aClientOfferingOnlyTls11IsRefused() throws Exception {
        String out = TlsClient.run(true, "openssl", "s_client", "-connect", "127.0.0.1:" + (8444 + TlsClient.OFFSET),
                "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0");
        assertTrue(out.contains("alert protocol version"), "the server answered protocol_version: " + out);
        assertFalse(out.contains("TLSv1.1, Cipher is TLS") || out.contains("TLSv1.1, Cipher is ECDHE"), out);
    }

    @Test
    @Order(4)
    @RunAsClient
    void eachOddCertificateIsRefused() throws Exception {
        String database = System.getProperty("arquillian.launch", "wildfly-h2").replace("wildfly-", "");
        Path dir = Path.of(System.getProperty("kagi.it.dir"), database, "asp-it");
        for (AspCertProbe.Odd odd : AspCertProbe.Odd.values()) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(new ByteArrayInputStream(Files.readAllBytes(dir.resolve(odd + ".p12"))),
                    AspCertProbe.PASSWORD.toCharArray());
            TlsClient.Outcome o = TlsClient.get(new TlsClient.Keys(ks, "client", AspCertProbe.PASSWORD),
                    TlsClient.ASP + "/asp/", "en");
            if (odd == AspCertProbe.Odd.CA_TRUE) {
                // PKIX refuses it here only because Kagi's issuing CA has pathLenConstraint 0; under a CA without
                // one, the ASP module's own check (AspGate) refuses it with 403 before the page.
                assertTrue(o.refusedByTls() || o.status() == 403 && o.body().contains("CA certificate"), odd + ": " + o);
            } else {
                assertTrue(o.refusedByTls(), odd + " must not complete the handshake: " + o);
            }
        }
    }

    /** Inside the server again: every refusal above was counted under its reason. */
    @Test
    @Order(5)
    void eachRefusalWasCountedUnderItsReason() {
        Map<RefusalReason, Long> counts = refusals.counts();
        for (RefusalReason r : List.of(RefusalReason.NO_CERTIFICATE, RefusalReason.OLD_PROTOCOL, RefusalReason.EXPIRED,
                RefusalReason.NOT_YET_VALID, RefusalReason.NOT_FOR_CLIENT_AUTH, RefusalReason.CA_CERTIFICATE,
                RefusalReason.BAD_SIGNATURE)) {
            assertTrue(counts.get(r) > 0, r + " counted: " + counts);
        }
    }
}
