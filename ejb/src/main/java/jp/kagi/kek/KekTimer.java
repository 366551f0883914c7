package jp.kagi.kek;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import jp.kagi.audit.AuditLog;
import jp.kagi.ca.CertificateAuthority;
import jp.kagi.platform.Actor;
import jp.kagi.platform.IntervalTimers;
import jp.kagi.platform.Settings;

/**
 * Runs the KEK rotation in the background: a persistent interval timer (KAGI_KEK_ROTATION_SWEEP, default PT5M)
 * makes a pass while an old KEK version is still held, and {@link #wake()} starts one at once after a new version is
 * introduced. A pass goes through every phase in batches of one transaction each ({@link KekRotation}); after a
 * restart the next pass continues from what the rows say. One pass at a time.
 */
@Singleton
@Startup
@DependsOn("CertificateAuthority")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // each batch is its own transaction
public class KekTimer {

    private static final Logger LOG = Logger.getLogger(KekTimer.class.getName());
    private static final String INFO = "kagi-kek-rotation ";

    @Resource
    private TimerService timers;

    @Inject
    private KekRotation rotation;

    @Inject
    private CertificateAuthority ca;

    @Inject
    private AuditLog audit;

    @Inject
    private Clock clock;

    @Inject
    private Settings settings;

    private final AtomicBoolean running = new AtomicBoolean();
    private volatile KekProgress last = KekProgress.NONE;

    /** The interval of this node's timer; a twin made by another node starting at once is cancelled at a tick. */
    private Duration every;

    @PostConstruct
    void schedule() {
        Duration every = settings.duration("kagi.kek.rotation.sweep", Duration.ofMinutes(5));
        this.every = every;
        IntervalTimers.ensure(timers, INFO, every);
    }

    /** Starts a pass in the background now (not persistent: the interval timer covers a restart). */
    public void wake() {
        timers.createSingleActionTimer(1, new TimerConfig("kek-rotation-now", false));
    }

    @Timeout
    void tick() {
        IntervalTimers.dedupe(timers, INFO, every);
        try {
            if (!ca.isReady() || ca.sealer().versions().size() == 1 && rotation.legacyKeys() == 0) {
                return; // one KEK version and no legacy key: nothing to rotate
            }
            runPass();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "KEK rotation pass failed; the next one continues where it stopped", e);
        }
    }

    /** One full pass (skipped if one is running); returns what it did. */
    public KekProgress runPass() {
        if (!running.compareAndSet(false, true)) {
            return last;
        }
        try {
            KekProgress progress = new KekProgress(clock.instant(), null, 0, 0, 0, 0);
            last = progress;
            long keys = 0;
            for (int n = rotation.rewrapDataKeys(); n > 0; n = rotation.rewrapDataKeys()) {
                keys += n;
                last = progress = new KekProgress(progress.started(), null, keys, 0, 0, 0);
            }
            long legacy = 0;
            for (int n = rotation.sealLegacyKeys(); n > 0; n = rotation.sealLegacyKeys()) {
                legacy += n;
                last = progress = new KekProgress(progress.started(), null, keys, legacy, 0, 0);
            }
            long mails = 0;
            for (KekRotation.Page page = rotation.resealMailBodies(0); page.read() > 0;
                 page = rotation.resealMailBodies(page.last())) {
                mails += page.changed();
                last = progress = new KekProgress(progress.started(), null, keys, legacy, mails, 0);
            }
            long passwords = 0;
            for (KekRotation.Page page = rotation.resealPendingPasswords(0); page.read() > 0;
                 page = rotation.resealPendingPasswords(page.last())) {
                passwords += page.changed();
            }
            KekProgress done = new KekProgress(progress.started(), clock.instant(), keys, legacy, mails, passwords);
            last = done;
            if (done.total() > 0) {
                audit.record(Actor.SYSTEM, "kek.rotation", "kek", String.valueOf(ca.sealer().currentVersion()),
                        "re-wrapped " + keys + " data keys, sealed " + legacy + " legacy private keys under their own"
                                + " data keys, re-sealed " + mails + " mail bodies and " + passwords
                                + " waiting passwords under KEK version " + ca.sealer().currentVersion());
                LOG.info(() -> "KEK rotation pass: " + done);
            }
            return done;
        } finally {
            running.set(false);
        }
    }

    public KekProgress lastPass() {
        return last;
    }
}
