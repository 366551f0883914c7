package jp.kagi.account;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentMap;
import jp.kagi.platform.AddressGroup;

/**
 * Slows down password guessing (portal login, key retrieval, staff sign-in) per account and per source address,
 * with delays rather than lock-outs: an address that keeps failing waits up to 15 minutes, but an account under
 * attack from elsewhere makes its real owner wait at most a minute. Counters fade 15 minutes after the last failure.
 * Addresses are counted per {@link AddressGroup} (IPv6 per /64). A success clears the account and only the failures
 * that this account made from that address: one user signing in does not wipe the address's count of the others.
 * <p>
 * The counters live in WildFly's Infinispan cache {@code kagi/throttle} (configure.cli: a local cache; ha.cli: a
 * replicated cache on the {@code ee} channel), so every node of a cluster counts the same failures. Each counter is
 * changed atomically on its own; the account, address and pair counters are not changed together (see {@link #admit}).
 */
@ApplicationScoped
public class AttemptThrottle {

    static final int FREE_FAILURES = 5;
    static final Duration ADDRESS_CAP = Duration.ofMinutes(15);
    static final Duration ACCOUNT_CAP = Duration.ofMinutes(1);
    static final Duration FORGET_AFTER = Duration.ofMinutes(15);
    static final String CACHE = "java:jboss/infinispan/cache/kagi/throttle";
    private static final int MAX_ENTRIES = 100_000;

    @Inject
    Clock clock;

    @Resource(lookup = CACHE)
    ConcurrentMap<String, String> cache;

    private ThrottleStore store;

    public AttemptThrottle() {
    }

    /** Counters in this JVM only (unit tests). */
    AttemptThrottle(Clock clock) {
        this(clock, new MemoryThrottleStore(clock, FORGET_AFTER, MAX_ENTRIES));
    }

    AttemptThrottle(Clock clock, ThrottleStore store) {
        this.clock = clock;
        this.store = store;
    }

    @PostConstruct
    void useServerCache() {
        store = new CacheThrottleStore(cache);
    }

    /** How long the caller must wait before it may try again; zero when it may try now. */
    public Duration waitBefore(String account, String address) {
        Instant now = clock.instant();
        Duration a = remaining(read(accountKey(account)), ACCOUNT_CAP, now);
        Duration b = remaining(read(addressKey(address)), ADDRESS_CAP, now);
        return a.compareTo(b) >= 0 ? a : b;
    }

    /**
     * Check and count in one step, for callers that may run many attempts at once: when the answer is zero the
     * attempt is already counted as a failure (so that 500 parallel guesses cannot all pass the check before the
     * first one fails), and {@link #succeeded} takes it back. A non-zero answer is the wait; nothing is counted.
     * <p>
     * The account's counter is claimed first, then the address's, each by one atomic check-and-count on that key
     * (on every node of a cluster alike): an account or an address never admits more attempts than its own rule
     * allows. If the address refuses after the account was claimed, the account's claim is given back.
     */
    public Duration admit(String account, String address) {
        Duration wait = waitBefore(account, address);
        if (!wait.isZero()) {
            return wait;
        }
        Instant now = clock.instant();
        String accountKey = accountKey(account);
        wait = claim(accountKey, ACCOUNT_CAP, now);
        if (!wait.isZero()) {
            return wait;
        }
        wait = claim(addressKey(address), ADDRESS_CAP, now);
        if (!wait.isZero()) {
            store.update(accountKey, AttemptThrottle::minusOne);
            return wait;
        }
        store.update(pairKey(account, address), old -> Failures.of(old).plusOne(now).encode());
        return Duration.ZERO;
    }

    public void failed(String account, String address) {
        Instant now = clock.instant();
        for (String key : new String[] {accountKey(account), addressKey(address), pairKey(account, address)}) {
            store.update(key, old -> Failures.of(old).plusOne(now).encode());
        }
    }

    /**
     * An admitted attempt turned out wrong: its failure (counted by {@link #admit}) now dates from the end of the
     * check, so that the delay is not eaten up by the time the password check itself took.
     */
    public void confirmFailure(String account, String address) {
        Instant now = clock.instant();
        for (String key : new String[] {accountKey(account), addressKey(address), pairKey(account, address)}) {
            store.update(key, old -> old == null ? null : new Failures(Failures.of(old).count, now).encode());
        }
    }

    /** The owner is back: its account is cleared, and the address forgets this account's failures only. */
    public void succeeded(String account, String address) {
        Instant now = clock.instant();
        store.remove(accountKey(account));
        Failures own = Failures.of(store.remove(pairKey(account, address)));
        if (own.count > 0 && !now.isAfter(own.last.plus(FORGET_AFTER))) {
            store.update(addressKey(address), old -> {
                if (old == null) {
                    return null;
                }
                Failures all = Failures.of(old);
                int left = all.count - own.count;
                return left <= 0 ? null : new Failures(left, all.last).encode();
            });
        }
    }

    /** Counts one failure on the key when its rule lets an attempt through now; otherwise answers the wait. */
    private Duration claim(String key, Duration cap, Instant now) {
        Duration[] wait = {Duration.ZERO};
        store.update(key, old -> {
            Failures f = Failures.of(old);
            wait[0] = remaining(f, cap, now);
            return wait[0].isZero() ? f.plusOne(now).encode() : old;
        });
        return wait[0];
    }

    private static String minusOne(String old) {
        if (old == null) {
            return null;
        }
        Failures f = Failures.of(old);
        return f.count <= 1 ? null : new Failures(f.count - 1, f.last).encode();
    }

    private Failures read(String key) {
        return Failures.of(store.get(key));
    }

    private static Duration remaining(Failures f, Duration cap, Instant now) {
        if (f.count < FREE_FAILURES || now.isAfter(f.last.plus(FORGET_AFTER))) {
            return Duration.ZERO;
        }
        long seconds = 1L << Math.min(f.count - FREE_FAILURES, 20);
        Duration delay = Duration.ofSeconds(seconds).compareTo(cap) > 0 ? cap : Duration.ofSeconds(seconds);
        Duration left = Duration.between(now, f.last.plus(delay));
        return left.isNegative() ? Duration.ZERO : left;
    }

    // one cache for the three kinds of counter: the first line of the key says which
    private static String accountKey(String account) {
        return "account\n" + (account == null ? "" : account);
    }

    private static String addressKey(String address) {
        return "address\n" + AddressGroup.of(address);
    }

    private static String pairKey(String account, String address) {
        return "pair\n" + AddressGroup.of(address) + "\n" + (account == null ? "" : account);
    }

    /** A counter: failures since it was last quiet for 15 minutes, and when the last one happened. */
    private record Failures(int count, Instant last) {
        private static final Failures NONE = new Failures(0, Instant.EPOCH);

        static Failures of(String value) {
            if (value == null) {
                return NONE;
            }
            int space = value.indexOf(' ');
            return new Failures(Integer.parseInt(value.substring(0, space)), Instant.parse(value.substring(space + 1)));
        }

        String encode() {
            return count + " " + last;
        }

        Failures plusOne(Instant now) {
            boolean stale = count == 0 || now.isAfter(last.plus(FORGET_AFTER));
            return new Failures(stale ? 1 : count + 1, now);
        }
    }
}
