package jp.kagi.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A throttled burst becomes a few records that still say how many attempts there were. */
class SignInAuditVolumeTest {

    private final SignInAuditVolume volume = new SignInAuditVolume();
    private final Instant t0 = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void theFirstRefusalIsRecordedTheRestCountedIntoTheNextRecord() {
        assertEquals(0, volume.throttled("victim\n203.0.113.9", t0), "the first is recorded at once");
        for (int i = 0; i < 494; i++) {
            assertEquals(-1, volume.throttled("victim\n203.0.113.9", t0.plusSeconds(i % 59)));
        }
        assertEquals(494, volume.throttled("victim\n203.0.113.9", t0.plusSeconds(61)), "a minute later, with the count");
        assertEquals(-1, volume.throttled("victim\n203.0.113.9", t0.plusSeconds(62)));
        assertEquals(1, volume.drain("victim\n203.0.113.9"), "the next checked attempt takes over the rest");
        assertEquals(0, volume.drain("victim\n203.0.113.9"));
    }

    @Test
    void aGoodApiClientIsRecordedEveryFiveMinutesNotOnEveryCall() {
        assertTrue(volume.apiSuccess("admin\n192.0.2.1", t0));
        assertFalse(volume.apiSuccess("admin\n192.0.2.1", t0.plusSeconds(299)));
        assertTrue(volume.apiSuccess("admin\n192.0.2.2", t0.plusSeconds(10)), "another address is another record");
        assertTrue(volume.apiSuccess("admin\n192.0.2.1", t0.plusSeconds(300)));
    }
}
