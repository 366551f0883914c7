package jp.kagi.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.ToDoubleFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Gauges read from the database, at most once per {@link #MAX_AGE} however often Prometheus (or several) scrape:
 * one small query per figure on indexed status columns, each with a two-second timeout. Plain JDBC on the scrape
 * thread, outside any transaction; when the database does not answer the gauges keep their last values and
 * {@code kagi_database_up} says 0.
 */
final class DatabaseGauges {

    static final Duration MAX_AGE = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(DatabaseGauges.class.getName());

    private final DataSource db;
    private final Clock clock;
    private volatile DatabaseFigures figures = DatabaseFigures.NONE;
    private volatile Instant readAt = Instant.MIN;
    private volatile boolean up;
    private volatile boolean busy;

    DatabaseGauges(DataSource db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Every gauge name this class registers, so that a redeployment can take the last deployment's gauges away. */
    static final java.util.List<String> NAMES = java.util.List.of("kagi_mail_pending", "kagi_mail_given_up",
            "kagi_mail_oldest_pending_seconds", "kagi_import_jobs_running", "kagi_import_rows_open",
            "kagi_campaigns_running", "kagi_campaign_rows_pending", "kagi_database_up");

    /**
     * Removes the gauges of this name set from the registry. The registry outlives a deployment: a gauge that an
     * earlier deployment registered would otherwise stay, answer through that deployment's (gone) objects, and keep
     * the new deployment's gauge of the same name from being registered at all (Micrometer keeps the first).
     */
    static void unregister(MeterRegistry meters) {
        for (String name : NAMES) {
            meters.find(name).meters().forEach(meters::remove);
        }
    }

    void register(MeterRegistry meters) {
        unregister(meters);
        gauge(meters, "kagi_mail_pending", "Mails waiting in the outbox (first try or retry), all nodes",
                DatabaseFigures::mailsPending);
        gauge(meters, "kagi_mail_given_up", "Mails the outbox gave up on (FAILED, awaiting an admin's retry)",
                DatabaseFigures::mailsFailed);
        gauge(meters, "kagi_mail_oldest_pending_seconds", "Age of the oldest mail still waiting, 0 when none",
                DatabaseFigures::oldestPendingMailSeconds);
        gauge(meters, "kagi_import_jobs_running", "Bulk import jobs running, all nodes",
                DatabaseFigures::importJobsRunning);
        gauge(meters, "kagi_import_rows_open", "Rows of running import jobs not finished yet",
                DatabaseFigures::importRowsOpen);
        gauge(meters, "kagi_campaigns_running", "Renewal campaigns launching or running",
                DatabaseFigures::campaignsRunning);
        gauge(meters, "kagi_campaign_rows_pending", "Accounts of running campaigns whose new certificate is not issued yet",
                DatabaseFigures::campaignRowsPending);
        // 1 when the last read of the figures above succeeded
        meters.gauge("kagi_database_up", Tags.empty(), this, g -> {
            g.current();
            return g.up ? 1 : 0;
        });
    }

    /**
     * registry.gauge(), not Gauge.builder(): WildFly's per-deployment registry exports only what its convenience
     * methods register (they take no description: {@code help} documents it here). The gauge holds this object
     * weakly: {@link MetricsStartup} keeps it.
     */
    private void gauge(MeterRegistry meters, String name, String help, ToDoubleFunction<DatabaseFigures> figure) {
        meters.gauge(name, Tags.empty(), this, g -> figure.applyAsDouble(g.current()));
    }

    /** The figures, read again when older than {@link #MAX_AGE}; one scraper reads, the others take the last. */
    DatabaseFigures current() {
        Instant now = clock.instant();
        if (Duration.between(readAt, now).compareTo(MAX_AGE) >= 0 && refreshing()) {
            try {
                figures = read(now);
                up = true;
            } catch (SQLException | RuntimeException e) {
                up = false;
                LOG.log(Level.WARNING, "Metrics could not read the database: " + e.getMessage());
            } finally {
                readAt = clock.instant();
                busy = false;
            }
        }
        return figures;
    }

    private synchronized boolean refreshing() {
        if (busy) {
            return false;
        }
        busy = true;
        return true;
    }

    private DatabaseFigures read(Instant now) throws SQLException {
        try (Connection c = db.getConnection()) {
            long pending = count(c, "select count(*) from outbox_mail where status = 'PENDING'");
            long failed = count(c, "select count(*) from outbox_mail where status = 'FAILED'");
            long oldest = 0;
            try (PreparedStatement s = c.prepareStatement(
                    "select min(created_at) from outbox_mail where status = 'PENDING'")) {
                s.setQueryTimeout(2);
                try (ResultSet r = s.executeQuery()) {
                    Timestamp t = r.next() ? r.getTimestamp(1) : null;
                    oldest = t == null ? 0 : Math.max(0, Duration.between(t.toInstant(), now).toSeconds());
                }
            }
            long jobs = count(c, "select count(*) from import_job where status = 'RUNNING'");
            long rows = jobs == 0 ? 0 : count(c, "select count(*) from import_row r join import_job j on j.id = r.job_id"
                    + " where j.status = 'RUNNING' and r.status in ('PENDING', 'ACCOUNT_OPENED')");
            long campaigns = count(c, "select count(*) from renewal_campaign where status in ('LAUNCHING', 'RUNNING')");
            long campaignRows = campaigns == 0 ? 0 : count(c, "select count(*) from campaign_account a"
                    + " join renewal_campaign k on k.id = a.campaign_id"
                    + " where k.status in ('LAUNCHING', 'RUNNING') and a.status = 'PENDING'");
            return new DatabaseFigures(pending, failed, oldest, jobs, rows, campaigns, campaignRows);
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setQueryTimeout(2);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        }
    }
}
