package jp.kagi.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import jp.kagi.platform.KagiException;
import org.junit.jupiter.api.Test;

/** The viewer's filter: blanks mean "any", dates are ISO days, bad input is refused with a message key. */
class AuditFilterTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @Test
    void blanksMeanAnyAndTextIsTrimmed() {
        AuditFilter f = AuditFilter.of(" admin ", "", null, "  ", "", null, " 10.0.0.1 ");
        assertEquals("admin", f.actor());
        assertNull(f.action());
        assertNull(f.objectType());
        assertNull(f.objectId());
        assertNull(f.from());
        assertEquals("10.0.0.1", f.sourceAddress());
    }

    @Test
    void datesAreWholeDaysInTheZoneBothIncluded() {
        AuditFilter f = AuditFilter.of(null, null, null, null, "2026-04-01", "2026-04-01", null);
        assertEquals(LocalDate.of(2026, 4, 1), f.from());
        assertEquals(Instant.parse("2026-03-31T15:00:00Z"), f.fromInstant(TOKYO));
        assertEquals(Instant.parse("2026-04-01T15:00:00Z"), f.toExclusive(TOKYO));
        assertNull(AuditFilter.ANY.fromInstant(TOKYO));
        assertNull(AuditFilter.ANY.toExclusive(TOKYO));
    }

    @Test
    void badDateIsRefusedWithTheTextSent() {
        KagiException e = assertThrows(KagiException.class,
                () -> AuditFilter.of(null, null, null, null, "2026/04/01", null, null));
        assertEquals("error.date", e.messageKey());
        assertEquals(List.of("2026/04/01"), e.arguments());
        assertEquals("error.date", assertThrows(KagiException.class,
                () -> AuditFilter.of(null, null, null, null, null, "2026-02-30", null)).messageKey());
    }

    @Test
    void fromAfterToIsRefused() {
        KagiException e = assertThrows(KagiException.class,
                () -> AuditFilter.of(null, null, null, null, "2026-05-02", "2026-05-01", null));
        assertEquals("error.dateRange", e.messageKey());
        assertEquals(List.of(LocalDate.of(2026, 5, 2), LocalDate.of(2026, 5, 1)), e.arguments());
    }

    @Test
    void tooLongOrControlCharactersAreRefused() {
        assertEquals("error.tooLong", assertThrows(KagiException.class,
                () -> AuditFilter.of("a".repeat(101), null, null, null, null, null, null)).messageKey());
        assertEquals("error.controlCharacters", assertThrows(KagiException.class,
                () -> AuditFilter.of(null, "cert\u0000", null, null, null, null, null)).messageKey());
    }

    @Test
    void actionIsAPrefixWithWildcardsEscaped() {
        assertEquals("certificate.%", AuditFilter.of(null, "certificate.", null, null, null, null, null).actionPattern());
        assertEquals("100!%!_x!!%", AuditFilter.of(null, "100%_x!", null, null, null, null, null).actionPattern());
        assertNull(AuditFilter.ANY.actionPattern());
    }
}
