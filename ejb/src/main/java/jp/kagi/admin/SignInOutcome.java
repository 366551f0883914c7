package jp.kagi.admin;

import java.time.Duration;
import java.util.Optional;

/**
 * The answer to a staff sign-in: the principal, or nothing; {@code retryAfter} is non-zero when the attempt was
 * refused unchecked because of too many recent failures (the client should wait that long).
 */
public record SignInOutcome(Optional<AdminPrincipal> principal, Duration retryAfter) {

    static SignInOutcome success(AdminPrincipal principal) {
        return new SignInOutcome(Optional.of(principal), Duration.ZERO);
    }

    static SignInOutcome failure() {
        return new SignInOutcome(Optional.empty(), Duration.ZERO);
    }

    static SignInOutcome throttled(Duration wait) {
        return new SignInOutcome(Optional.empty(), wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait);
    }

    public boolean isThrottled() {
        return !retryAfter.isZero();
    }

    /** Whole seconds to wait, at least one, for a Retry-After header or a message. */
    public long retryAfterSeconds() {
        long s = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, s);
    }
}
