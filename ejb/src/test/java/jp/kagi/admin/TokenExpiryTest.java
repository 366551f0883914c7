package jp.kagi.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import jp.kagi.platform.KagiException;
import org.junit.jupiter.api.Test;

/** A token's expiry: a duration or a date-time, required, in the future, and not absurdly far. */
class TokenExpiryTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void durationsAndDateTimes() {
        assertEquals(Instant.parse("2027-02-25T10:00:00Z"), TokenExpiry.parse("P90D", NOW));
        assertEquals(Instant.parse("2026-11-27T22:00:00Z"), TokenExpiry.parse("PT12H", NOW));
        assertEquals(Instant.parse("2027-03-30T15:00:00Z"), TokenExpiry.parse("2027-03-31T00:00:00+09:00", NOW));
    }

    @Test
    void pastAbsentAndAbsurdAreRefusedWithAMessage() {
        for (String bad : new String[] {null, "", "  ", "P0D", "-P1D", "2026-01-01T00:00:00Z", "P100Y", "P9999999999D",
                "tomorrow", "2027-03-31"}) {
            KagiException e = assertThrows(KagiException.class, () -> TokenExpiry.parse(bad, NOW), String.valueOf(bad));
            assertEquals("error.tokenExpires", e.messageKey());
        }
    }

    @Test
    void theTokenHashIsSaltedAndStable() {
        assertEquals(ApiTokens.hash("salt1", "secret"), ApiTokens.hash("salt1", "secret"));
        org.junit.jupiter.api.Assertions.assertNotEquals(ApiTokens.hash("salt1", "secret"),
                ApiTokens.hash("salt2", "secret"));
    }
}
