package jp.kagi.asp;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
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
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import jp.kagi.ca.CertificateAuthority;
import jp.kagi.platform.Settings;
import jp.kagi.revocation.CrlKind;
import jp.kagi.revocation.CrlPublisher;

/**
 * Keeps the 8444 listener's trust store and CRL file in step with the CA: at start (once the CA exists; on the very
 * first start it is created after Elytron loaded the placeholder) and after every full CRL publication, it writes
 * the files under {@code <KAGI_DATA_DIR>/asp/} and has WildFly reload them ({@link ElytronControl}). This cannot run
 * inside the deployment itself (the deployment holds the management lock), hence a short non-persistent timer;
 * a failure is retried every few seconds until it succeeds.
 */
@Singleton
@Startup
@DependsOn("CertificateAuthority")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AspTrustSync {

    private static final Logger LOG = Logger.getLogger(AspTrustSync.class.getName());
    static final Duration AFTER_CRL = Duration.ofMillis(200);
    static final Duration RETRY = Duration.ofSeconds(2);

    @Resource
    private TimerService timers;

    /** Runs each management call, so that the timer thread can stop waiting for it (ElytronControl#TIMEOUT). */
    @Resource
    private ManagedExecutorService executor;

    @Inject
    private CertificateAuthority ca;

    @Inject
    private CrlPublisher crls;

    @Inject
    private Settings settings;

    private final AtomicBoolean pending = new AtomicBoolean();
    /** Files changed (or never loaded since start) and WildFly not yet told. */
    private volatile boolean reloadNeeded = true;
    private volatile boolean warned;
    private volatile boolean stopping;

    @PostConstruct
    void start() {
        schedule(Duration.ofSeconds(1));
    }

    /** Undeploy or shutdown: no new reload (the management lock is held by that operation). */
    @PreDestroy
    void stop() {
        stopping = true;
        try {
            for (Timer t : timers.getTimers()) {
                t.cancel();
            }
        } catch (RuntimeException e) {
            LOG.fine(() -> "timers already gone: " + e); // non-persistent: they end with the deployment anyway
        }
    }

    /** A new CRL was published; only the full CRL goes to the listener (the JDK does not use delta CRLs). */
    public void onCrlPublished(@Observes CrlPublisher.Published published) {
        if (published.info().kind() == CrlKind.FULL) {
            schedule(AFTER_CRL);
        }
    }

    @Timeout
    synchronized void sync() {
        pending.set(false);
        if (stopping) {
            return;
        }
        try {
            if (!ca.isReady()) {
                schedule(RETRY);
                return;
            }
            AspTrustFiles files = files();
            if (files.writeTrust(ca.chain())) {
                reloadNeeded = true;
                LOG.info(() -> "8444 trust store written with Kagi's CA chain: " + files.trustStore());
            }
            boolean crlChanged = crls.current(CrlKind.FULL).map(p -> files.writeCrl(p.file())).orElse(false);
            reloadNeeded |= crlChanged;
            if (reloadNeeded) {
                control().reload(keyStore(), trustManagers());
                reloadNeeded = false;
                warned = false;
                LOG.fine("8444 trust store and CRL reloaded");
            }
        } catch (RuntimeException | LinkageError e) {
            // Logged once per outage, not every retry: a management interface that is down stays down for a while.
            if (!warned) {
                warned = true;
                LOG.log(Level.WARNING, "Could not refresh the 8444 listener's trust store or CRL; retrying every "
                        + RETRY.toSeconds() + " s", e);
            }
            schedule(RETRY);
        }
    }

    private void schedule(Duration delay) {
        if (!stopping && pending.compareAndSet(false, true)) {
            timers.createSingleActionTimer(delay.toMillis(), new TimerConfig("kagi-asp-trust-sync", false));
        }
    }

    AspTrustFiles files() {
        return new AspTrustFiles(settings.dataDir().resolve("asp"));
    }

    private String keyStore() {
        return settings.get("kagi.asp.key.store", "kagi-asp-trust");
    }

    /** The Elytron trust managers that read these files (configure.cli); an operator may add a second listener. */
    private List<String> trustManagers() {
        return Arrays.stream(settings.get("kagi.asp.trust.managers", "kagi-asp-trust").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private ElytronControl control() {
        int offset = Integer.getInteger("jboss.socket.binding.port-offset", 0);
        int port = settings.integer("kagi.management.port",
                Integer.getInteger("jboss.management.http.port", 9990) + offset);
        String host = settings.get("kagi.management.host",
                System.getProperty("jboss.bind.address.management", "127.0.0.1"));
        return new ElytronControl(host, port, executor);
    }
}
