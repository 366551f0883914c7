package jp.kagi.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The outbox's token bucket on a hand-driven clock: minutes simulated, nothing slept. */
class MailRateBucketTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final MailRateBucket bucket = new MailRateBucket(clock);

    /** Takes as much as the bucket gives right now. */
    private int drain(int perMinute) {
        int taken = 0;
        while (bucket.tryTake(perMinute)) {
            taken++;
            if (taken > 10_000_000) {
                throw new AssertionError("the bucket never runs dry");
            }
        }
        return taken;
    }

    /** A sender that asks as often as it can, on a clock stepping {@code step} at a time, for {@code length}. */
    private int sendFor(int perMinute, Duration length, Duration step) {
        int sent = drain(perMinute);
        for (Duration t = Duration.ZERO; t.compareTo(length) < 0; t = t.plus(step)) {
            clock.advance(step);
            sent += drain(perMinute);
        }
        return sent;
    }

    @Test
    void theBurstIsOneSecondsWorthAndAtLeastTwo() {
        assertEquals(2, MailRateBucket.burst(1));
        assertEquals(2, MailRateBucket.burst(60));
        assertEquals(2, MailRateBucket.burst(120));
        assertEquals(3, MailRateBucket.burst(121));
        assertEquals(10, MailRateBucket.burst(600));
    }

    @Test
    void aFullBucketGivesTheBurstAndThenPacesTheRate() {
        assertEquals(10, drain(600), "a fresh bucket is full: the burst, no more");
        assertEquals(Duration.ofMillis(100), bucket.untilNext(600));
        clock.advance(Duration.ofMillis(99));
        assertFalse(bucket.tryTake(600));
        assertEquals(Duration.ofMillis(1), bucket.untilNext(600));
        clock.advance(Duration.ofMillis(1));
        assertTrue(bucket.tryTake(600));
        assertFalse(bucket.tryTake(600));
    }

    @Test
    void overSimulatedMinutesTheRateIsRespectedExactly() {
        for (int rate : new int[] {1, 7, 120, 600, 3_000}) {
            MailRateBucket fresh = new MailRateBucket(clock);
            int sent = 0;
            while (fresh.tryTake(rate)) {
                sent++;
            }
            assertEquals(MailRateBucket.burst(rate), sent);
            for (int second = 0; second < 600; second++) { // ten minutes, asked every 10 ms
                for (int tick = 0; tick < 100; tick++) {
                    clock.advance(Duration.ofMillis(10));
                    while (fresh.tryTake(rate)) {
                        sent++;
                    }
                }
            }
            assertEquals(MailRateBucket.burst(rate) + 10 * rate, sent, "rate " + rate + " over ten minutes");
        }
    }

    @Test
    void noWindowHoldsMoreThanTheBurstPlusTheRate() {
        int rate = 600;
        int[] perTick = new int[6_000]; // one minute in 10 ms ticks
        perTick[0] = drain(rate);
        for (int i = 1; i < perTick.length; i++) {
            clock.advance(Duration.ofMillis(10));
            perTick[i] = drain(rate);
        }
        for (int window : new int[] {1, 10, 100, 1_000}) { // 10 ms, 100 ms, 1 s, 10 s
            for (int from = 0; from + window <= perTick.length; from++) {
                int sum = 0;
                for (int i = from; i < from + window; i++) {
                    sum += perTick[i];
                }
                long bound = MailRateBucket.burst(rate) + (long) rate * window * 10 / 60_000;
                assertTrue(sum <= bound, sum + " mails in " + window * 10 + " ms from tick " + from + " > " + bound);
            }
        }
    }

    @Test
    void anIdleHourSavesNoMoreThanTheBurst() {
        drain(120);
        clock.advance(Duration.ofHours(1));
        assertEquals(2, drain(120), "saving up is capped: no flood after a quiet night");
        clock.advance(Duration.ofDays(400));
        assertEquals(10, drain(600));
    }

    @Test
    void budgetCarriesOverBetweenRoundsWithoutLossOrExtra() {
        // rounds that ask at uneven moments, with pauses between them, still get exactly the rate
        int sent = drain(60); // 1 per second, burst 2
        for (int round = 0; round < 60; round++) {
            clock.advance(Duration.ofMillis(500)); // the pause before the next tick (the longest the sender makes)
            sent += drain(60);
            clock.advance(Duration.ofMillis(499)); // a round that ended just before its next mail's budget
            sent += drain(60);
            clock.advance(Duration.ofMillis(1));
        }
        sent += drain(60);
        assertEquals(2 + 60, sent, "the burst, then exactly one a second for 60 s");
    }

    @Test
    void aChangedRateAppliesFromTheNextMail() {
        assertEquals(60, sendFor(600, Duration.ofSeconds(5), Duration.ofMillis(50)), "burst 10 + 5 s at 10/s");
        assertEquals(20, sendFor(120, Duration.ofSeconds(10), Duration.ofMillis(50)), "then 10 s at 2/s");
        assertEquals(600, sendFor(6_000, Duration.ofSeconds(6), Duration.ofMillis(50)), "then 6 s at 100/s");
    }

    @Test
    void aLowerRateKeepsNoMoreThanItsOwnBurst() {
        clock.advance(Duration.ofMinutes(1));
        bucket.untilNext(6_000); // full at 6,000/min: 100 saved
        assertEquals(2, drain(60), "lowered to 60/min: its burst of two, not the 100 saved at the higher rate");
        assertEquals(Duration.ofSeconds(1), bucket.untilNext(60));
    }

    @Test
    void zeroMeansUnlimited() {
        for (int i = 0; i < 100_000; i++) {
            assertTrue(bucket.tryTake(0));
        }
        assertEquals(Duration.ZERO, bucket.untilNext(0));
        assertEquals(2, drain(60), "back to a limit: starts from at most the burst");
    }

    @Test
    void aClockThatStepsBackGrantsNothing() {
        assertEquals(2, drain(60));
        clock.advance(Duration.ofSeconds(-30));
        assertFalse(bucket.tryTake(60));
        clock.advance(Duration.ofSeconds(30));
        assertFalse(bucket.tryTake(60), "the lost half minute is not paid twice");
        clock.advance(Duration.ofSeconds(1));
        assertTrue(bucket.tryTake(60));
    }

    @Test
    void anAbsurdRateIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> bucket.tryTake(MailRateBucket.MAX_RATE + 1));
        assertEquals(MailRateBucket.burst(MailRateBucket.MAX_RATE), drain(MailRateBucket.MAX_RATE));
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
