package jp.kagi.web.asp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import jp.kagi.asp.RefusalReason;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** What AspGate lets through to the page, and what the page reads from the certificate. */
class HolderTest {

    private static final Instant END = Instant.parse("2027-11-27T00:00:00Z");

    @Test
    void aClientCertificateIsAdmittedAndReadForThePage() throws Exception {
        X509Certificate c = cert(false, KeyPurposeId.id_kp_clientAuth, BigInteger.valueOf(0x0abc));
        assertEquals(Optional.empty(), Holder.refusal(c));
        Holder h = Holder.of(c);
        assertEquals("dsca00042", h.commonName());
        assertEquals("Example, Inc.", h.customer());
        assertEquals("0ABC", h.serialHex(), "even-length hex, as Kagi writes serials");
        assertEquals(END, h.notAfter());
    }

    @Test
    void aCaCertificateOrAnotherUsageIsRefused() throws Exception {
        assertEquals(Optional.of(RefusalReason.CA_CERTIFICATE),
                Holder.refusal(cert(true, KeyPurposeId.id_kp_clientAuth, BigInteger.TEN)));
        assertEquals(Optional.of(RefusalReason.NOT_FOR_CLIENT_AUTH),
                Holder.refusal(cert(false, KeyPurposeId.id_kp_serverAuth, BigInteger.TEN)));
        assertEquals(Optional.of(RefusalReason.NOT_FOR_CLIENT_AUTH),
                Holder.refusal(cert(false, null, BigInteger.TEN)), "no EKU at all: not for client auth either");
    }

    private static X509Certificate cert(boolean ca, KeyPurposeId eku, BigInteger serial) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        KeyPair k = g.generateKeyPair();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name("C=JP,O=Kagi,CN=Kagi Issuing CA"),
                serial, new Date(0), Date.from(END), new X500Name("C=JP,OU=Example\\, Inc.,CN=dsca00042"),
                k.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (eku != null) {
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(eku));
        }
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(k.getPrivate())));
    }
}
