package jp.kagi.ca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.kagi.revocation.CrlEncoder;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issuing key in a SoftHSM2 token, through the code paths the server uses (CaFactory, CaKeyStore, CertificateSigning,
 * the CRL signer): it is generated in the token, is not extractable, is not in the keystore file, and signs client
 * certificates, the OCSP responder's certificate and CRLs that verify under the issuing certificate.
 * SOFTHSM2_CONF is set by ejb/pom.xml (surefire) to target/softhsm2/softhsm2.conf, written here before first use.
 */
class Pkcs11CaTest {

    static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    static final String PIN = "4711-kagi";
    static String slot;

    @TempDir
    Path data;

    @BeforeAll
    static void initToken() throws IOException, InterruptedException {
        String conf = System.getenv("SOFTHSM2_CONF");
        assumeTrue(Files.exists(LIBRARY) && conf != null, "SoftHSM2 is not installed (.ci/run installs it)");
        Path confFile = Path.of(conf);
        Path tokens = confFile.resolveSibling("tokens-" + System.nanoTime());
        Files.createDirectories(tokens);
        Files.writeString(confFile, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\n"
                + "log.level = ERROR\n");
        Process init = new ProcessBuilder("softhsm2-util", "--init-token", "--free", "--label", "kagi-test",
                "--pin", PIN, "--so-pin", "so-" + PIN).redirectErrorStream(true).start();
        String out = new String(init.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(init.waitFor(60, TimeUnit.SECONDS) && init.exitValue() == 0, out);
        Matcher m = Pattern.compile("slot (\\d+)").matcher(out);
        assertTrue(m.find(), out);
        slot = m.group(1);
    }

    private static Pkcs11Token token() {
        return new Pkcs11Token(LIBRARY.toString(), Optional.of(slot), Optional.empty(), PIN.toCharArray());
    }

    @Test
    void issuingKeyLivesInTheTokenAndSignsCertificatesAndCrls() throws Exception {
        SecureRandom random = new SecureRandom();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        CaKeyStore created = CaKeyStore.open(data, Optional.of("store-pass"), random, Optional.of(token()));
        CaMaterial made = CaFactory.create(new CaFactory.CaNames("Kagi", "Test Root", "Test Issuing"), now, random,
                Optional.of(token()));
        created.save(made);

        // A later start: the same settings find the key in the token again.
        CaMaterial ca = CaKeyStore.open(data, Optional.of("store-pass"), random, Optional.of(token())).load();
        assertEquals(made.issuing(), ca.issuing());
        assertNotNull(ca.rootKey());
        assertNull(ca.issuingKey().getEncoded(), "the token must not hand out the key's bytes");
        String description = ca.issuingKey().toString();
        assertTrue(description.contains("token object") && description.contains("sensitive")
                && description.contains("unextractable"), description);
        assertTrue(ca.issuingKey().getClass().getName().startsWith("sun.security.pkcs11."), description);

        // The keystore file holds the issuing certificate but no issuing key.
        KeyStore file = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(created.file())) {
            file.load(in, "store-pass".toCharArray());
        }
        assertTrue(file.isCertificateEntry(CaKeyStore.ISSUING));
        assertFalse(file.isKeyEntry(CaKeyStore.ISSUING));
        assertNull(file.getKey(CaKeyStore.ISSUING, "store-pass".toCharArray()));

        // Without the PKCS#11 settings the CA refuses to start instead of running without its key.
        CaKeyStore noToken = CaKeyStore.open(data, Optional.of("store-pass"), random);
        IllegalStateException missing = assertThrows(IllegalStateException.class, noToken::load);
        assertTrue(missing.getMessage().contains("PKCS#11"), missing.getMessage());

        // A client certificate, signed by the token, passes the profile check.
        KeyPair subject = KeyType.EC_P256.generate(random);
        ClientProfile profile = new ClientProfile("Customer", new CommonName("dsca", 7), now,
                now.plus(400, ChronoUnit.DAYS), KeyType.EC_P256, "http://kagi.test/crl/issuing-ca.crl",
                "http://kagi.test/ocsp", "http://kagi.test/crl/issuing-ca.cer",
                "http://kagi.test/crl/issuing-ca-delta.crl");
        X509Certificate client = CertificateSigning.signClient(profile, subject.getPublic(),
                SerialNumbers.next(random), ca.issuing(), ca.issuingKey());
        assertEquals(java.util.List.of(), ProfileCheck.violations(client, profile, ca.issuing()));
        client.verify(ca.issuing().getPublicKey());

        // The OCSP responder's certificate, signed by the token.
        KeyPair responder = KeyType.RSA_2048.generate(random);
        X509Certificate ocsp = CertificateSigning.signOcspResponder(CertificateSigning.caSubject("Kagi", "OCSP"),
                responder.getPublic(), SerialNumbers.next(random), now, now.plus(7, ChronoUnit.DAYS), ca.issuing(),
                ca.issuingKey());
        ocsp.verify(ca.issuing().getPublicKey());

        // A CRL through the same signer and encoder as CrlPublisher.
        CrlSigner signer = CertificateSigning.crlSigner(ca.issuing(), ca.issuingKey());
        CrlEncoder encoder = new CrlEncoder(data.resolve("work"));
        encoder.add(client.getSerialNumber().toString(16).toUpperCase(), now, 1);
        byte[] extensions = new Extensions(new Extension[] {new Extension(Extension.authorityKeyIdentifier, false,
                new AuthorityKeyIdentifier(signer.authorityKeyId()).getEncoded(ASN1Encoding.DER))})
                .getEncoded(ASN1Encoding.DER);
        Path crlFile = data.resolve("test.crl");
        encoder.sign(signer.algorithmIdentifier(), signer.issuerName(), now, now.plus(1, ChronoUnit.DAYS), extensions,
                signer.signature(), crlFile);
        X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509")
                .generateCRL(new ByteArrayInputStream(Files.readAllBytes(crlFile)));
        crl.verify(ca.issuing().getPublicKey());
        assertTrue(crl.isRevoked(client));
        assertArrayEquals(ca.issuing().getSubjectX500Principal().getEncoded(),
                crl.getIssuerX500Principal().getEncoded());
        assertEquals(BigInteger.ONE.signum(), client.getSerialNumber().signum());
    }
}
