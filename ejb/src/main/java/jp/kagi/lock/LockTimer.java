package jp.kagi.lock;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import jp.kagi.platform.IntervalTimers;
import jp.kagi.platform.Settings;

/**
 * A persistent interval timer (KAGI_LOCK_SWEEP, ISO-8601, default PT30S) that locks due retrieval requests. It
 * survives restarts; at start it is recreated only if its interval setting changed.
 */
@Singleton
@Startup
@DependsOn("CertificateAuthority")
public class LockTimer {

    private static final Logger LOG = Logger.getLogger(LockTimer.class.getName());
    private static final String INFO = "kagi-lock-sweep ";

    @Resource
    private TimerService timers;

    @Inject
    private LockSweep sweep;

    @Inject
    private Settings settings;

    /** The interval of this node's timer; a twin made by another node starting at once is cancelled at a tick. */
    private Duration every;

    @PostConstruct
    void schedule() {
        Duration every = settings.duration("kagi.lock.sweep", Duration.ofSeconds(30));
        this.every = every;
        if (IntervalTimers.ensure(timers, INFO, every)) {
            LOG.info(() -> "Lock timer runs every " + every);
        }
    }

    @Timeout
    void tick() {
        IntervalTimers.dedupe(timers, INFO, every);
        try {
            // A full batch may mean more are due (a backlog after downtime): go on, one transaction per batch.
            int locked = 0;
            int batch;
            do {
                batch = sweep.lockDue();
                locked += batch;
            } while (batch == LockSweep.BATCH);
            int total = locked;
            if (total > 0) {
                LOG.info(() -> "Locked " + total + " retrieval requests");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Lock sweep failed; the next one will try again", e);
        }
    }
}
