package jp.kagi.admin;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the audit log readable under attack and under busy API clients. Throttled refusals of one account from one
 * address group are summarised: the first is recorded at once, the next ones are counted and the count goes into
 * the next record for that pair (a throttled refusal a minute or more later, or the next checked attempt). A Basic
 * or token client that is already known to be good is recorded signing in once per five minutes per address, not
 * on every request. Every checked password (success or failure) on the screen and every failure anywhere is still
 * one record each.
 */
@ApplicationScoped
public class SignInAuditVolume {

    static final Duration SUMMARY_EVERY = Duration.ofMinutes(1);
    static final Duration API_SUCCESS_EVERY = Duration.ofMinutes(5);
    private static final int MAX_ENTRIES = 50_000;

    private final ConcurrentHashMap<String, Summary> refused = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Instant> apiSuccess = new ConcurrentHashMap<>();

    /** -1 when this throttled refusal is only counted; otherwise record it, with this many unrecorded before it. */
    int throttled(String key, Instant now) {
        trim();
        int[] result = {-1};
        refused.compute(key, (k, s) -> {
            if (s == null || !now.isBefore(s.recorded.plus(SUMMARY_EVERY))) {
                result[0] = s == null ? 0 : s.unrecorded;
                return new Summary(now, 0);
            }
            return new Summary(s.recorded, s.unrecorded + 1);
        });
        return result[0];
    }

    /** Throttled refusals of this pair not yet on record (and now taken over by the caller's record). */
    int drain(String key) {
        Summary s = refused.remove(key);
        return s == null ? 0 : s.unrecorded;
    }

    /** Whether an API sign-in that succeeded deserves a record now. */
    boolean apiSuccess(String key, Instant now) {
        trim();
        boolean[] record = {false};
        apiSuccess.compute(key, (k, last) -> {
            if (last == null || !now.isBefore(last.plus(API_SUCCESS_EVERY))) {
                record[0] = true;
                return now;
            }
            return last;
        });
        return record[0];
    }

    private void trim() {
        if (refused.size() > MAX_ENTRIES) {
            refused.clear();
        }
        if (apiSuccess.size() > MAX_ENTRIES) {
            apiSuccess.clear();
        }
    }

    private record Summary(Instant recorded, int unrecorded) {
    }
}
