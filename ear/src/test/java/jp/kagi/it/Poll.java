package jp.kagi.it;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waiting in integration tests: ask again until the condition holds or the bound runs out, never a fixed sleep as
 * synchronisation. The pause between two questions is only a polling interval.
 */
final class Poll {

    private static final long INTERVAL_MILLIS = 250;

    private Poll() {
    }

    /** The first value of {@code read} that {@code done} accepts; fails, naming {@code what} and the last value. */
    static <T> T until(String what, Duration bound, Supplier<T> read, Predicate<T> done) {
        long deadline = System.nanoTime() + bound.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = read.get();
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(INTERVAL_MILLIS); // the polling interval, bounded by the deadline above
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError(what + " not within " + bound.toSeconds() + " s; last: " + last);
    }

    static void until(String what, Duration bound, BooleanSupplier done) {
        until(what, bound, done::getAsBoolean, Boolean::booleanValue);
    }
}
