package jp.kagi.admin;

import java.time.Duration;
import java.util.Optional;

/**
 * The answer to a staff sign-in: the principal with the stamp of the password it used (for a screen session), or nothing; {@code retryAfter} is non-zero when the attempt was
 * refused unchecked because of too many recent failures (the client should wait that long).
 */
public record SignInOutcome(Optional<StaffSession> session, Duration retryAfter) {

    static SignInOutcome success(StaffSession session) {
        return new SignInOutcome(Optional.of(session), Duration.ZERO);
    }

    static SignInOutcome failure() {
        return new SignInOutcome(Optional.empty(), Duration.ZERO);
    }

    static SignInOutcome throttled(Duration wait) {
        return new SignInOutcome(Optional.empty(), wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait);
    }

    /** The signed-in principal, if the credentials were right. */
    public Optional<AdminPrincipal> principal() {
        return session.map(StaffSession::principal);
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
