package jp.kagi.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Delays, not lock-outs: the attacker's address waits longer and longer, the account's owner at most a minute. */
class AttemptThrottleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final AttemptThrottle throttle = newThrottle(clock);

    /** The counters in memory; {@link CacheThrottleStoreTest} runs the same rules through the cache's code path. */
    AttemptThrottle newThrottle(Clock clock) {
        return new AttemptThrottle(clock);
    }

    @Test
    void theFirstFiveFailuresCostNothing() {
        for (int i = 0; i < 5; i++) {
            assertEquals(Duration.ZERO, throttle.waitBefore("u1", "10.0.0.1"));
            throttle.failed("u1", "10.0.0.1");
        }
        assertEquals(Duration.ofSeconds(1), throttle.waitBefore("u1", "10.0.0.1"));
    }

    @Test
    void delaysDoubleAndAreCappedPerAddressAndPerAccount() {
        for (int i = 0; i < 30; i++) {
            throttle.failed("victim", "198.51.100.7");
        }
        assertEquals(AttemptThrottle.ADDRESS_CAP, throttle.waitBefore("someone-else", "198.51.100.7"),
                "the attacking address waits the longest");
        assertEquals(AttemptThrottle.ACCOUNT_CAP, throttle.waitBefore("victim", "203.0.113.9"),
                "the real owner, elsewhere, waits at most a minute");
    }

    @Test
    void theOwnersSuccessClearsTheAccount() {
        for (int i = 0; i < 8; i++) {
            throttle.failed("u2", "198.51.100.8");
        }
        throttle.succeeded("u2", "203.0.113.10");
        assertEquals(Duration.ZERO, throttle.waitBefore("u2", "203.0.113.10"));
        assertTrue(throttle.waitBefore("u3", "198.51.100.8").compareTo(Duration.ZERO) > 0,
                "but not the attacking address");
    }

    @Test
    void failuresFadeAfterFifteenQuietMinutes() {
        for (int i = 0; i < 10; i++) {
            throttle.failed("u4", "198.51.100.9");
        }
        clock.advance(AttemptThrottle.FORGET_AFTER.plusSeconds(1));
        assertEquals(Duration.ZERO, throttle.waitBefore("u4", "198.51.100.9"));
        throttle.failed("u4", "198.51.100.9");
        assertEquals(Duration.ZERO, throttle.waitBefore("u4", "198.51.100.9"), "counting starts again from one");
    }

    @Test
    void theWaitShrinksAsTimePasses() {
        for (int i = 0; i < 8; i++) {
            throttle.failed("u5", "198.51.100.10");
        }
        Duration first = throttle.waitBefore("u5", "198.51.100.10");
        clock.advance(Duration.ofSeconds(3));
        assertEquals(first.minusSeconds(3), throttle.waitBefore("u5", "198.51.100.10"));
    }

    @Test
    void oneAccountsSuccessDoesNotResetTheAddressForTheOthers() {
        String address = "198.51.100.20";
        for (int i = 0; i < 4; i++) {
            throttle.failed("attacked", address);
        }
        throttle.succeeded("legit", address);
        throttle.failed("attacked", address);
        assertTrue(throttle.waitBefore("third", address).compareTo(Duration.ZERO) > 0,
                "five failures from the address still count after another account signed in");
    }

    @Test
    void theOwnersOwnTyposAreForgivenOnSuccess() {
        String address = "198.51.100.21";
        for (int i = 0; i < 3; i++) {
            throttle.failed("other", address);
        }
        for (int i = 0; i < 2; i++) {
            throttle.failed("owner", address);
        }
        throttle.succeeded("owner", address);
        throttle.failed("other", address);
        assertEquals(Duration.ZERO, throttle.waitBefore("third", address), "3 + 1 failures of the other account only");
    }

    @Test
    void ipv6AddressesCountPerSlash64() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("u6", "2001:db8:1:2::" + Integer.toHexString(i + 1));
        }
        assertTrue(throttle.waitBefore("u7", "2001:db8:1:2:ffff:ffff:ffff:ffff").compareTo(Duration.ZERO) > 0,
                "the same /64 is one address");
        assertEquals(Duration.ZERO, throttle.waitBefore("u7", "2001:db8:1:3::1"), "the next /64 is another");
    }

    @Test
    void admitCountsBeforeTheCheckSoParallelGuessesStopAfterFive() throws InterruptedException {
        java.util.concurrent.atomic.AtomicInteger admitted = new java.util.concurrent.atomic.AtomicInteger();
        java.util.List<Thread> threads = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Thread t = new Thread(() -> {
                if (throttle.admit("victim2", "198.51.100.30").isZero()) {
                    admitted.incrementAndGet();
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join(10_000);
        }
        assertEquals(AttemptThrottle.FREE_FAILURES, admitted.get());
    }

    @Test
    void anAdmittedAttemptThatSucceedsIsTakenBack() {
        for (int i = 0; i < 10; i++) {
            assertEquals(Duration.ZERO, throttle.admit("good", "198.51.100.31"));
            throttle.succeeded("good", "198.51.100.31");
        }
    }

    @Test
    void theDelayRunsFromTheEndOfTheCheck() {
        for (int i = 0; i < 5; i++) {
            throttle.admit("slow", "198.51.100.40");
        }
        clock.advance(Duration.ofSeconds(3)); // a slow password check
        throttle.confirmFailure("slow", "198.51.100.40");
        assertEquals(Duration.ofSeconds(1), throttle.waitBefore("slow", "198.51.100.40"));
    }

    @Test
    void anAttemptRefusedByItsAddressIsNotCountedAgainstTheAccount() {
        String address = "198.51.100.50";
        for (int i = 0; i < 5; i++) {
            throttle.failed("guessed" + i, address);
        }
        assertTrue(throttle.admit("owner2", address).compareTo(Duration.ZERO) > 0, "the address waits");
        for (int i = 0; i < 5; i++) {
            assertEquals(Duration.ZERO, throttle.admit("owner2", "203.0.113.50"),
                    "the account's five free failures are all still there");
        }
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
