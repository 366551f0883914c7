package jp.kagi.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Hands WildFly's Micrometer registry (the micrometer subsystem, metrics.cli) to {@link KagiMeters} and registers the
 * database gauges. Without the subsystem (a server not provisioned by provision.sh) Kagi runs without metrics.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class MetricsStartup {

    private static final Logger LOG = Logger.getLogger(MetricsStartup.class.getName());

    @Inject
    private Instance<MeterRegistry> registry;

    @Inject
    private Clock clock;

    @Resource(lookup = "java:jboss/datasources/KagiDS")
    private DataSource db;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    /** Kept here: the registry holds a gauge's object only weakly. */
    private DatabaseGauges gauges;

    @PostConstruct
    void start() {
        if (!registry.isResolvable()) {
            LOG.warning("No Micrometer registry (micrometer subsystem missing): Kagi's kagi_* metrics are off");
            return;
        }
        MeterRegistry meters = registry.get();
        gauges = new DatabaseGauges(db, clock);
        gauges.register(meters);
        KagiMeters.bind(meters, transactions);
    }

    @PreDestroy
    void stop() {
        KagiMeters.unbind();
        if (gauges != null) {
            DatabaseGauges.unregister(registry.get());
        }
    }
}
