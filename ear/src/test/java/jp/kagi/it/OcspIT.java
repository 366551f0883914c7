package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The OCSP responder and revocation data on plain HTTP, as relying parties meet them: {@code openssl ocsp}, Java's
 * PKIXRevocationChecker, raw HTTP with every bad input, and the responder certificate renewed by its timer
 * (arquillian.xml: validity PT60S, renewed when less than PT50S remain).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OcspIT {

    static final String HTTP = "http://localhost:" + (8080 + Integer.getInteger("kagi.it.port.offset", 0));
    static final String OCSP = HTTP + "/ocsp";

    private static final HttpClient PLAIN = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static X509Certificate root;
    private static X509Certificate issuing;
    private static Path dir;

    private final Api api = Api.admin();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return KagiDeployment.shipped();
    }

    @BeforeAll
    static void caCertificatesOverPlainHttp() throws Exception {
        root = certificate(get(HTTP + "/crl/root-ca.cer").body());
        issuing = certificate(get(HTTP + "/crl/issuing-ca.cer").body());
        dir = Files.createTempDirectory("kagi-ocsp-it");
        Files.writeString(dir.resolve("issuing.pem"), pem(issuing));
        Files.writeString(dir.resolve("chain.pem"), pem(issuing) + pem(root));
    }

    @AfterAll
    static void removeFiles() throws Exception {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    @Test
    void opensslSeesGoodThenRevokedWithItsReasonAndUnknownForAMadeUpSerial() throws Exception {
        X509Certificate client = issue();
        Path clientPem = dir.resolve("client-" + client.getSerialNumber().toString(16) + ".pem");
        Files.writeString(clientPem, pem(client));

        String good = openssl("ocsp", "-issuer", dir.resolve("issuing.pem").toString(), "-cert", clientPem.toString(),
                "-url", OCSP, "-CAfile", dir.resolve("chain.pem").toString(), "-resp_text");
        assertTrue(good.contains("Response verify OK"), good);
        assertTrue(good.contains(clientPem + ": good"), good);
        assertTrue(good.contains("OCSP Nonce"), "openssl sends a nonce and gets it back: " + good);
        assertTrue(good.contains("Next Update:"), good);

        String serial = jp.kagi.ca.SerialNumbers.hex(client.getSerialNumber()); // as Kagi writes it: even length
        Api.Response revoked = api.post("/api/v1/certificates/" + serial + "/revoke", "{\"reason\":\"keyCompromise\"}");
        assertEquals(200, revoked.status(), revoked.body());
        String after = openssl("ocsp", "-issuer", dir.resolve("issuing.pem").toString(), "-cert", clientPem.toString(),
                "-url", OCSP, "-CAfile", dir.resolve("chain.pem").toString(), "-resp_text");
        assertTrue(after.contains("Response verify OK"), after);
        assertTrue(after.contains(clientPem + ": revoked"), "at once, no wait: " + after);
        assertTrue(after.contains("Reason: keyCompromise"), after);
        assertTrue(after.contains("Revocation Time:"), after);

        String unknown = openssl("ocsp", "-issuer", dir.resolve("issuing.pem").toString(), "-serial",
                "0x0123456789ABCDEF0123456789ABCDEF", "-url", OCSP, "-CAfile", dir.resolve("chain.pem").toString());
        assertTrue(unknown.contains(": unknown"), unknown);
    }

    @Test
    void aThrowawayCaWithTheSameNameIsUnauthorized() throws Exception {
        X509Certificate client = issue();
        Path key = dir.resolve("fake.key");
        Path fake = dir.resolve("fake.pem");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out", fake.toString(),
                "-days", "1", "-subj", "/C=JP/O=Kagi/CN=Kagi Issuing CA");
        assertEquals(issuing.getSubjectX500Principal(), certificate(Files.readAllBytes(fake)).getSubjectX500Principal());
        String out = opensslAnyExit("ocsp", "-issuer", fake.toString(), "-serial", "0x"
                + client.getSerialNumber().toString(16), "-url", OCSP);
        assertTrue(out.contains("Responder Error: unauthorized (6)"), out);
    }

    @Test
    void javasPkixRevocationCheckerInOcspModeAcceptsGoodAndRejectsRevoked() throws Exception {
        X509Certificate good = issue();
        X509Certificate revoked = issue();
        assertEquals(200, api.post("/api/v1/certificates/" + jp.kagi.ca.SerialNumbers.hex(revoked.getSerialNumber())
                + "/revoke", "{\"reason\":\"affiliationChanged\"}").status());
        validate(good);
        CertPathValidatorException e = assertThrows(CertPathValidatorException.class, () -> validate(revoked));
        assertEquals(CertPathValidatorException.BasicReason.REVOKED, e.getReason(), e.toString());
        assertTrue(e.getMessage().contains("AFFILIATION_CHANGED"), e.getMessage());
    }

    @Test
    void newCertificatesNameHttpUrlsThatAnswerWithoutRedirect() throws Exception {
        X509Certificate client = issue();
        String aia = new String(client.getExtensionValue("1.3.6.1.5.5.7.1.1"), StandardCharsets.ISO_8859_1);
        String cdp = new String(client.getExtensionValue("2.5.29.31"), StandardCharsets.ISO_8859_1);
        // KAGI_PUBLIC_HTTP_URL is set for the tests to this run's HTTP port (prepare-it.sh, arquillian.xml).
        String base = "http://127.0.0.1:" + (8080 + Integer.getInteger("kagi.it.port.offset", 0));
        assertTrue(aia.contains(base + "/ocsp") && aia.contains(base + "/crl/issuing-ca.cer"), aia);
        assertTrue(cdp.contains(base + "/crl/issuing-ca.crl"), cdp);

        HttpResponse<byte[]> crl = get(HTTP + "/crl/issuing-ca.crl");
        assertEquals(200, crl.statusCode());
        assertEquals("application/pkix-crl", crl.headers().firstValue("Content-Type").orElse(""));
        var x509crl = (java.security.cert.X509CRL) CertificateFactory.getInstance("X.509")
                .generateCRL(new ByteArrayInputStream(crl.body()));
        x509crl.verify(issuing.getPublicKey());
        long maxAge = maxAge(crl);
        long untilNext = Duration.between(Instant.now(), x509crl.getNextUpdate().toInstant()).getSeconds();
        // Caches keep a CRL until its nextUpdate, and never longer than a minute (CrlServlet.MAX_AGE_SECONDS), so that
        // a revocation published in a re-signed CRL is not hidden behind a cache.
        assertTrue(maxAge >= 0 && maxAge <= Math.min(60, untilNext) + 5, maxAge + " vs " + untilNext);
        assertTrue(crl.headers().firstValue("Expires").isPresent() && crl.headers().firstValue("ETag").isPresent()
                && crl.headers().firstValue("Last-Modified").isPresent(), crl.headers().toString());
        HttpResponse<byte[]> again = PLAIN.send(HttpRequest.newBuilder(URI.create(HTTP + "/crl/issuing-ca.crl"))
                .header("If-None-Match", crl.headers().firstValue("ETag").get()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertTrue(again.statusCode() == 304 || again.statusCode() == 200, "304 while unchanged");

        HttpResponse<byte[]> cer = get(HTTP + "/crl/issuing-ca.cer");
        assertEquals("application/pkix-cert", cer.headers().firstValue("Content-Type").orElse(""));
        for (String path : List.of("/portal/", "/admin/", "/health", "/api/v1/openapi.yaml", "/crlx", "/ocspx")) {
            HttpResponse<byte[]> r = get(HTTP + path);
            assertEquals(302, r.statusCode(), path + " still redirects");
            assertTrue(r.headers().firstValue("Location").orElse("").startsWith("https://"), path);
        }
        // The https URLs of certificates issued before keep answering.
        assertArrayEquals(cer.body(), Api.anonymous("en").bytes("/crl/issuing-ca.cer"));
        CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(
                Api.anonymous("en").bytes("/crl/issuing-ca.crl")));
        OCSPResp overTls = post(Api.client(), Api.BASE + "/ocsp", request(client.getSerialNumber(), null));
        assertEquals(CertificateStatus.GOOD, single(overTls).getCertStatus());
    }

    @Test
    void getAndPostAnswerWithMediaTypesCacheHeadersAndBothHashes() throws Exception {
        X509Certificate client = issue();
        CertificateID sha1 = id(client.getSerialNumber(), CertificateID.HASH_SHA1);
        CertificateID sha256 = id(client.getSerialNumber(), new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256));
        byte[] der = new OCSPReqBuilder().addRequest(sha256).build().getEncoded();
        String path = URLEncoder.encode(Base64.getEncoder().encodeToString(der), StandardCharsets.US_ASCII);
        HttpResponse<byte[]> got = get(OCSP + "/" + path);
        assertEquals(200, got.statusCode());
        assertEquals("application/ocsp-response", got.headers().firstValue("Content-Type").orElse(""));
        OCSPResp resp = new OCSPResp(got.body());
        assertEquals(CertificateStatus.GOOD, single(resp).getCertStatus());
        assertEquals(sha256, single(resp).getCertID(), "the SHA-256 CertID comes back as asked");
        var next = single(resp).getNextUpdate().toInstant();
        assertTrue(maxAge(got) > 0 && maxAge(got) <= Duration.between(Instant.now(), next).getSeconds() + 2,
                got.headers().toString());
        assertTrue(got.headers().firstValue("ETag").isPresent() && got.headers().firstValue("Expires").isPresent());

        OCSPResp posted = post(PLAIN, OCSP, new OCSPReqBuilder().addRequest(sha1).addRequest(sha256).build().getEncoded());
        BasicOCSPResp basic = (BasicOCSPResp) posted.getResponseObject();
        assertEquals(2, basic.getResponses().length);
        assertEquals(sha1, basic.getResponses()[0].getCertID());
        verifySignature(basic);

        byte[] nonce = new byte[32];
        new java.security.SecureRandom().nextBytes(nonce);
        OCSPResp withNonce = post(PLAIN, OCSP, request(client.getSerialNumber(), nonce));
        Extension echoed = ((BasicOCSPResp) withNonce.getResponseObject())
                .getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        assertArrayEquals(new DEROctetString(nonce).getEncoded(), echoed.getExtnValue().getOctets());
    }

    @Test
    void everyBadInputGetsItsOcspOrHttpStatusAndNothingElse() throws Exception {
        X509Certificate client = issue();
        byte[] good = request(client.getSerialNumber(), null);
        assertEquals(1, postStatus(new byte[0]), "empty body: malformedRequest");
        assertEquals(1, postStatus(java.util.Arrays.copyOf(good, good.length - 5)), "truncated DER");
        assertEquals(1, postStatus("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)), "garbage");
        assertEquals(1, postStatus(request(client.getSerialNumber(), new byte[33])), "33-octet nonce (RFC 8954)");

        OCSPReqBuilder thousand = new OCSPReqBuilder();
        OCSPReqBuilder hundred = new OCSPReqBuilder();
        for (int i = 0; i < 1000; i++) {
            CertificateID id = id(BigInteger.valueOf(1_000_000L + i), CertificateID.HASH_SHA1);
            thousand.addRequest(id);
            if (i < 100) {
                hundred.addRequest(id);
            }
        }
        assertEquals(1, postStatus(thousand.build().getEncoded()), "1,000 serials: over the limit of 100");
        OCSPResp hundredAnswers = post(PLAIN, OCSP, hundred.build().getEncoded());
        BasicOCSPResp basic = (BasicOCSPResp) hundredAnswers.getResponseObject();
        assertEquals(100, basic.getResponses().length);
        for (var one : basic.getResponses()) {
            assertTrue(one.getCertStatus() instanceof UnknownStatus, "never good for a serial Kagi did not issue");
        }

        CertificateID real = id(client.getSerialNumber(), CertificateID.HASH_SHA1);
        CertID md5 = new CertID(new AlgorithmIdentifier(PKCSObjectIdentifiers.md5),
                new DEROctetString(new byte[16]), new DEROctetString(new byte[16]), new ASN1Integer(client.getSerialNumber()));
        assertEquals(1, postStatus(new OCSPReqBuilder().addRequest(new CertificateID(md5)).build().getEncoded()),
                "unknown hash algorithm");
        CertID otherKey = new CertID(real.toASN1Primitive().getHashAlgorithm(), new DEROctetString(real.getIssuerNameHash()),
                new DEROctetString(new byte[20]), new ASN1Integer(client.getSerialNumber()));
        assertEquals(6, postStatus(new OCSPReqBuilder().addRequest(new CertificateID(otherKey)).build().getEncoded()),
                "same issuer name, another key: unauthorized");

        HttpResponse<byte[]> wrongType = PLAIN.send(HttpRequest.newBuilder(URI.create(OCSP))
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(good))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(415, wrongType.statusCode());
        HttpResponse<byte[]> huge = PLAIN.send(HttpRequest.newBuilder(URI.create(OCSP))
                .header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[300 * 1024])).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(413, huge.statusCode());
        assertEquals(414, get(OCSP + "/" + "A".repeat(5000)).statusCode(), "huge GET path");
        HttpResponse<byte[]> garbageGet = get(OCSP + "/not*base64");
        assertEquals(200, garbageGet.statusCode());
        assertEquals(1, new OCSPResp(garbageGet.body()).getStatus());
        assertEquals(1, new OCSPResp(get(OCSP).body()).getStatus(), "GET without a request");
        HttpResponse<byte[]> error = post(OCSP, new byte[0]);
        assertEquals("no-store", error.headers().firstValue("Cache-Control").orElse(""), "errors are not cached");
    }

    @Test
    void theResponderCertificateIsRenewedByItsTimerAndAnswersStayVerifiable() throws Exception {
        X509Certificate client = issue();
        X509Certificate first = responderOf(post(PLAIN, OCSP, request(client.getSerialNumber(), new byte[8])));
        assertTrue(first.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.9"), "id-kp-OCSPSigning");
        assertTrue(first.getExtensionValue("1.3.6.1.5.5.7.48.1.5") != null, "id-pkix-ocsp-nocheck");
        first.verify(issuing.getPublicKey());
        Duration validity = Duration.between(first.getNotBefore().toInstant(), first.getNotAfter().toInstant());
        assertEquals(Duration.ofSeconds(60), validity, "arquillian.xml: kagi.ocsp.responder.validity=PT60S");

        // Renewed once less than 50 s remain, i.e. ~10 s after issuance; checked every 5 s. Poll, bounded.
        X509Certificate next = Poll.until("a renewed responder certificate", Duration.ofSeconds(90), () -> {
            try {
                return responderOf(post(PLAIN, OCSP, request(client.getSerialNumber(), new byte[8])));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, c -> !c.getSerialNumber().equals(first.getSerialNumber()));
        assertNotEquals(first.getSerialNumber(), next.getSerialNumber(), "renewed within 90 s");
        assertTrue(next.getNotAfter().after(first.getNotAfter()));
        assertTrue(first.getNotAfter().toInstant().isAfter(Instant.now()), "renewed before the old one expired");
        next.verify(issuing.getPublicKey());
        assertFalse(next.getPublicKey().equals(first.getPublicKey()), "a new key");
        validate(client);
    }

    // ---------------------------------------------------------------------------------------------------------

    private X509Certificate issue() throws Exception {
        String customer = "OCSP " + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, api.post("/api/v1/customers", "{\"name\":\"" + customer
                + "\",\"contactEmail\":\"ca@example.jp\"}").status());
        Api.Response account = api.post("/api/v1/accounts", "{\"customer\":\"" + customer + "\",\"email\":\"ocsp-"
                + UUID.randomUUID() + "@example.jp\",\"displayName\":\"OCSP\",\"language\":\"en\"}");
        assertEquals(201, account.status(), account.body());
        Api.Response issued = api.post("/api/v1/certificates", "{\"userId\":\"" + account.json().getString("userId")
                + "\"}");
        assertEquals(201, issued.status(), issued.body());
        Api.Response pem = api.get("/api/v1/certificates/" + issued.json().getString("serial") + "/pem");
        assertEquals(200, pem.status(), pem.body());
        return certificate(pem.body().getBytes(StandardCharsets.US_ASCII));
    }

    private static void validate(X509Certificate client) throws Exception {
        CertPathValidator validator = CertPathValidator.getInstance("PKIX");
        PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
        checker.setOptions(EnumSet.of(PKIXRevocationChecker.Option.NO_FALLBACK,
                PKIXRevocationChecker.Option.ONLY_END_ENTITY));
        // The certificate names this server's /ocsp already; naming it again keeps the check off any other URL.
        checker.setOcspResponder(URI.create(OCSP));
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(List.of(issuing))));
        params.addCertPathChecker(checker);
        params.setRevocationEnabled(true);
        validator.validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(client, issuing)), params);
    }

    private static CertificateID id(BigInteger serial, AlgorithmIdentifier hash) throws Exception {
        return new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(hash),
                new JcaX509CertificateHolder(issuing), serial);
    }

    private static byte[] request(BigInteger serial, byte[] nonce) throws Exception {
        OCSPReqBuilder b = new OCSPReqBuilder().addRequest(id(serial, CertificateID.HASH_SHA1));
        if (nonce != null) {
            b.setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                    new DEROctetString(nonce).getEncoded())));
        }
        return b.build().getEncoded();
    }

    private static org.bouncycastle.cert.ocsp.SingleResp single(OCSPResp resp) throws Exception {
        assertEquals(0, resp.getStatus());
        BasicOCSPResp basic = (BasicOCSPResp) resp.getResponseObject();
        verifySignature(basic);
        return basic.getResponses()[0];
    }

    private static void verifySignature(BasicOCSPResp basic) throws Exception {
        X509CertificateHolder signer = basic.getCerts()[0];
        assertTrue(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(signer)));
        new JcaX509CertificateConverter().getCertificate(signer).verify(issuing.getPublicKey());
    }

    private static X509Certificate responderOf(OCSPResp resp) throws Exception {
        assertEquals(0, resp.getStatus());
        BasicOCSPResp basic = (BasicOCSPResp) resp.getResponseObject();
        verifySignature(basic);
        return new JcaX509CertificateConverter().getCertificate(basic.getCerts()[0]);
    }

    private static int postStatus(byte[] body) throws Exception {
        HttpResponse<byte[]> r = post(OCSP, body);
        assertEquals(200, r.statusCode());
        assertEquals("application/ocsp-response", r.headers().firstValue("Content-Type").orElse(""));
        OCSPResp resp = new OCSPResp(r.body());
        assertNull(resp.getResponseObject(), "an error status carries nothing else");
        return resp.getStatus();
    }

    private static HttpResponse<byte[]> post(String url, byte[] body) throws Exception {
        return PLAIN.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static OCSPResp post(HttpClient client, String url, byte[] body) throws Exception {
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/ocsp-request").POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""), "POST answers are not cached");
        return new OCSPResp(r.body());
    }

    private static HttpResponse<byte[]> get(String url) throws Exception {
        return PLAIN.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static long maxAge(HttpResponse<?> r) {
        String cc = r.headers().firstValue("Cache-Control").orElse("");
        var m = java.util.regex.Pattern.compile("max-age=(\\d+)").matcher(cc);
        assertTrue(m.find(), cc);
        return Long.parseLong(m.group(1));
    }

    static X509Certificate certificate(byte[] bytes) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(bytes));
    }

    static String pem(X509Certificate cert) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(cert.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    private static String openssl(String... args) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl not installed");
        String[] command = new String[args.length + 1];
        command[0] = "openssl";
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", command) + "\n" + out);
        return out;
    }

    private static String opensslAnyExit(String... args) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl not installed");
        String[] command = new String[args.length + 1];
        command[0] = "openssl";
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return out;
    }
}
