package jp.kagi.revocation;

import java.time.Duration;
import java.time.Instant;
import jp.kagi.platform.Settings;

/**
 * When CRLs are signed and how long they are valid (ISO-8601 durations, seconds allowed so that tests and rehearsals
 * can run in seconds):
 * <ul>
 *   <li>{@code KAGI_CRL_VALIDITY} (P1D): a full CRL's nextUpdate − thisUpdate;</li>
 *   <li>{@code KAGI_CRL_REFRESH} (PT6H): the full CRL is re-signed this often, so it is always re-signed while at
 *       least validity − refresh (18 h by default) of it remains;</li>
 *   <li>{@code KAGI_CRL_DELTA_VALIDITY} (PT1H) and {@code KAGI_CRL_DELTA_REFRESH} (PT15M): the same for the delta;</li>
 *   <li>{@code KAGI_CRL_REVOCATION_DELAY} (PT1S): after a revocation commits, both are re-signed this much later
 *       (revocations within that second share one signing);</li>
 *   <li>{@code KAGI_CRL_DELTA_OVERLAP} (PT10M): a delta lists revocations dated from this long before its base
 *       CRL's thisUpdate, so that a revocation whose transaction was still open while the base was read (WildFly's
 *       transaction timeout is 5 minutes) is never in neither. Listing one that the base has too is harmless.</li>
 * </ul>
 * Each refresh must be shorter than its validity; otherwise the setting is refused.
 */
public record CrlSchedule(Duration validity, Duration refresh, Duration deltaValidity, Duration deltaRefresh,
                          Duration revocationDelay, Duration deltaOverlap) {

    public static final CrlSchedule DEFAULT = new CrlSchedule(Duration.ofDays(1), Duration.ofHours(6),
            Duration.ofHours(1), Duration.ofMinutes(15), Duration.ofSeconds(1), Duration.ofMinutes(10));

    public CrlSchedule {
        positive("kagi.crl.validity", validity);
        positive("kagi.crl.refresh", refresh);
        positive("kagi.crl.delta.validity", deltaValidity);
        positive("kagi.crl.delta.refresh", deltaRefresh);
        positive("kagi.crl.delta.overlap", deltaOverlap);
        if (revocationDelay.isNegative()) {
            throw new IllegalArgumentException("kagi.crl.revocation.delay must not be negative");
        }
        if (refresh.compareTo(validity) >= 0) {
            throw new IllegalArgumentException("kagi.crl.refresh (" + refresh + ") must be shorter than kagi.crl.validity ("
                    + validity + "), or the CRL would expire before it is re-signed");
        }
        if (deltaRefresh.compareTo(deltaValidity) >= 0) {
            throw new IllegalArgumentException("kagi.crl.delta.refresh (" + deltaRefresh
                    + ") must be shorter than kagi.crl.delta.validity (" + deltaValidity + ")");
        }
    }

    public static CrlSchedule of(Settings settings) {
        return new CrlSchedule(settings.duration("kagi.crl.validity", DEFAULT.validity),
                settings.duration("kagi.crl.refresh", DEFAULT.refresh),
                settings.duration("kagi.crl.delta.validity", DEFAULT.deltaValidity),
                settings.duration("kagi.crl.delta.refresh", DEFAULT.deltaRefresh),
                settings.duration("kagi.crl.revocation.delay", DEFAULT.revocationDelay),
                settings.duration("kagi.crl.delta.overlap", DEFAULT.deltaOverlap));
    }

    public Duration validity(CrlKind kind) {
        return kind == CrlKind.FULL ? validity : deltaValidity;
    }

    public Duration refresh(CrlKind kind) {
        return kind == CrlKind.FULL ? refresh : deltaRefresh;
    }

    /** The revocation dates a delta over a base signed at {@code baseThisUpdate} lists: from this instant on. */
    public Instant deltaSince(Instant baseThisUpdate) {
        return baseThisUpdate.minus(deltaOverlap);
    }

    /** True when there is no CRL of this kind yet, or its refresh time has come. */
    public boolean isDue(CrlKind kind, CrlInfo latest, Instant now) {
        return latest == null || !now.isBefore(latest.thisUpdate().plus(refresh(kind)));
    }

    /**
     * The CRL number to use when the stored counter is {@code stored}: counting starts (0 = never) at the epoch
     * millisecond, above every number the earlier on-demand CRL used (it numbered by thisUpdate's millisecond).
     */
    public static long numberFrom(long stored, long nowMillis) {
        return stored > 0 ? stored : nowMillis;
    }

    private static void positive(String name, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, not " + d);
        }
    }
}
