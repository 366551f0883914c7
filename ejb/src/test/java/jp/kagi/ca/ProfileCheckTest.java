package jp.kagi.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The profile check is the last gate before a certificate is stored or sent: it must catch each way to be wrong. */
class ProfileCheckTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static CaMaterial ca;

    @BeforeAll
    static void createCa() {
        ca = CaFactory.create(new CaFactory.CaNames("Kagi", "Kagi Root CA", "Kagi Issuing CA"), NOW, RANDOM);
    }

    private static ClientProfile profile(String ou, KeyType type) {
        return new ClientProfile(ou, new CommonName("dsca", 42), NOW, NOW.plus(395, ChronoUnit.DAYS), type,
                "https://kagi.example/crl/issuing-ca.crl", "https://kagi.example/ocsp",
                "https://kagi.example/crl/issuing-ca.cer", "https://kagi.example/crl/issuing-ca-delta.crl");
    }

    private static X509Certificate sign(ClientProfile p, KeyPair keys) {
        return CertificateSigning.signClient(p, keys.getPublic(), SerialNumbers.next(RANDOM), ca.issuing(), ca.issuingKey());
    }

    @Test
    void rsaAndEcCertificatesBuiltByKagiPass() {
        for (KeyType type : KeyType.values()) {
            ClientProfile p = profile("株式会社電算システム", type);
            X509Certificate cert = sign(p, type.generate(RANDOM));
            assertEquals(List.of(), ProfileCheck.violations(cert, p, ca.issuing()), type.name());
        }
    }

    @Test
    void plainHttpRevocationUrlsPassAndMustMatchExactly() {
        ClientProfile http = new ClientProfile("Example", new CommonName("dsca", 43), NOW, NOW.plus(395, ChronoUnit.DAYS),
                KeyType.EC_P256, "http://kagi.example:8080/crl/issuing-ca.crl", "http://kagi.example:8080/ocsp",
                "http://kagi.example:8080/crl/issuing-ca.cer", "http://kagi.example:8080/crl/issuing-ca-delta.crl");
        X509Certificate cert = sign(http, KeyType.EC_P256.generate(RANDOM));
        assertEquals(List.of(), ProfileCheck.violations(cert, http, ca.issuing()));
        assertHas(ProfileCheck.violations(cert, profile("Example", KeyType.EC_P256), ca.issuing()), "CRL distribution point");
        ClientProfile longer = new ClientProfile("Example", new CommonName("dsca", 43), NOW,
                NOW.plus(395, ChronoUnit.DAYS), KeyType.EC_P256, "http://kagi.example:8080/crl/issuing-ca", http.ocspUrl(),
                http.caIssuersUrl(), http.freshestCrlUrl());
        assertHas(ProfileCheck.violations(cert, longer, ca.issuing()), "CRL distribution point");
    }

    @Test
    void theSubjectIsCountryThenOuThenCnAndAJapaneseOuSurvives() throws Exception {
        ClientProfile p = profile("電算システム", KeyType.EC_P256);
        X509Certificate cert = sign(p, KeyType.EC_P256.generate(RANDOM));
        assertEquals(new X500Principal("CN=dsca00042,OU=電算システム,C=JP"), cert.getSubjectX500Principal());
        var rdns = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded()).getRDNs();
        assertEquals("2.5.4.6", rdns[0].getFirst().getType().getId(), "C first");
        assertEquals("2.5.4.11", rdns[1].getFirst().getType().getId(), "then OU");
        assertEquals("2.5.4.3", rdns[2].getFirst().getType().getId(), "then CN");
        assertEquals("C=JP, OU=電算システム, CN=dsca00042", p.subjectText());
    }

    @Test
    void aCertificateSignedByAnotherKeyFails() {
        ClientProfile p = profile("Example", KeyType.RSA_2048);
        KeyPair keys = KeyType.RSA_2048.generate(RANDOM);
        KeyPair stranger = KeyType.RSA_2048.generate(RANDOM);
        X509Certificate forged = CertificateSigning.signClient(p, keys.getPublic(), SerialNumbers.next(RANDOM),
                ca.issuing(), stranger.getPrivate());
        assertHas(ProfileCheck.violations(forged, p, ca.issuing()), "signature");
    }

    @Test
    void anotherOuValidityOrKeyTypeThanPromisedFails() {
        ClientProfile p = profile("Example", KeyType.RSA_2048);
        X509Certificate cert = sign(p, KeyType.RSA_2048.generate(RANDOM));
        assertHas(ProfileCheck.violations(cert, profile("Other", KeyType.RSA_2048), ca.issuing()), "subject");
        ClientProfile longer = new ClientProfile("Example", p.commonName(), p.notBefore(), p.notAfter().plusSeconds(1),
                p.keyType(), p.crlUrl(), p.ocspUrl(), p.caIssuersUrl(), p.freshestCrlUrl());
        assertHas(ProfileCheck.violations(cert, longer, ca.issuing()), "validity");
        ClientProfile rsa3072 = profile("Example", KeyType.RSA_3072);
        assertHas(ProfileCheck.violations(cert, rsa3072, ca.issuing()), "public key");
        ClientProfile otherUrls = new ClientProfile("Example", p.commonName(), p.notBefore(), p.notAfter(),
                p.keyType(), "https://elsewhere/crl", "https://elsewhere/ocsp", p.caIssuersUrl(),
                "https://elsewhere/delta.crl");
        List<String> urls = ProfileCheck.violations(cert, otherUrls, ca.issuing());
        assertHas(urls, "CRL distribution point");
        assertHas(urls, "freshest CRL");
        assertHas(urls, "authorityInfoAccess");
    }

    @Test
    void handMadeCertificatesMissingProfileExtensionsFail() throws Exception {
        ClientProfile p = profile("Example", KeyType.RSA_2048);
        KeyPair keys = KeyType.RSA_2048.generate(RANDOM);
        X509Certificate noEku = handMade(p, keys, false, new BasicConstraints(false), true);
        assertHas(ProfileCheck.violations(noEku, p, ca.issuing()), "extendedKeyUsage");
        X509Certificate caTrue = handMade(p, keys, true, new BasicConstraints(true), true);
        assertHas(ProfileCheck.violations(caTrue, p, ca.issuing()), "basicConstraints");
        X509Certificate softKu = handMade(p, keys, true, new BasicConstraints(false), false);
        assertHas(ProfileCheck.violations(softKu, p, ca.issuing()), "keyUsage");
        X509Certificate shortSerial = handMade(p, keys, true, new BasicConstraints(false), true, BigInteger.valueOf(7));
        assertHas(ProfileCheck.violations(shortSerial, p, ca.issuing()), "serial number");
    }

    private static X509Certificate handMade(ClientProfile p, KeyPair keys, boolean eku, BasicConstraints bc,
                                            boolean kuCritical) throws Exception {
        return handMade(p, keys, eku, bc, kuCritical, SerialNumbers.next(RANDOM));
    }

    private static X509Certificate handMade(ClientProfile p, KeyPair keys, boolean eku, BasicConstraints bc,
                                            boolean kuCritical, BigInteger serial) throws Exception {
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                X500Name.getInstance(ca.issuing().getSubjectX500Principal().getEncoded()), serial,
                Date.from(p.notBefore()), Date.from(p.notAfter()), CertificateSigning.clientSubject(p), keys.getPublic());
        JcaX509ExtensionUtils u = new JcaX509ExtensionUtils();
        b.addExtension(Extension.basicConstraints, true, bc);
        b.addExtension(Extension.keyUsage, kuCritical, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        if (eku) {
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        }
        b.addExtension(Extension.subjectKeyIdentifier, false, u.createSubjectKeyIdentifier(keys.getPublic()));
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withRSA").build(ca.issuingKey())));
    }

    private static void assertHas(List<String> problems, String part) {
        assertTrue(problems.stream().anyMatch(s -> s.contains(part)), "expected a problem about " + part + " in " + problems);
    }
}
