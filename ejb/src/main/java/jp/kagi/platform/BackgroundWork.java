package jp.kagi.platform;

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
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Works the background jobs (bulk imports, renewal campaigns): a timer (KAGI_IMPORT_POLL, default PT2S after the
 * last run) takes the next open rows of every {@link WorkQueue} and works them on KAGI_IMPORT_WORKERS threads
 * (default: the number of cores; each row is CPU-bound by key generation and signing). Everything it needs is in
 * the database, so after a restart it simply carries on. The queues share the workers: a 100,000-account campaign
 * does not hold back a small import started after it.
 */
@Singleton
@Startup
@DependsOn("CertificateAuthority")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BackgroundWork {

    private static final Logger LOG = Logger.getLogger(BackgroundWork.class.getName());
    /** How long one timer call keeps working before it lets the next one take over (and shutdown get through). */
    private static final Duration SLICE = Duration.ofSeconds(5);
    /** The pause before the next call when the last one stopped with work left. */
    private static final Duration AGAIN = Duration.ofMillis(50);

    @Resource
    private TimerService timers;

    @Resource
    private ManagedExecutorService executor;

    @Inject
    @Any
    private Instance<WorkQueue> queues;

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
                timers.createSingleActionTimer(delay.toMillis(), new TimerConfig("kagi-background", false));
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
                List<Runnable> rows = nextRows(workers * 4);
                more = !rows.isEmpty();
                if (!more || System.nanoTime() > until) {
                    break;
                }
                work(rows);
            }
            queues.forEach(WorkQueue::finishDone);
        } catch (RuntimeException e) {
            more = false;
            LOG.log(Level.WARNING, "Background run failed; the next one will try again", e);
        } finally {
            running.set(false);
            rearm(more ? AGAIN : every);
        }
    }

    /** The next rows of every queue, each queue getting an equal share of {@code max}. */
    private List<Runnable> nextRows(int max) {
        List<WorkQueue> all = queues.stream().toList();
        int share = Math.max(1, max / Math.max(1, all.size()));
        List<Runnable> rows = new ArrayList<>();
        for (WorkQueue queue : all) {
            for (Long id : queue.next(share)) {
                rows.add(() -> queue.work(id));
            }
        }
        return rows;
    }

    /** Splits the rows among the workers; each works its share in order. */
    private void work(List<Runnable> rows) {
        List<Future<?>> shares = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            List<Runnable> share = new ArrayList<>();
            for (int i = w; i < rows.size(); i += workers) {
                share.add(rows.get(i));
            }
            if (!share.isEmpty()) {
                shares.add(executor.submit(() -> share.forEach(row -> {
                    if (!stopping) {
                        row.run();
                    }
                })));
            }
        }
        for (Future<?> share : shares) {
            try {
                share.get();
            } catch (ExecutionException e) {
                LOG.log(Level.WARNING, "A background worker failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
