package jp.kagi.platform;

import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One persistent interval timer per purpose, also in a cluster. Each node's startup bean looks for the timer and makes
 * it when missing; two nodes that start at once both find none (a node sees the other's timers only after the data
 * store's refresh) and both make one. A second timer is harmless (each expiration runs on one node only, and every
 * handler is safe to run twice) and is cancelled here at the next tick: every timer carries a random suffix in its
 * info, and of the timers for the same purpose and interval the one with the smallest info stays, so that nodes which
 * see the same timers cancel the same ones and never the last.
 */
public final class IntervalTimers {

    private static final String NONCE = " #";

    private IntervalTimers() {
    }

    /** At start: keeps the timer for prefix + every, cancels those of another interval, makes one when none. */
    public static boolean ensure(TimerService timers, String prefix, Duration every) {
        String base = prefix + every;
        boolean current = false;
        for (Timer timer : timers.getTimers()) {
            String info = String.valueOf(timer.getInfo());
            if (matches(info, base)) {
                current = true;
            } else if (info.startsWith(prefix)) {
                timer.cancel();
            }
        }
        if (!current) {
            timers.createIntervalTimer(every.toMillis(), every.toMillis(),
                    new TimerConfig(base + NONCE + UUID.randomUUID(), true));
        }
        return !current;
    }

    /** At each tick: cancels every timer for prefix + every but the one with the smallest info. */
    public static int dedupe(TimerService timers, String prefix, Duration every) {
        String base = prefix + every;
        List<Timer> same = new ArrayList<>();
        for (Timer timer : timers.getTimers()) {
            if (matches(String.valueOf(timer.getInfo()), base)) {
                same.add(timer);
            }
        }
        same.sort(Comparator.comparing(t -> String.valueOf(t.getInfo())));
        for (Timer twin : same.subList(Math.min(1, same.size()), same.size())) {
            twin.cancel();
        }
        return Math.max(0, same.size() - 1);
    }

    /** After a single-action timer fired: cancels the other timers with an equal info (made by another node). */
    public static int cancelTwins(TimerService timers, Timer fired) {
        Serializable info = fired.getInfo();
        int cancelled = 0;
        for (Timer timer : timers.getTimers()) {
            if (Objects.equals(info, timer.getInfo()) && !timer.getHandle().equals(fired.getHandle())) {
                timer.cancel();
                cancelled++;
            }
        }
        return cancelled;
    }

    private static boolean matches(String info, String base) {
        return info.equals(base) || info.startsWith(base + NONCE);
    }
}
