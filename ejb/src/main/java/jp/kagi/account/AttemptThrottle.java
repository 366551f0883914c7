package jp.kagi.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import jp.kagi.platform.AddressGroup;

/**
 * Slows down password guessing (portal login, key retrieval, staff sign-in) per account and per source address,
 * with delays rather than lock-outs: an address that keeps failing waits up to 15 minutes, but an account under
 * attack from elsewhere makes its real owner wait at most a minute. Counters fade 15 minutes after the last failure.
 * Addresses are counted per {@link AddressGroup} (IPv6 per /64). A success clears the account and only the failures
 * that this account made from that address: one user signing in does not wipe the address's count of the others.
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

    // one lock for the three maps: every operation is a few map look-ups, and admit() must be atomic
    private final Map<String, Failures> byAccount = new HashMap<>();
    private final Map<String, Failures> byAddress = new HashMap<>();
    private final Map<String, Failures> byPair = new HashMap<>();

    public AttemptThrottle() {
    }

    AttemptThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long the caller must wait before it may try again; zero when it may try now. */
    public synchronized Duration waitBefore(String account, String address) {
        Instant now = clock.instant();
        Duration a = remaining(byAccount.get(key(account)), ACCOUNT_CAP, now);
        Duration b = remaining(byAddress.get(group(address)), ADDRESS_CAP, now);
        return a.compareTo(b) >= 0 ? a : b;
    }

    /**
     * Check and count in one step, for callers that may run many attempts at once: when the answer is zero the
     * attempt is already counted as a failure (so that 500 parallel guesses cannot all pass the check before the
     * first one fails), and {@link #succeeded} takes it back. A non-zero answer is the wait; nothing is counted.
     */
    public synchronized Duration admit(String account, String address) {
        Duration wait = waitBefore(account, address);
        if (wait.isZero()) {
            failed(account, address);
        }
        return wait;
    }

    public synchronized void failed(String account, String address) {
        Instant now = clock.instant();
        if (byAccount.size() > MAX_ENTRIES || byAddress.size() > MAX_ENTRIES || byPair.size() > MAX_ENTRIES) {
            forgetOld(now);
        }
        byAccount.merge(key(account), new Failures(1, now), (old, one) -> old.plusOne(now));
        byAddress.merge(group(address), new Failures(1, now), (old, one) -> old.plusOne(now));
        byPair.merge(pair(account, address), new Failures(1, now), (old, one) -> old.plusOne(now));
    }

    /**
     * An admitted attempt turned out wrong: its failure (counted by {@link #admit}) now dates from the end of the
     * check, so that the delay is not eaten up by the time the password check itself took.
     */
    public synchronized void confirmFailure(String account, String address) {
        Instant now = clock.instant();
        byAccount.computeIfPresent(key(account), (k, f) -> new Failures(f.count, now));
        byAddress.computeIfPresent(group(address), (k, f) -> new Failures(f.count, now));
        byPair.computeIfPresent(pair(account, address), (k, f) -> new Failures(f.count, now));
    }

    /** The owner is back: its account is cleared, and the address forgets this account's failures only. */
    public synchronized void succeeded(String account, String address) {
        Instant now = clock.instant();
        byAccount.remove(key(account));
        Failures own = byPair.remove(pair(account, address));
        if (own != null && !now.isAfter(own.last.plus(FORGET_AFTER))) {
            String g = group(address);
            Failures all = byAddress.get(g);
            if (all != null) {
                int left = all.count - own.count;
                if (left <= 0) {
                    byAddress.remove(g);
                } else {
                    byAddress.put(g, new Failures(left, all.last));
                }
            }
        }
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
        byPair.values().removeIf(f -> now.isAfter(f.last.plus(FORGET_AFTER)));
    }

    private static String key(String value) {
        return value == null ? "" : value;
    }

    private static String group(String address) {
        return AddressGroup.of(address);
    }

    private static String pair(String account, String address) {
        return group(address) + "\n" + key(account);
    }

    private record Failures(int count, Instant last) {
        Failures plusOne(Instant now) {
            boolean stale = now.isAfter(last.plus(FORGET_AFTER));
            return new Failures(stale ? 1 : count + 1, now);
        }
    }
}
