package jp.kagi.revocation;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import jp.kagi.platform.IntervalTimers;
import jp.kagi.platform.Settings;

/**
 * Keeps the CRLs fresh: two persistent interval timers re-sign the full CRL every {@code KAGI_CRL_REFRESH} and the
 * delta every {@code KAGI_CRL_DELTA_REFRESH} (both well inside their validity, see {@link CrlSchedule}); they survive
 * restarts and are recreated only when their setting changes. After a revocation commits, a short single-action
 * timer ({@code KAGI_CRL_REVOCATION_DELAY}) re-signs delta, full and delta: revocations that commit while one is
 * pending share it, and one that commits while it signs schedules the next. At start, whatever is missing or due is
 * signed in the background; until then the last stored CRL is served.
 */
@Singleton
@Startup
@DependsOn("CertificateAuthority")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CrlRefresh {

    private static final Logger LOG = Logger.getLogger(CrlRefresh.class.getName());
    static final String FULL = "kagi-crl-full ";
    static final String DELTA = "kagi-crl-delta ";
    static final String REVOKED = "kagi-crl-revoked";
    static final String START = "kagi-crl-start";

    @Resource
    private TimerService timers;

    @Inject
    private CrlPublisher publisher;

    @Inject
    private Settings settings;

    private final AtomicBoolean pending = new AtomicBoolean();
    private CrlSchedule schedule;

    @PostConstruct
    void schedule() {
        try {
            schedule = CrlSchedule.of(settings);
        } catch (IllegalArgumentException | IllegalStateException e) {
            LOG.severe(() -> "CRL settings refused, using the defaults (" + CrlSchedule.DEFAULT + "): " + e.getMessage());
            schedule = CrlSchedule.DEFAULT;
        }
        publisher.use(schedule);
        interval(FULL, schedule.refresh());
        interval(DELTA, schedule.deltaRefresh());
        timers.createSingleActionTimer(0, new TimerConfig(START, false));
        LOG.info(() -> "CRLs: full valid " + schedule.validity() + ", re-signed every " + schedule.refresh()
                + "; delta valid " + schedule.deltaValidity() + ", re-signed every " + schedule.deltaRefresh()
                + "; after a revocation within " + schedule.revocationDelay() + " plus signing");
    }

    /** Called once a revoking transaction has committed: re-sign soon, once for every burst. */
    public void revoked(@Observes(during = TransactionPhase.AFTER_SUCCESS) CertificateRevoked event) {
        if (pending.compareAndSet(false, true)) {
            timers.createSingleActionTimer(Math.max(1, schedule.revocationDelay().toMillis()),
                    new TimerConfig(REVOKED, false));
        }
    }

    @Timeout
    void tick(Timer timer) {
        String info = String.valueOf(timer.getInfo());
        try {
            if (info.equals(REVOKED)) {
                pending.set(false);
                publisher.afterRevocation();
            } else if (info.equals(START)) {
                publisher.signDue();
            } else if (info.startsWith(FULL)) {
                IntervalTimers.dedupe(timers, FULL, schedule.refresh());
                publisher.sign(CrlKind.FULL);
                publisher.sign(CrlKind.DELTA);
            } else if (info.startsWith(DELTA)) {
                IntervalTimers.dedupe(timers, DELTA, schedule.deltaRefresh());
                publisher.sign(CrlKind.DELTA);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Signing the CRL (" + info + ") failed; the next timer will try again", e);
            if (info.equals(REVOKED) && pending.compareAndSet(false, true)) {
                timers.createSingleActionTimer(Duration.ofSeconds(30).toMillis(), new TimerConfig(REVOKED, false));
            }
        }
    }

    private void interval(String prefix, Duration every) {
        IntervalTimers.ensure(timers, prefix, every);
    }
}
