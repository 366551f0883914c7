package jp.kagi.web.ca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import jp.kagi.ca.CertificateSigning;
import jp.kagi.ca.RevokedEntry;
import org.junit.jupiter.api.Test;

/** The CRL's thisUpdate/nextUpdate, read from its head for the cache headers, and the GET path decoding of OCSP. */
class CrlHeadTest {

    @Test
    void thisAndNextUpdateComeFromTheHeadOfASignedCrl() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        var keys = g.generateKeyPair();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var ca = CertificateSigning.signCa(CertificateSigning.caSubject("Kagi", "Test CA"), keys.getPublic(),
                BigInteger.ONE, now, now.plus(Duration.ofDays(10)), 0, null, keys.getPrivate());
        List<RevokedEntry> entries = new ArrayList<>();
        for (int i = 1; i <= 2000; i++) {
            entries.add(new RevokedEntry(BigInteger.valueOf(i), now, 1));
        }
        Instant next = now.plus(Duration.ofDays(1));
        CrlHead head = CrlHead.of(CertificateSigning.signCrl(ca, keys.getPrivate(), entries, now, next));
        assertEquals(now, head.thisUpdate());
        assertEquals(next, head.nextUpdate());
    }

    @Test
    void getPathsArePercentDecodedBase64WithPlusKept() {
        byte[] bytes = {(byte) 0xfb, (byte) 0xff, (byte) 0xbf, 0x01};
        String base64 = java.util.Base64.getEncoder().encodeToString(bytes); // "+/+/AQ=="
        assertArrayEquals(bytes, OcspServlet.decode(base64));
        assertArrayEquals(bytes, OcspServlet.decode(java.net.URLEncoder.encode(base64,
                java.nio.charset.StandardCharsets.US_ASCII)));
        assertArrayEquals(new byte[0], OcspServlet.decode("%%%not base64"));
    }
}
