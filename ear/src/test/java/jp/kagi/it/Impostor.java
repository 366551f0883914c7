package jp.kagi.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A client certificate with exactly the subject and serial of a real Kagi one, issued by a throwaway CA with exactly
 * the name of Kagi's issuing CA: only the signature tells them apart. For curl, as PEM files.
 */
final class Impostor {

    private Impostor() {
    }

    static AspKitIT.Holder of(AspKitIT.Holder real, Path dir)
            throws GeneralSecurityException, IOException, OperatorCreationException {
        X509Certificate cert;
        try (InputStream in = Files.newInputStream(real.cert())) {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair caKey = generator.generateKeyPair();
        KeyPair key = generator.generateKeyPair();
        Date from = new Date(System.currentTimeMillis() - 3_600_000L);
        Date to = new Date(System.currentTimeMillis() + 86_400_000L);
        byte[] der = new JcaX509v3CertificateBuilder(X500Name.getInstance(cert.getIssuerX500Principal().getEncoded()),
                cert.getSerialNumber(), from, to, X500Name.getInstance(cert.getSubjectX500Principal().getEncoded()),
                key.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth))
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(caKey.getPrivate())).getEncoded();
        Path pem = dir.resolve("impostor-" + real.cn() + ".pem");
        Path keyFile = dir.resolve("impostor-" + real.cn() + ".key");
        Files.writeString(pem, pem("CERTIFICATE", der));
        Files.writeString(keyFile, pem("PRIVATE KEY", key.getPrivate().getEncoded()));
        return new AspKitIT.Holder(real.cn(), real.serial(), pem, keyFile);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
