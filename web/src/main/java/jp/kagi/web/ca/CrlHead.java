package jp.kagi.web.ca;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.nio.charset.StandardCharsets;

/**
 * thisUpdate and nextUpdate read from the head of a DER CRL (RFC 5280 5.1) without parsing its entries, so that
 * serving a CRL of a million serials costs no more than its bytes: CertificateList → TBSCertList → [version],
 * signature, issuer, thisUpdate, [nextUpdate].
 */
record CrlHead(Instant thisUpdate, Instant nextUpdate) {

    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");
    private static final DateTimeFormatter GENERALIZED_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");

    static CrlHead of(byte[] der) {
        int[] at = {0};
        header(der, at, 0x30); // CertificateList
        header(der, at, 0x30); // TBSCertList
        if ((der[at[0]] & 0xFF) == 0x02) {
            skip(der, at); // version
        }
        skip(der, at); // signature AlgorithmIdentifier
        skip(der, at); // issuer Name
        Instant thisUpdate = time(der, at);
        Instant nextUpdate = at[0] < der.length && isTime(der[at[0]]) ? time(der, at) : null;
        return new CrlHead(thisUpdate, nextUpdate);
    }

    private static boolean isTime(byte tag) {
        return tag == 0x17 || tag == 0x18;
    }

    private static Instant time(byte[] der, int[] at) {
        byte tag = der[at[0]];
        int length = header(der, at, tag & 0xFF);
        String text = new String(der, at[0], length, StandardCharsets.US_ASCII);
        at[0] += length;
        if (tag == 0x17) {
            // RFC 5280 4.1.2.5.1: YY >= 50 means 19YY.
            LocalDateTime t = LocalDateTime.parse(text, UTC_TIME);
            return (t.getYear() >= 2050 ? t.minusYears(100) : t).toInstant(ZoneOffset.UTC);
        }
        if (tag == 0x18) {
            return LocalDateTime.parse(text, GENERALIZED_TIME).toInstant(ZoneOffset.UTC);
        }
        throw new IllegalArgumentException("not a Time in the CRL head");
    }

    private static void skip(byte[] der, int[] at) {
        int length = header(der, at, der[at[0]] & 0xFF);
        at[0] += length;
    }

    /** Reads tag and definite length, leaves {@code at} on the contents and returns their length. */
    private static int header(byte[] der, int[] at, int expectedTag) {
        if ((der[at[0]++] & 0xFF) != expectedTag) {
            throw new IllegalArgumentException("unexpected tag in the CRL head");
        }
        int first = der[at[0]++] & 0xFF;
        if (first < 0x80) {
            return first;
        }
        int octets = first & 0x7F;
        if (octets == 0 || octets > 4) {
            throw new IllegalArgumentException("unsupported length in the CRL head");
        }
        int length = 0;
        for (int i = 0; i < octets; i++) {
            length = (length << 8) | (der[at[0]++] & 0xFF);
        }
        return length;
    }
}
