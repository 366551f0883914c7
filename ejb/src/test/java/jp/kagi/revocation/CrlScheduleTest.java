package jp.kagi.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Settings, when a CRL is due, which revocations a delta lists, and where CRL numbering starts. */
class CrlScheduleTest {

    private static final Instant T = Instant.parse("2026-05-01T00:00:00Z");

    private static CrlInfo full(Instant thisUpdate) {
        return new CrlInfo(CrlKind.FULL, 10, null, thisUpdate, thisUpdate.plus(Duration.ofDays(1)), 0, 100, 1, thisUpdate);
    }

    @Test
    void defaultsReSignTheFullCrlWithEighteenHoursLeft() {
        CrlSchedule s = CrlSchedule.DEFAULT;
        assertEquals(Duration.ofHours(18), s.validity().minus(s.refresh()));
        assertEquals(Duration.ofMinutes(45), s.deltaValidity().minus(s.deltaRefresh()));
    }

    @Test
    void aRefreshNotShorterThanTheValidityIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CrlSchedule(Duration.ofHours(6), Duration.ofHours(6),
                Duration.ofHours(1), Duration.ofMinutes(15), Duration.ofSeconds(1), Duration.ofMinutes(10)));
        assertThrows(IllegalArgumentException.class, () -> new CrlSchedule(Duration.ofDays(1), Duration.ofHours(6),
                Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofSeconds(1), Duration.ofMinutes(10)));
        assertThrows(IllegalArgumentException.class, () -> new CrlSchedule(Duration.ZERO, Duration.ofHours(6),
                Duration.ofHours(1), Duration.ofMinutes(15), Duration.ofSeconds(1), Duration.ofMinutes(10)));
        // seconds-scale, as the integration tests run
        new CrlSchedule(Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(5),
                Duration.ZERO, Duration.ofSeconds(30));
    }

    @Test
    void aCrlIsDueWhenMissingOrWhenItsRefreshTimeHasCome() {
        CrlSchedule s = CrlSchedule.DEFAULT;
        assertTrue(s.isDue(CrlKind.FULL, null, T));
        assertFalse(s.isDue(CrlKind.FULL, full(T), T.plus(Duration.ofHours(6)).minusSeconds(1)));
        assertTrue(s.isDue(CrlKind.FULL, full(T), T.plus(Duration.ofHours(6))));
        assertTrue(s.isDue(CrlKind.DELTA, full(T), T.plus(Duration.ofMinutes(15))));
    }

    @Test
    void aDeltaListsRevocationsFromTheOverlapBeforeItsBase() {
        assertEquals(T.minus(Duration.ofMinutes(10)), CrlSchedule.DEFAULT.deltaSince(T));
    }

    @Test
    void numberingStartsAboveTheOldMillisecondNumbersAndThenCounts() {
        assertEquals(1_777_000_000_000L, CrlSchedule.numberFrom(0, 1_777_000_000_000L));
        assertEquals(1_777_000_000_001L, CrlSchedule.numberFrom(1_777_000_000_001L, 1_999_000_000_000L),
                "once started, the stored counter wins over the clock");
    }
}
