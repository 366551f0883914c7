package jp.kagi.ocsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;

/** Request parsing: what is well-formed, Kagi's limits, and malformedRequest for everything else. */
class OcspRequestsTest {

    private static final TestCa CA = new TestCa();
    private static final TestCa STRANGER = new TestCa();

    static CertificateID id(TestCa ca, AlgorithmIdentifier hash, BigInteger serial) throws Exception {
        return new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(hash),
                new JcaX509CertificateHolder(ca.issuing), serial);
    }

    static AlgorithmIdentifier sha1() {
        return CertificateID.HASH_SHA1;
    }

    static AlgorithmIdentifier sha256() {
        return new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256);
    }

    static byte[] request(int serials, byte[] nonce) throws Exception {
        OCSPReqBuilder b = new OCSPReqBuilder();
        for (int i = 1; i <= serials; i++) {
            b.addRequest(id(CA, sha1(), BigInteger.valueOf(i)));
        }
        if (nonce != null) {
            b.setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                    new DEROctetString(nonce).getEncoded())));
        }
        return b.build().getEncoded();
    }

    private static int refusal(byte[] der) {
        return assertThrows(OcspRefusal.class, () -> OcspRequests.parse(der)).status();
    }

    @Test
    void aRequestWithSha1AndSha256CertIdsAndANonceParses() throws Exception {
        byte[] der = new OCSPReqBuilder().addRequest(id(CA, sha1(), BigInteger.ONE))
                .addRequest(id(CA, sha256(), BigInteger.TWO))
                .setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                        new DEROctetString(new byte[16]).getEncoded()))).build().getEncoded();
        ParsedRequest parsed = OcspRequests.parse(der);
        assertEquals(2, parsed.certIds().size());
        assertEquals(BigInteger.TWO, parsed.certIds().get(1).getSerialNumber());
        assertEquals(16, OcspRequests.nonceLength(parsed.nonce()));
        assertNull(OcspRequests.parse(request(1, null)).nonce());
    }

    @Test
    void emptyGarbageTruncatedAndTrailingBytesAreMalformed() throws Exception {
        byte[] good = request(1, null);
        assertEquals(OCSPRespBuilder.MALFORMED_REQUEST, refusal(new byte[0]));
        assertEquals(OCSPRespBuilder.MALFORMED_REQUEST, refusal(null));
        assertEquals(OCSPRespBuilder.MALFORMED_REQUEST, refusal("hello, responder".getBytes()));
        assertEquals(OCSPRespBuilder.MALFORMED_REQUEST, refusal(Arrays.copyOf(good, good.length - 3)));
        assertEquals(OCSPRespBuilder.MALFORMED_REQUEST, refusal(Arrays.copyOf(good, good.length + 1)));
        assertEquals(OCSPRespBuilder.MALFORMED_REQUEST, refusal(new byte[] {0x30, 0x00}));
        assertEquals(OCSPRespBuilder.MALFORMED_REQUEST, refusal(new byte[] {0x30, 0x03, 0x30, 0x01, 0x30}));
    }

    @Test
    void upToOneHundredSerialsAreAnsweredAndMoreAreMalformed() throws Exception {
        assertEquals(OcspRequests.MAX_SERIALS, OcspRequests.parse(request(100, null)).certIds().size());
        assertEquals(OCSPRespBuilder.MALFORMED_REQUEST, refusal(request(101, null)));
        assertEquals(OCSPRespBuilder.MALFORMED_REQUEST, refusal(request(1000, null)));
    }

    @Test
    void noncesOfOneToThirtyTwoOctetsPassLongerOrEmptyOnesAreMalformed() throws Exception {
        assertEquals(1, OcspRequests.nonceLength(OcspRequests.parse(request(1, new byte[1])).nonce()));
        assertEquals(32, OcspRequests.nonceLength(OcspRequests.parse(request(1, new byte[32])).nonce()));
        assertEquals(OCSPRespBuilder.MALFORMED_REQUEST, refusal(request(1, new byte[33])));
        assertEquals(OCSPRespBuilder.MALFORMED_REQUEST, refusal(request(1, new byte[0])));
    }

    @Test
    void anUnsupportedHashAlgorithmIsMalformed() throws Exception {
        CertificateID real = id(CA, sha1(), BigInteger.ONE);
        CertID md5 = new CertID(new AlgorithmIdentifier(PKCSObjectIdentifiers.md5), new DEROctetString(new byte[16]),
                new DEROctetString(new byte[16]), new org.bouncycastle.asn1.ASN1Integer(1));
        byte[] der = new OCSPReqBuilder().addRequest(new CertificateID(md5)).build().getEncoded();
        assertEquals(OCSPRespBuilder.MALFORMED_REQUEST, refusal(der));
        CertID shortHash = new CertID(real.toASN1Primitive().getHashAlgorithm(), new DEROctetString(new byte[3]),
                new DEROctetString(real.getIssuerKeyHash()), new org.bouncycastle.asn1.ASN1Integer(1));
        assertEquals(OCSPRespBuilder.MALFORMED_REQUEST,
                refusal(new OCSPReqBuilder().addRequest(new CertificateID(shortHash)).build().getEncoded()));
    }

    @Test
    void anUnknownCriticalExtensionIsMalformedAnUnknownNonCriticalOneIgnored() throws Exception {
        ASN1ObjectIdentifier other = new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1");
        byte[] critical = new OCSPReqBuilder().addRequest(id(CA, sha1(), BigInteger.ONE)).setRequestExtensions(
                new Extensions(new Extension(other, true, new DEROctetString(new byte[2]).getEncoded()))).build().getEncoded();
        assertEquals(OCSPRespBuilder.MALFORMED_REQUEST, refusal(critical));
        byte[] plain = new OCSPReqBuilder().addRequest(id(CA, sha1(), BigInteger.ONE)).setRequestExtensions(
                new Extensions(new Extension(other, false, new DEROctetString(new byte[2]).getEncoded()))).build().getEncoded();
        assertEquals(1, OcspRequests.parse(plain).certIds().size());
    }

    @Test
    void theIssuerIsKagisOnlyWhenNameAndKeyHashBothMatch() throws Exception {
        IssuerHashes ours = new IssuerHashes(CA.issuing);
        assertTrue(ours.matches(id(CA, sha1(), BigInteger.ONE)));
        assertTrue(ours.matches(id(CA, sha256(), BigInteger.ONE)));
        assertTrue(ours.matches(id(CA, new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha512), BigInteger.ONE)));
        CertificateID sameName = id(STRANGER, sha1(), BigInteger.ONE);
        assertArrayEquals(id(CA, sha1(), BigInteger.ONE).getIssuerNameHash(), sameName.getIssuerNameHash());
        assertFalse(ours.matches(sameName), "same issuer name, another key");
    }
}
