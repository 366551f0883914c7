package jp.kagi.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The throttle's counters in this JVM only (unit tests): bounded like the server's cache, entries written longer
 * than {@code lifespan} ago are dropped once the map grows past {@code maxEntries}.
 */
final class MemoryThrottleStore implements ThrottleStore {

    private final ConcurrentHashMap<String, Entry> map = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration lifespan;
    private final int maxEntries;

    MemoryThrottleStore(Clock clock, Duration lifespan, int maxEntries) {
        this.clock = clock;
        this.lifespan = lifespan;
        this.maxEntries = maxEntries;
    }

    @Override
    public String get(String key) {
        Entry e = map.get(key);
        return e == null ? null : e.value;
    }

    @Override
    public String update(String key, UnaryOperator<String> change) {
        Instant now = clock.instant();
        if (map.size() > maxEntries) {
            map.values().removeIf(e -> now.isAfter(e.written.plus(lifespan)));
        }
        Entry e = map.compute(key, (k, old) -> {
            String before = old == null ? null : old.value;
            String next = change.apply(before);
            if (next == null) {
                return null;
            }
            return next.equals(before) ? old : new Entry(next, now);
        });
        return e == null ? null : e.value;
    }

    @Override
    public String remove(String key) {
        Entry e = map.remove(key);
        return e == null ? null : e.value;
    }

    private record Entry(String value, Instant written) {
    }
}
