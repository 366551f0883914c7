package jp.kagi.revocation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CRLReason;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import jp.kagi.ca.CertificateSigning;
import jp.kagi.ca.CrlSigner;
import jp.kagi.ca.KeyType;
import jp.kagi.ca.SerialNumbers;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming CRL encoder against Bouncy Castle's builder, and the entry lookup on what it wrote. */
class CrlEncoderTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Instant NOW = Instant.parse("2026-05-01T10:15:30Z");
    private static KeyPair caKeys;
    private static X509Certificate issuer;

    @TempDir
    Path dir;

    @BeforeAll
    static void ca() {
        caKeys = KeyType.RSA_2048.generate(RANDOM);
        issuer = CertificateSigning.signCa(CertificateSigning.caSubject("Kagi", "Kagi Test CA"), caKeys.getPublic(),
                SerialNumbers.next(RANDOM), NOW.minus(1, ChronoUnit.DAYS), NOW.plus(3650, ChronoUnit.DAYS), 0, null,
                caKeys.getPrivate());
    }

    private record Row(BigInteger serial, Instant at, int reason) {
    }

    private List<Row> rows(int n) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(new Row(SerialNumbers.next(RANDOM), NOW.minusSeconds(RANDOM.nextInt(1_000_000)), i % 6 == 5 ? 9 : i % 6));
        }
        rows.add(new Row(new BigInteger("80", 16), NOW.minusSeconds(5), 1)); // top bit set: needs a 0x00
        rows.add(new Row(new BigInteger("0F", 16), NOW.minusSeconds(5), 0)); // odd number of digits
        rows.add(new Row(new BigInteger("7F" + "00".repeat(19), 16), NOW, 4)); // 20 octets
        return rows;
    }

    private byte[] streamed(List<Row> rows, byte[] extensions) throws Exception {
        CrlSigner signer = CertificateSigning.crlSigner(issuer, caKeys.getPrivate());
        Path out = dir.resolve("out.crl");
        try (CrlEncoder encoder = new CrlEncoder(dir.resolve("work"))) {
            for (Row r : rows) {
                encoder.add(SerialNumbers.hex(r.serial()), r.at(), r.reason());
            }
            long size = encoder.sign(signer.algorithmIdentifier(), signer.issuerName(), NOW, NOW.plus(1, ChronoUnit.DAYS),
                    extensions, signer.signature(), out);
            assertEquals(Files.size(out), size);
        }
        try (var left = Files.list(dir.resolve("work"))) {
            assertEquals(0, left.count(), "the entries' temporary file is gone");
        }
        return Files.readAllBytes(out);
    }

    private byte[] bouncyCastle(List<Row> rows, long number, Long base, String freshest) throws Exception {
        X509v2CRLBuilder b = new X509v2CRLBuilder(X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
                Date.from(NOW));
        b.setNextUpdate(Date.from(NOW.plus(1, ChronoUnit.DAYS)));
        for (Row r : rows) {
            b.addCRLEntry(r.serial(), Date.from(r.at()), r.reason());
        }
        byte[] ski = ASN1OctetString.getInstance(ASN1OctetString.getInstance(
                issuer.getExtensionValue(Extension.subjectKeyIdentifier.getId())).getOctets()).getOctets();
        b.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(ski));
        b.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(number)));
        if (freshest != null) {
            b.addExtension(Extension.freshestCRL, false, CertificateSigning.crlDistributionPoint(freshest));
        } else {
            b.addExtension(Extension.deltaCRLIndicator, true, new ASN1Integer(base));
        }
        return b.build(new JcaContentSignerBuilder("SHA256withRSA").build(caKeys.getPrivate())).getEncoded();
    }

    private static X509CRL parse(byte[] der) throws Exception {
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
    }

    private static byte[] aki() {
        return ASN1OctetString.getInstance(ASN1OctetString.getInstance(
                issuer.getExtensionValue(Extension.subjectKeyIdentifier.getId())).getOctets()).getOctets();
    }

    @Test
    void aFullCrlIsByteForByteWhatBouncyCastleBuilds() throws Exception {
        List<Row> rows = rows(500);
        byte[] ours = streamed(rows, CrlExtensions.full(aki(), 1_700_000_000_123L, "http://kagi.example/crl/d.crl"));
        assertArrayEquals(bouncyCastle(rows, 1_700_000_000_123L, null, "http://kagi.example/crl/d.crl"), ours);
        X509CRL crl = parse(ours);
        crl.verify(issuer.getPublicKey());
        assertEquals(rows.size(), crl.getRevokedCertificates().size());
        assertEquals(CRLReason.KEY_COMPROMISE, crl.getRevokedCertificate(new BigInteger("80", 16)).getRevocationReason());
        assertNull(crl.getRevokedCertificate(new BigInteger("0F", 16)).getRevocationReason(), "unspecified: no reason");
        assertFalse(crl.getCriticalExtensionOIDs() != null && !crl.getCriticalExtensionOIDs().isEmpty());
    }

    @Test
    void aDeltaCarriesACriticalIndicatorWithTheBaseNumber() throws Exception {
        List<Row> rows = rows(3);
        byte[] ours = streamed(rows, CrlExtensions.delta(aki(), 42, 41));
        assertArrayEquals(bouncyCastle(rows, 42, 41L, null), ours);
        X509CRL crl = parse(ours);
        assertTrue(crl.getCriticalExtensionOIDs().contains(Extension.deltaCRLIndicator.getId()));
        assertEquals(BigInteger.valueOf(41), ASN1Integer.getInstance(ASN1OctetString.getInstance(
                crl.getExtensionValue(Extension.deltaCRLIndicator.getId())).getOctets()).getValue());
    }

    @Test
    void anEmptyCrlLeavesTheRevokedListOut() throws Exception {
        byte[] ours = streamed(List.of(), CrlExtensions.full(aki(), 7, "http://x/d.crl"));
        assertArrayEquals(bouncyCastle(List.of(), 7, null, "http://x/d.crl"), ours);
        assertNull(parse(ours).getRevokedCertificates());
    }

    @Test
    void theLookupFindsAnEntryWithItsDateAndReasonAndNothingElse() throws Exception {
        List<Row> rows = rows(2_000);
        streamed(rows, CrlExtensions.full(aki(), 9, "http://x/d.crl"));
        Path crl = dir.resolve("out.crl");
        for (Row r : List.of(rows.get(0), rows.get(1), rows.get(5), rows.get(rows.size() - 1))) {
            CrlEntryLookup.Entry e = CrlEntryLookup.find(crl, r.serial()).orElseThrow();
            assertEquals(r.at().truncatedTo(ChronoUnit.SECONDS), e.revokedAt());
            assertEquals(r.reason(), e.reasonCode());
        }
        assertTrue(CrlEntryLookup.find(crl, BigInteger.valueOf(12345)).isEmpty());
        streamed(List.of(), CrlExtensions.full(aki(), 10, "http://x/d.crl"));
        assertTrue(CrlEntryLookup.find(crl, rows.get(0).serial()).isEmpty(), "an empty CRL lists nothing");
    }

    @Test
    void timesAreUtcTimeUntil2049AndGeneralizedTimeFrom2050() {
        assertArrayEquals("\u0017\r260501101530Z".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                CrlEncoder.timeTlv(NOW.plusMillis(999)));
        assertArrayEquals("\u0018\u000f20500101000000Z".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                CrlEncoder.timeTlv(Instant.parse("2050-01-01T00:00:00Z")));
    }

    @Test
    void lengthsUseTheShortestDefiniteForm() {
        assertArrayEquals(new byte[] {0x30, 0x7F}, CrlEncoder.header(0x30, 127));
        assertArrayEquals(new byte[] {0x30, (byte) 0x81, (byte) 0x80}, CrlEncoder.header(0x30, 128));
        assertArrayEquals(new byte[] {0x30, (byte) 0x83, 0x2F, (byte) 0xAF, 0x07}, CrlEncoder.header(0x30, 3_124_999));
    }
}
