package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import jakarta.json.JsonObject;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The CRLs as a relying party sees them (issue 10): the full CRL and the delta parse with {@code openssl crl}; a
 * revocation through the REST API shows in the delta and then in the full CRL; the CRL number only grows; the timers
 * re-sign before nextUpdate (the test server runs them in seconds, {@code kagi.it.crl} in ear/pom.xml); and Java's
 * PKIX validator, checking CRLs only, rejects a revoked certificate and accepts a good one. Polls with a bound, never
 * sleeps for a fixed time.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CrlIT {

    private static final String FULL = "/crl/issuing-ca.crl";
    private static final String DELTA = "/crl/issuing-ca-delta.crl";
    private static final long BOUND_MS = 30_000;

    private final Api api = Api.admin();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return KagiDeployment.shipped();
    }

    @Test
    void theFullCrlAndTheDeltaParseWithOpenssl() throws Exception {
        X509CRL full = crl(FULL);
        X509CRL delta = crl(DELTA);
        String fullText = openssl(Api.anonymous("en").bytes(FULL));
        String deltaText = openssl(Api.anonymous("en").bytes(DELTA));
        assertTrue(fullText.contains("X509v3 CRL Number"), fullText);
        assertTrue(fullText.contains("Freshest CRL") && fullText.contains("/crl/issuing-ca-delta.crl"), fullText);
        assertFalse(fullText.contains("Delta CRL Indicator"), fullText);
        assertTrue(deltaText.contains("X509v3 Delta CRL Indicator: critical"), deltaText);
        assertTrue(deltaText.contains("X509v3 Authority Key Identifier"), deltaText);
        assertTrue(number(delta) > baseNumber(delta) - 1 && baseNumber(delta) <= number(full) + 1,
                "the delta names a full CRL as its base");
        X509Certificate issuing = issuing();
        full.verify(issuing.getPublicKey());
        delta.verify(issuing.getPublicKey());
    }

    @Test
    void aRevocationShowsInTheDeltaThenInTheFullCrlWithAGrowingNumber() throws Exception {
        String serial = issue();
        X509Certificate cert = certificate(serial);
        String freshest = new String(cert.getExtensionValue(Extension.freshestCRL.getId()), StandardCharsets.ISO_8859_1);
        assertTrue(freshest.contains(DELTA), "new certificates name the delta CRL as their Freshest CRL");

        X509CRL before = crl(FULL);
        assertNull(before.getRevokedCertificate(new BigInteger(serial, 16)));
        revoke(serial, "keyCompromise");

        X509CRL delta = await(DELTA, c -> c.getRevokedCertificate(new BigInteger(serial, 16)) != null);
        assertTrue(number(delta) > number(before), "the delta is newer than the full CRL read before the revocation");
        assertTrue(baseNumber(delta) >= number(before), "its base is that full CRL or a later one");
        assertEquals(java.security.cert.CRLReason.KEY_COMPROMISE,
                delta.getRevokedCertificate(new BigInteger(serial, 16)).getRevocationReason());
        String deltaText = openssl(delta.getEncoded());
        assertTrue(deltaText.contains("Serial Number: " + serial), "openssl lists the serial in the delta: " + deltaText);

        X509CRL after = await(FULL, c -> c.getRevokedCertificate(new BigInteger(serial, 16)) != null);
        assertTrue(number(after) > number(before), "the full CRL was re-signed with a higher number");
        assertTrue(openssl(after.getEncoded()).contains("Serial Number: " + serial));
    }

    @Test
    void theTimersReSignBeforeNextUpdateAndTheNumberOnlyGrows() throws Exception {
        X509CRL first = crl(FULL);
        // A later second, not only a higher number: a revocation elsewhere can re-sign twice within one second, and
        // CRL times have seconds only.
        X509CRL next = await(FULL, c -> number(c) > number(first) && c.getThisUpdate().after(first.getThisUpdate()));
        assertTrue(next.getThisUpdate().before(first.getNextUpdate()), "re-signed before the old one's nextUpdate");
        assertTrue(next.getNextUpdate().after(first.getNextUpdate()));
        X509CRL third = await(FULL, c -> number(c) > number(next));
        assertTrue(number(third) > number(next));

        X509CRL delta = crl(DELTA);
        X509CRL nextDelta = await(DELTA, c -> number(c) > number(delta));
        assertTrue(nextDelta.getThisUpdate().before(delta.getNextUpdate()));
        assertTrue(nextDelta.getNextUpdate().after(new java.util.Date()), "never served expired");
    }

    @Test
    void javasPkixValidatorCheckingCrlsOnlyRejectsARevokedCertificateAndAcceptsAGoodOne() throws Exception {
        String good = issue();
        String bad = issue();
        revoke(bad, "affiliationChanged");
        X509CRL crl = await(FULL, c -> c.getRevokedCertificate(new BigInteger(bad, 16)) != null);

        validate(certificate(good), crl);
        CertPathValidatorException e = assertThrows(CertPathValidatorException.class,
                () -> validate(certificate(bad), crl));
        assertEquals(CertPathValidatorException.BasicReason.REVOKED, e.getReason(), e.toString());
    }

    private void validate(X509Certificate cert, X509CRL crl) throws Exception {
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        CertPathValidator validator = CertPathValidator.getInstance("PKIX");
        PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
        checker.setOptions(EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS,
                PKIXRevocationChecker.Option.NO_FALLBACK, PKIXRevocationChecker.Option.ONLY_END_ENTITY));
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(issuing(), null)));
        params.addCertPathChecker(checker);
        params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(List.of(crl))));
        validator.validate(x509.generateCertPath(List.of(cert)), params);
    }

    private String issue() {
        String customer = "CRL " + UUID.randomUUID().toString().substring(0, 8);
        Api.Response c = api.post("/api/v1/customers", "{\"name\":\"" + customer + "\",\"contactEmail\":\"ca@example.jp\"}");
        assertEquals(201, c.status(), c.body());
        Api.Response a = api.post("/api/v1/accounts", "{\"customer\":\"" + customer + "\",\"email\":\"crl-"
                + UUID.randomUUID() + "@example.jp\",\"displayName\":\"CRL\",\"language\":\"en\"}");
        assertEquals(201, a.status(), a.body());
        JsonObject issued = api.post("/api/v1/certificates", "{\"userId\":\"" + a.json().getString("userId") + "\"}")
                .json();
        return issued.getString("serial");
    }

    private void revoke(String serial, String reason) {
        Api.Response r = api.post("/api/v1/certificates/" + serial + "/revoke", "{\"reason\":\"" + reason + "\"}");
        assertEquals(200, r.status(), r.body());
    }

    private X509Certificate certificate(String serial) throws Exception {
        Api.Response pem = api.get("/api/v1/certificates/" + serial + "/pem");
        assertEquals(200, pem.status(), pem.body());
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(pem.body().getBytes(StandardCharsets.US_ASCII)));
    }

    private static X509Certificate issuing() throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(Api.anonymous("en").bytes("/crl/issuing-ca.cer")));
    }

    static X509CRL crl(String path) throws Exception {
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(
                new ByteArrayInputStream(Api.anonymous("en").bytes(path)));
    }

    /** Fetches the CRL until it satisfies {@code ok}, for at most {@link #BOUND_MS}. */
    private static X509CRL await(String path, Predicate<X509CRL> ok) {
        return Poll.until(path + " changing as expected", java.time.Duration.ofMillis(BOUND_MS), () -> {
            try {
                return crl(path);
            } catch (Exception e) {
                throw new AssertionError(path + " is not a CRL", e);
            }
        }, ok);
    }

    static long number(X509CRL crl) {
        return extensionInteger(crl, Extension.cRLNumber.getId());
    }

    static long baseNumber(X509CRL crl) {
        return extensionInteger(crl, Extension.deltaCRLIndicator.getId());
    }

    private static long extensionInteger(X509CRL crl, String oid) {
        byte[] value = crl.getExtensionValue(oid);
        assertNotNull(value, oid + " present");
        return ASN1Integer.getInstance(ASN1OctetString.getInstance(value).getOctets()).getValue().longValueExact();
    }

    static String openssl(byte[] der) throws Exception {
        Path file = Files.createTempFile("kagi-crl-", ".der");
        try {
            Files.write(file, der);
            Process p = new ProcessBuilder("openssl", "crl", "-inform", "DER", "-text", "-noout", "-in", file.toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "openssl finished");
            assertEquals(0, p.exitValue(), out);
            return out;
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
