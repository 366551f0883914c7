package jp.kagi.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing (portal login, key retrieval) per account and per source address, with delays
 * rather than lock-outs: an address that keeps failing waits up to 15 minutes, but an account under attack from
 * elsewhere makes its real owner wait at most a minute. Counters fade 15 minutes after the last failure.
 */
@ApplicationScoped
public class AttemptThrottle {

    static final int FREE_FAILURES = 5;
    static final Duration ADDRESS_CAP = Duration.ofMinutes(15);
    static final Duration ACCOUNT_CAP = Duration.ofMinutes(1);
    static final Duration FORGET_AFTER = Duration.ofMinutes(15);
    private static final int MAX_ENTRIES = 100_000;

    @Inject
    Clock clock;

    private final ConcurrentHashMap<String, Failures> byAccount = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Failures> byAddress = new ConcurrentHashMap<>();

    public AttemptThrottle() {
    }

    AttemptThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long the caller must wait before it may try again; zero when it may try now. */
    public Duration waitBefore(String account, String address) {
        Instant now = clock.instant();
        Duration a = remaining(byAccount.get(key(account)), ACCOUNT_CAP, now);
        Duration b = remaining(byAddress.get(key(address)), ADDRESS_CAP, now);
        return a.compareTo(b) >= 0 ? a : b;
    }

    public void failed(String account, String address) {
        Instant now = clock.instant();
        if (byAccount.size() > MAX_ENTRIES || byAddress.size() > MAX_ENTRIES) {
            forgetOld(now);
        }
        byAccount.merge(key(account), new Failures(1, now), (old, one) -> old.plusOne(now));
        byAddress.merge(key(address), new Failures(1, now), (old, one) -> old.plusOne(now));
    }

    /** A success from this address clears the address and the account: the owner is back. */
    public void succeeded(String account, String address) {
        byAccount.remove(key(account));
        byAddress.remove(key(address));
    }

    private static Duration remaining(Failures f, Duration cap, Instant now) {
        if (f == null || f.count < FREE_FAILURES || now.isAfter(f.last.plus(FORGET_AFTER))) {
            return Duration.ZERO;
        }
        long seconds = 1L << Math.min(f.count - FREE_FAILURES, 20);
        Duration delay = Duration.ofSeconds(seconds).compareTo(cap) > 0 ? cap : Duration.ofSeconds(seconds);
        Duration left = Duration.between(now, f.last.plus(delay));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private void forgetOld(Instant now) {
        byAccount.values().removeIf(f -> now.isAfter(f.last.plus(FORGET_AFTER)));
        byAddress.values().removeIf(f -> now.isAfter(f.last.plus(FORGET_AFTER)));
    }

    private static String key(String value) {
        return value == null ? "" : value;
    }

    private record Failures(int count, Instant last) {
        Failures plusOne(Instant now) {
            boolean stale = now.isAfter(last.plus(FORGET_AFTER));
            return new Failures(stale ? 1 : count + 1, now);
        }
    }
}
