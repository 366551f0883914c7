package jp.kagi.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The token bucket that keeps the outbox under KAGI_MAIL_RATE mails per minute. Pure logic on an injected clock, so
 * that it can be tested without sleeping; the sender asks it before every delivery attempt.
 *
 * <p>The budget fills at {@code perMinute / 60} mails per second and holds at most {@link #burst(int)} mails (one
 * second's worth, at least two): after any pause no more than that many leave at once, and in any window of {@code t}
 * seconds at most {@code burst + perMinute × t / 60} leave. The bucket lives as long as the sender, so the budget is
 * not granted twice between timer rounds; and since a round ends at most half a second before the next tick, while
 * the bucket holds at least one mail plus half a second's worth, nothing is lost in between either. The rate is passed on every call: a changed setting applies
 * from the next mail on (a lower rate also cuts what is saved down to the new burst). {@code perMinute <= 0} means
 * unlimited.
 *
 * <p>Exact integer arithmetic: one mail costs {@link #MAIL} units, and every nanosecond adds {@code perMinute} units,
 * so {@code perMinute} mails cost exactly one minute. Not thread-safe: the one sender round at a time owns it.
 */
final class MailRateBucket {

    /** The units one mail costs: the nanoseconds of a minute. */
    static final long MAIL = Duration.ofMinutes(1).toNanos();

    /** Rates above this are refused as a typing error (a million mails a minute is no SMTP server's limit). */
    static final int MAX_RATE = 1_000_000;

    private final Clock clock;
    private long units;
    private Instant filledAt;

    MailRateBucket(Clock clock) {
        this.clock = clock;
        this.filledAt = clock.instant();
        this.units = Long.MAX_VALUE; // starts full: cut to the burst of whatever rate is asked first
    }

    /**
     * At most this many mails leave at once: one second's worth of the rate, at least two (so that the half second
     * between two sender rounds, plus the part of a mail already earned, always fits and is not thrown away).
     */
    static int burst(int perMinute) {
        return Math.max(2, (perMinute + 59) / 60);
    }

    /** Takes one mail's budget and returns true, or returns false and takes nothing when the budget is spent. */
    boolean tryTake(int perMinute) {
        if (perMinute <= 0) {
            return true;
        }
        refill(perMinute);
        if (units < MAIL) {
            return false;
        }
        units -= MAIL;
        return true;
    }

    /** How long until one mail's budget is there: zero when it is there now (or the rate is unlimited). */
    Duration untilNext(int perMinute) {
        if (perMinute <= 0) {
            return Duration.ZERO;
        }
        refill(perMinute);
        long missing = MAIL - units;
        return missing <= 0 ? Duration.ZERO : Duration.ofNanos((missing + perMinute - 1) / perMinute);
    }

    private void refill(int perMinute) {
        if (perMinute > MAX_RATE) {
            throw new IllegalArgumentException("Mail rate " + perMinute + " per minute is above " + MAX_RATE);
        }
        Instant now = clock.instant();
        long capacity = burst(perMinute) * MAIL;
        if (now.isAfter(filledAt)) {
            // a minute of refill fills any bucket (burst <= rate per minute, or 2); the cap keeps the product small
            long nanos = Math.min(Duration.between(filledAt, now).toNanos(), MAIL);
            units = units > capacity - nanos * perMinute ? capacity : units + nanos * perMinute;
            filledAt = now;
        }
        // a clock that stepped back adds nothing; a lower rate keeps no more than its own burst
        units = Math.min(units, capacity);
    }
}
