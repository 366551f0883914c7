package jp.kagi.ocsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;

/** Response building: signed by the delegated responder, one answer per CertID as asked, the nonce echoed. */
class OcspAnswersTest {

    private static final TestCa CA = new TestCa();

    @Test
    void goodRevokedAndUnknownInOneSignedResponseWithTheNonceEchoed() throws Exception {
        Responder responder = new Responder(CA.responder);
        CertificateID good = OcspRequestsTest.id(CA, OcspRequestsTest.sha1(), BigInteger.valueOf(1));
        CertificateID revoked = OcspRequestsTest.id(CA, OcspRequestsTest.sha256(), BigInteger.valueOf(2));
        CertificateID unknown = OcspRequestsTest.id(CA, OcspRequestsTest.sha1(), BigInteger.valueOf(3));
        Instant revokedAt = TestCa.NOW.minusSeconds(3600);
        Extension nonce = new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                new DEROctetString(new byte[] {1, 2, 3, 4}).getEncoded());
        Instant nextUpdate = TestCa.NOW.plus(Duration.ofDays(1));
        byte[] der = OcspAnswers.successful(responder, List.of(good, revoked, unknown),
                Map.of(BigInteger.ONE, SerialStatus.GOOD,
                        BigInteger.TWO, SerialStatus.revoked(revokedAt, CRLReason.keyCompromise)),
                nonce, TestCa.NOW, TestCa.NOW, nextUpdate);

        OCSPResp resp = new OCSPResp(der);
        assertEquals(OCSPRespBuilder.SUCCESSFUL, resp.getStatus());
        BasicOCSPResp basic = (BasicOCSPResp) resp.getResponseObject();
        assertTrue(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(CA.responder.certificate())));
        assertEquals(new JcaX509CertificateHolder(CA.responder.certificate()), basic.getCerts()[0]);
        assertEquals(responder.id(), basic.getResponderId());
        assertArrayEquals(nonce.getExtnValue().getOctets(),
                basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce).getExtnValue().getOctets());

        SingleResp[] answers = basic.getResponses();
        assertEquals(3, answers.length);
        assertEquals(good, answers[0].getCertID());
        assertEquals(CertificateStatus.GOOD, answers[0].getCertStatus());
        assertEquals(revoked, answers[1].getCertID(), "the SHA-256 CertID comes back as asked");
        RevokedStatus r = (RevokedStatus) answers[1].getCertStatus();
        assertEquals(revokedAt, r.getRevocationTime().toInstant());
        assertEquals(CRLReason.keyCompromise, r.getRevocationReason());
        assertTrue(answers[2].getCertStatus() instanceof UnknownStatus, "never good for a serial Kagi did not issue");
        for (SingleResp a : answers) {
            assertEquals(TestCa.NOW, a.getThisUpdate().toInstant());
            assertEquals(nextUpdate, a.getNextUpdate().toInstant());
        }
    }

    @Test
    void anUnspecifiedRevocationCarriesNoReasonAndErrorsAreUnsigned() throws Exception {
        RevokedStatus r = (RevokedStatus) OcspAnswers.status(SerialStatus.revoked(TestCa.NOW, CRLReason.unspecified));
        assertEquals(false, r.hasRevocationReason());
        for (int status : new int[] {OCSPRespBuilder.MALFORMED_REQUEST, OCSPRespBuilder.UNAUTHORIZED,
                OCSPRespBuilder.TRY_LATER, OCSPRespBuilder.INTERNAL_ERROR}) {
            OCSPResp resp = new OCSPResp(OcspAnswers.error(status));
            assertEquals(status, resp.getStatus());
            assertNull(resp.getResponseObject());
        }
    }

    @Test
    void theResponderCertificateIsForOcspSigningOnlyAndNeedsNoCheck() throws Exception {
        var cert = CA.responder.certificate();
        assertEquals(List.of("1.3.6.1.5.5.7.3.9"), cert.getExtendedKeyUsage());
        assertTrue(cert.getExtensionValue(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck.getId()) != null);
        assertEquals(-1, cert.getBasicConstraints());
        assertTrue(cert.getKeyUsage()[0], "digitalSignature");
        cert.verify(CA.issuing.getPublicKey());
        assertEquals(Duration.ofSeconds(5), ResponderRenewal.checkInterval(Duration.ofSeconds(50)));
        assertEquals(Duration.ofHours(1), ResponderRenewal.checkInterval(Duration.ofDays(30)));
        assertEquals(Duration.ofSeconds(1), ResponderRenewal.checkInterval(Duration.ofSeconds(3)));
    }
}
