package jp.kagi.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import jp.kagi.health.HealthFact;

/**
 * One health fact, asked again only when older than its maximum age. Two probers arriving together may both ask; the
 * facts are idempotent, so no lock.
 */
final class Cached {

    private record Entry(HealthFact fact, Instant at) {
    }

    private final Duration maxAge;
    private final Supplier<HealthFact> source;
    private volatile Entry last;

    Cached(Duration maxAge, Supplier<HealthFact> source) {
        this.maxAge = maxAge;
        this.source = source;
    }

    HealthFact get(Clock clock) {
        Instant now = clock.instant();
        Entry entry = last;
        if (entry == null || Duration.between(entry.at(), now).compareTo(maxAge) >= 0 || now.isBefore(entry.at())) {
            entry = new Entry(source.get(), now);
            last = entry;
        }
        return entry.fact();
    }
}
