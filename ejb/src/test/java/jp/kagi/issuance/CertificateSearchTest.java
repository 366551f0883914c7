package jp.kagi.issuance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import jp.kagi.platform.KagiException;
import org.junit.jupiter.api.Test;

/** The certificate search: CN exact or prefix, expiry window in days or dates, translated refusals. */
class CertificateSearchTest {

    @Test
    void fullCnIsExactShorterIsPrefix() {
        assertTrue(CertificateSearch.of(null, null, " DSCA00012 ", null, null, null).exactCn());
        assertEquals("dsca00012", CertificateSearch.of(null, null, "DSCA00012", null, null, null).cn());
        assertFalse(CertificateSearch.of(null, null, "dsca0001", null, null, null).exactCn());
        assertFalse(CertificateSearch.of(null, null, "dsca", null, null, null).exactCn());
        assertTrue(CertificateSearch.of(null, null, "dsca100000", null, null, null).exactCn());
        assertFalse(CertificateSearch.ANY.exactCn());
    }

    @Test
    void cnPrefixRangeEndsAfterEveryMatch() {
        assertEquals("dsca02", CertificateQuery.cnTo("dsca01"));
        assertEquals("dscaa", CertificateQuery.cnTo("dsca9"));
        assertEquals("dsd", CertificateQuery.cnTo("dsczz"));
        assertNull(CertificateQuery.cnTo("zz"));
        for (String cn : new String[] {"dsca01", "dsca01zzzz", "dsca019999999"}) {
            assertTrue(cn.compareTo("dsca01") >= 0 && cn.compareTo(CertificateQuery.cnTo("dsca01")) < 0, cn);
        }
    }

    @Test
    void cnWithOtherCharactersIsRefused() {
        for (String bad : new String[] {"dsca%", "dsca_1", "dsca 1", "ｄｓｃａ", "a".repeat(65)}) {
            assertEquals("error.cn", assertThrows(KagiException.class,
                    () -> CertificateSearch.of(null, null, bad, null, null, null)).messageKey(), bad);
        }
    }

    @Test
    void expiryWindowInDays() {
        assertEquals(30, CertificateSearch.of(null, null, null, " 30 ", null, null).expiresWithinDays());
        assertNull(CertificateSearch.of(null, null, null, "", null, null).expiresWithinDays());
        for (String bad : new String[] {"0", "-5", "3651", "thirty", "1.5"}) {
            assertEquals("error.expiresWithinDays", assertThrows(KagiException.class,
                    () -> CertificateSearch.of(null, null, null, bad, null, null)).messageKey(), bad);
        }
    }

    @Test
    void expiryDates() {
        CertificateSearch s = CertificateSearch.of(" Example ", " issued ", null, null, "2026-01-01", "2026-12-31");
        assertEquals("Example", s.customer());
        assertEquals("ISSUED", s.status());
        assertEquals(LocalDate.of(2026, 1, 1), s.expiresFrom());
        assertEquals("error.dateRange", assertThrows(KagiException.class,
                () -> CertificateSearch.of(null, null, null, null, "2026-12-31", "2026-01-01")).messageKey());
        assertEquals("error.date", assertThrows(KagiException.class,
                () -> CertificateSearch.of(null, null, null, null, "31.12.2026", null)).messageKey());
    }
}
