package jp.kagi.admin;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import jp.kagi.account.AttemptThrottle;
import jp.kagi.audit.AuditLog;
import jp.kagi.metrics.KagiMeters;
import jp.kagi.platform.Actor;
import jp.kagi.platform.AddressGroup;

/**
 * The one way back-office users sign in, for the Login screen and for the API (HTTP Basic or API token): throttled
 * per account and per source address with the portal's {@link AttemptThrottle} (delays, never a lock-out), every
 * attempt audited (throttled bursts summarised, see {@link SignInAuditVolume}), and at most a few password checks
 * at a time so that a flood of staff guesses cannot starve the portal of CPU. A throttled attempt is refused before
 * any look-up or PBKDF2, for known and unknown user IDs alike.
 */
@Stateless
public class StaffSignIn {

    /** Password checks at once: PBKDF2 takes a core for a while, and the portal must keep the others. */
    private static final Semaphore CHECKS = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors() / 2),
            true);
    private static final long CHECK_QUEUE_SECONDS = 10;
    /** Beyond this many waiting for a check, refuse at once: waiting requests hold server threads the portal needs. */
    private static final int CHECK_QUEUE_MAX = 8;
    static final String TOKEN_ACCOUNT = "admin-token";

    @Inject
    private AdminService admins;

    @Inject
    private ApiTokens tokens;

    @Inject
    private AttemptThrottle throttle;

    @Inject
    private AuditLog audit;

    @Inject
    private SignInAuditVolume volume;

    @Inject
    private Clock clock;

    public SignInOutcome withPassword(SignInChannel channel, String userId, String password, String address) {
        String account = "admin:" + (userId == null ? "" : userId);
        String pair = pairKey(userId, address);
        Duration wait = throttle.waitBefore(account, address);
        if (!wait.isZero()) {
            return throttled(channel, userId, address, pair, wait);
        }
        if (!acquire()) {
            // too many checks at once: refused like a throttled attempt (summarised in the audit), but not counted
            return throttled(channel, userId, address, pair, Duration.ofSeconds(1));
        }
        Optional<StaffSession> principal;
        try {
            wait = throttle.admit(account, address);
            if (!wait.isZero()) {
                return throttled(channel, userId, address, pair, wait);
            }
            principal = admins.signIn(userId, password);
        } finally {
            CHECKS.release();
        }
        int earlier = volume.drain(pair);
        if (principal.isEmpty()) {
            throttle.confirmFailure(account, address);
            KagiMeters.loginFailed("staff");
            audit.recordRefusal(actor(userId, address), "admin.loginFailed", "admin", objectId(userId),
                    detail(channel, earlier));
            return SignInOutcome.failure();
        }
        throttle.succeeded(account, address);
        if (channel == SignInChannel.SCREEN || volume.apiSuccess(pair, clock.instant())) {
            audit.recordRefusal(actor(userId, address), "admin.login", "admin", objectId(userId),
                    detail(channel, earlier));
        }
        return SignInOutcome.success(principal.get());
    }

    /** Signs in with an API token; a wrong token counts against the source address like a wrong password. */
    public SignInOutcome withToken(String token, String address) {
        String pair = pairKey(TOKEN_ACCOUNT, address);
        Duration wait = throttle.admit(TOKEN_ACCOUNT + ":" + AddressGroup.of(address), address);
        if (!wait.isZero()) {
            return throttled(SignInChannel.TOKEN, TOKEN_ACCOUNT, address, pair, wait);
        }
        Optional<ApiTokens.Holder> holder = tokens.authenticate(token);
        if (holder.isEmpty()) {
            throttle.confirmFailure(TOKEN_ACCOUNT + ":" + AddressGroup.of(address), address);
            KagiMeters.loginFailed("api-token");
            audit.recordRefusal(actor(TOKEN_ACCOUNT, address), "admin.loginFailed", "admin", TOKEN_ACCOUNT,
                    detail(SignInChannel.TOKEN, volume.drain(pair)));
            return SignInOutcome.failure();
        }
        throttle.succeeded(TOKEN_ACCOUNT + ":" + AddressGroup.of(address), address);
        AdminPrincipal principal = holder.get().principal();
        if (volume.apiSuccess(pairKey(principal.userId(), address) + "\ntoken " + holder.get().tokenId(),
                clock.instant())) {
            audit.recordRefusal(actor(principal.userId(), address), "admin.login", "admin", principal.userId(),
                    detail(SignInChannel.TOKEN, 0) + " token " + holder.get().tokenId());
        }
        return SignInOutcome.success(new StaffSession(principal, null)); // REST: no screen session to stamp
    }

    private SignInOutcome throttled(SignInChannel channel, String userId, String address, String pair, Duration wait) {
        Instant now = clock.instant();
        int unrecorded = volume.throttled(pair, now);
        if (unrecorded >= 0) {
            audit.recordRefusal(actor(userId, address), "admin.loginThrottled", "admin", objectId(userId),
                    channel.name().toLowerCase(java.util.Locale.ROOT) + ", retry after " + Math.max(1, wait.toSeconds())
                            + " s" + (unrecorded > 0 ? ", " + unrecorded + " throttled attempts before this one" : ""));
        }
        return SignInOutcome.throttled(wait);
    }

    private static boolean acquire() {
        if (CHECKS.getQueueLength() >= CHECK_QUEUE_MAX) {
            return false;
        }
        try {
            return CHECKS.tryAcquire(CHECK_QUEUE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String pairKey(String userId, String address) {
        return (userId == null ? "" : userId) + "\n" + AddressGroup.of(address);
    }

    private static String detail(SignInChannel channel, int earlierThrottled) {
        String c = channel.name().toLowerCase(java.util.Locale.ROOT);
        return earlierThrottled > 0 ? c + ", after " + earlierThrottled + " throttled attempts not recorded one by one" : c;
    }

    private static Actor actor(String userId, String address) {
        return new Actor(objectId(userId), address);
    }

    private static String objectId(String userId) {
        String id = userId == null || userId.isEmpty() ? "-" : userId;
        return id.length() > 64 ? id.substring(0, 64) : id;
    }
}
