package jp.kagi.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import jp.kagi.health.HealthFact;
import org.junit.jupiter.api.Test;

class CachedTest {

    private final AtomicInteger asked = new AtomicInteger();
    private final Cached cached = new Cached(Duration.ofSeconds(5),
            () -> new HealthFact(true, Map.of("n", String.valueOf(asked.incrementAndGet()))));
    private final Instant start = Instant.parse("2026-11-28T00:00:00Z");

    private Clock at(Duration after) {
        return Clock.fixed(start.plus(after), ZoneOffset.UTC);
    }

    @Test
    void asksOncePerMaximumAge() {
        assertEquals("1", cached.get(at(Duration.ZERO)).data().get("n"));
        assertEquals("1", cached.get(at(Duration.ofMillis(4999))).data().get("n"));
        assertEquals("2", cached.get(at(Duration.ofSeconds(5))).data().get("n"));
        assertEquals(2, asked.get());
    }

    @Test
    void asksAgainWhenTheClockWentBack() {
        cached.get(at(Duration.ofSeconds(10)));
        assertEquals("2", cached.get(at(Duration.ofSeconds(9))).data().get("n"));
    }
}
