package jp.kagi.audit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import jp.kagi.platform.IntervalTimers;
import jp.kagi.platform.Settings;

/**
 * Signs an audit checkpoint every {@code KAGI_AUDIT_CHECKPOINT_INTERVAL} (ISO-8601, default PT1H) with a persistent
 * interval timer: it survives restarts and is recreated only when the setting changes.
 */
@Singleton
@Startup
@DependsOn("CertificateAuthority")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AuditCheckpointTimer {

    static final String SETTING = "kagi.audit.checkpoint.interval";
    static final Duration DEFAULT = Duration.ofHours(1);
    private static final String PREFIX = "kagi-audit-checkpoint ";
    private static final Logger LOG = Logger.getLogger(AuditCheckpointTimer.class.getName());

    @Resource
    private TimerService timers;

    @Inject
    private AuditCheckpoints checkpoints;

    @Inject
    private Settings settings;

    /** The interval of this node's timer; a twin made by another node starting at once is cancelled at a tick. */
    private Duration every;

    @PostConstruct
    void schedule() {
        Duration every = interval();
        this.every = every;
        IntervalTimers.ensure(timers, PREFIX, every);
        LOG.info(() -> "Audit checkpoints: signed every " + every);
    }

    @Timeout
    void tick() {
        IntervalTimers.dedupe(timers, PREFIX, every);
        try {
            checkpoints.checkpoint().ifPresent(seq -> LOG.fine(() -> "Audit checkpoint signed at record " + seq));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Signing the audit checkpoint failed; the next interval will try again", e);
        }
    }

    private Duration interval() {
        try {
            Duration every = settings.duration(SETTING, DEFAULT);
            if (every.isNegative() || every.toMillis() < 1000) {
                throw new IllegalStateException(SETTING + " must be at least one second, not " + every);
            }
            return every;
        } catch (IllegalStateException e) {
            LOG.severe(() -> "Audit checkpoint setting refused, using " + DEFAULT + ": " + e.getMessage());
            return DEFAULT;
        }
    }
}
