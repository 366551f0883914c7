package jp.kagi.bulk;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
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
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import jp.kagi.platform.Settings;

/**
 * Works import jobs in the background: a timer (KAGI_IMPORT_POLL, default PT2S after the last run) takes the next
 * open rows and works them on KAGI_IMPORT_WORKERS threads (default: the number of cores; each row is CPU-bound by
 * password hashing and
 * key generation). Everything it needs is in the database, so after a restart it simply carries on.
 */
@Singleton
@Startup
@DependsOn("CertificateAuthority")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ImportRunner {

    private static final Logger LOG = Logger.getLogger(ImportRunner.class.getName());
    /** How long one timer call keeps working before it lets the next one take over (and shutdown get through). */
    private static final Duration SLICE = Duration.ofSeconds(5);
    /** The pause before the next call when the last one stopped with work left. */
    private static final Duration AGAIN = Duration.ofMillis(50);

    @Resource
    private TimerService timers;

    @Resource
    private ManagedExecutorService executor;

    @Inject
    private ImportQueue queue;

    @Inject
    private ImportRowWorker worker;

    @Inject
    private Settings settings;

    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean stopping;
    private int workers;

    private Duration every;

    @PostConstruct
    void schedule() {
        workers = Math.max(1, settings.integer("kagi.import.workers", Runtime.getRuntime().availableProcessors()));
        every = settings.duration("kagi.import.poll", Duration.ofSeconds(2));
        rearm(every);
    }

    /** One single-action timer at a time, armed again after each run: a long run never overlaps the next. */
    private void rearm(Duration delay) {
        if (!stopping) {
            try {
                timers.createSingleActionTimer(delay.toMillis(), new TimerConfig("kagi-import", false));
            } catch (IllegalStateException e) {
                LOG.log(Level.FINE, "Timer service gone: the server is stopping", e);
            }
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
    }

    @Timeout
    void tick() {
        if (!running.compareAndSet(false, true)) {
            return; // cannot happen with one timer at a time; kept as a guard
        }
        boolean more = false;
        try {
            long until = System.nanoTime() + SLICE.toNanos();
            while (!stopping) {
                List<Long> rows = queue.next(workers * 4);
                more = !rows.isEmpty();
                if (!more || System.nanoTime() > until) {
                    break;
                }
                work(rows);
            }
            queue.finishDone();
        } catch (RuntimeException e) {
            more = false;
            LOG.log(Level.WARNING, "Import run failed; the next one will try again", e);
        } finally {
            running.set(false);
            rearm(more ? AGAIN : every);
        }
    }

    /** Splits the rows among the workers; each works its share in order. */
    private void work(List<Long> rows) {
        List<Future<?>> shares = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            List<Long> share = new ArrayList<>();
            for (int i = w; i < rows.size(); i += workers) {
                share.add(rows.get(i));
            }
            if (!share.isEmpty()) {
                shares.add(executor.submit(() -> share.forEach(id -> {
                    if (!stopping) {
                        worker.process(id);
                    }
                })));
            }
        }
        for (Future<?> share : shares) {
            try {
                share.get();
            } catch (ExecutionException e) {
                LOG.log(Level.WARNING, "An import worker failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
