package jp.kagi.it;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import jp.kagi.platform.Settings;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test-only EJB: certificates Kagi never issues, signed inside the server with the issuing CA's own key (read from
 * the CA keystore as the CA reads it), to show that the 8444 listener refuses each of them. Returned as PKCS#12.
 */
@Stateless
public class AspCertProbe {

    public enum Odd { EXPIRED, NOT_YET_VALID, NO_CLIENT_AUTH, CA_TRUE, OTHER_CA_SAME_DN, BAD_SIGNATURE }

    public static final String PASSWORD = "asp-it";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    Settings settings;

    /** An odd certificate for {@code subject} (an RFC 4514 DN, e.g. a real certificate's), with key and chain. */
    public byte[] craft(Odd odd, String subject)
            throws GeneralSecurityException, IOException, OperatorCreationException {
        KeyStore ca = caKeyStore();
        char[] caPassword = caPassword();
        X509Certificate issuing = (X509Certificate) ca.getCertificate("kagi-issuing");
        PrivateKey issuingKey = (PrivateKey) ca.getKey("kagi-issuing", caPassword);
        Instant now = Instant.now();
        Instant from = now.minus(Duration.ofHours(1));
        Instant to = now.plus(Duration.ofDays(30));
        if (odd == Odd.EXPIRED) {
            from = now.minus(Duration.ofDays(2));
            to = now.minus(Duration.ofDays(1));
        } else if (odd == Odd.NOT_YET_VALID) {
            from = now.plus(Duration.ofDays(1));
            to = now.plus(Duration.ofDays(2));
        }
        X509Certificate issuer = issuing;
        PrivateKey signer = issuingKey;
        if (odd == Odd.OTHER_CA_SAME_DN) {
            // Another CA with exactly the issuing CA's name: only the signature tells them apart.
            KeyPair other = rsa();
            X500Name name = X500Name.getInstance(issuing.getSubjectX500Principal().getEncoded());
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(), Date.from(from),
                    Date.from(now.plus(Duration.ofDays(365))), name, other.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            issuer = sign(b, other.getPrivate());
            signer = other.getPrivate();
        }
        KeyPair keys = rsa();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()), serial(), Date.from(from),
                Date.from(to), new X500Name(subject), keys.getPublic());
        boolean caTrue = odd == Odd.CA_TRUE;
        b.addExtension(Extension.basicConstraints, true, caTrue ? new BasicConstraints(0) : new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment
                | (caTrue ? KeyUsage.keyCertSign : 0)));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                odd == Odd.NO_CLIENT_AUTH ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth));
        X509Certificate leaf = sign(b, signer);
        if (odd == Odd.BAD_SIGNATURE) {
            byte[] der = leaf.getEncoded();
            der[der.length - 5] ^= 0x01; // inside the signature value, the last field of the certificate
            leaf = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(der));
        }
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        p12.load(null, null);
        p12.setKeyEntry("client", keys.getPrivate(), PASSWORD.toCharArray(), new Certificate[] {leaf, issuer});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p12.store(out, PASSWORD.toCharArray());
        return out.toByteArray();
    }

    private KeyStore caKeyStore() throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(settings.dataDir().resolve("ca").resolve("kagi-ca.p12"))) {
            ks.load(in, caPassword());
        }
        return ks;
    }

    private char[] caPassword() throws IOException {
        return settings.find("kagi.ca.keystore.password").orElse(Files.readString(
                settings.dataDir().resolve("ca").resolve("keystore.password"), StandardCharsets.US_ASCII).strip())
                .toCharArray();
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key)
            throws GeneralSecurityException, OperatorCreationException {
        String alg = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder(alg).build(key)));
    }

    private static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048, RANDOM);
        return g.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).setBit(126);
    }

}
