package jp.kagi.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import jp.kagi.platform.KagiException;
import org.junit.jupiter.api.Test;

/** The seed's cadence: the first renewal a year after introduction, then every three years. */
class RenewalCadenceTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @Test
    void firstAfterAYearThenEveryThreeYearsInCalendarTerms() {
        RenewalCadence cadence = RenewalCadence.defaults();
        Instant issued = Instant.parse("2010-05-10T15:00:00Z"); // 2010-05-11 00:00 JST
        assertEquals(Instant.parse("2011-05-10T15:00:00Z"), cadence.dueAt(issued, true, TOKYO));
        assertEquals(Instant.parse("2013-05-10T15:00:00Z"), cadence.dueAt(issued, false, TOKYO), "3 years after a later certificate");
        Instant horizon = Instant.parse("2011-05-10T15:00:00Z");
        assertEquals(issued, cadence.issuedBy(horizon, true, TOKYO), "the inverse, for the query");
    }

    @Test
    void periodsAreParsedAndCheckedWithTheirFieldName() {
        assertEquals(Period.ofMonths(18), RenewalCadence.parse("firstRenewalAfter", "P18M", Period.ofYears(1)));
        assertEquals(Period.ofYears(1), RenewalCadence.parse("firstRenewalAfter", " ", Period.ofYears(1)));
        KagiException e = assertThrows(KagiException.class, () -> RenewalCadence.parse("renewalEvery", "P0Y", null));
        assertEquals("error.period", e.messageKey());
        assertEquals("renewalEvery", e.arguments().get(0));
        assertThrows(KagiException.class, () -> RenewalCadence.parse("renewalEvery", "3 years", null));
        assertThrows(KagiException.class, () -> RenewalCadence.parse("renewalEvery", "P21Y", null));
    }
}
