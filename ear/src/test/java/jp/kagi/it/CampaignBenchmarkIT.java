package jp.kagi.it;

import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import jp.kagi.admin.AdminPrincipal;
import jp.kagi.admin.AdminRole;
import jp.kagi.ca.KeyType;
import jp.kagi.platform.Actor;
import jp.kagi.platform.PageRequest;
import jp.kagi.renewal.CampaignFigures;
import jp.kagi.renewal.CampaignRequest;
import jp.kagi.renewal.CampaignRowState;
import jp.kagi.renewal.CampaignView;
import jp.kagi.renewal.RenewalCampaigns;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 9's campaign goals. Throughput: a campaign over {@value #THROUGHPUT_ACCOUNTS} accounts, from launch until
 * RUNNING, in rows per second against the bare JCA keygen + sign bound ({@link KeygenSignBound}, RSA-2048 keys
 * signed by an RSA-3072 key, one thread per core) measured in the same server JVM right before and after. Size: a
 * campaign over {@value #SIZE_ACCOUNTS} accounts (create, then launch until RUNNING or {@link #SIZE_BUDGET}), and on
 * PostgreSQL a {@value #LARGE_ACCOUNTS}-account campaign's create plus the dashboard's counts and pages. Accounts and
 * their current certificates are filled by set-based SQL ({@link CampaignBenchData}); everything else goes through
 * {@link RenewalCampaigns} with a CA admin. Run with -Pbench; the numbers go to docs/performance.md.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CampaignBenchmarkIT {

    static final int THREADS = 2;
    static final int WARM_UP_ACCOUNTS = 20;
    /**
     * Sized for the busy 2-core build machine, where a row took about a second (2,000 rows would take half an hour):
     * the rate, not the count, is what is compared. Raise it on a quiet machine.
     */
    static final int THROUGHPUT_ACCOUNTS = 200;
    static final int BOUND_N = 40;
    static final int SIZE_ACCOUNTS = 10_000;
    /** How long the 10,000-account launch may run before the rate so far is reported instead (a loaded 2-core box). */
    static final Duration SIZE_BUDGET = Duration.ofMinutes(2);
    static final int LARGE_ACCOUNTS = 100_000;
    static final int LARGE_CUSTOMERS = 20;
    static final int GOAL_MS = 500;
    static final int REPS = 10;
    /** The REST API's default page size for campaign rows (CampaignResource). */
    static final int PAGE = 100;
    static final double GOAL_RATIO = 0.7;
    private static final Actor ACTOR = new Actor("bench-admin", "127.0.0.1");
    private static final AdminPrincipal CA_ADMIN = new AdminPrincipal("bench-admin", AdminRole.CA_ADMIN, Set.of());

    @Deployment
    static EnterpriseArchive deployment() {
        return KagiDeployment.withTestClasses(CampaignBenchmarkIT.class, CampaignBenchData.class, ListPagingData.class,
                KeygenSignBound.class, BenchReport.class);
    }

    @Inject
    CampaignBenchData data;

    @Inject
    RenewalCampaigns campaigns;

    @Inject
    CampaignFigures figures;

    /** PostgreSQL only: 100,000 rows, created through the façade, issued set-based, then the dashboard timed. */
    @Test
    @Order(1)
    void largeCampaignDashboard() throws Exception {
        Properties r = results();
        r.setProperty("database", data.product());
        if (!data.postgres()) {
            r.setProperty("large.skipped", "true");
            store(r);
            return;
        }
        long t0 = System.nanoTime();
        List<String> customers = data.fill("cbh", LARGE_CUSTOMERS, LARGE_ACCOUNTS, 0, Instant.now());
        r.setProperty("large.fill.s", seconds(System.nanoTime() - t0));
        log("100k: accounts filled in " + r.getProperty("large.fill.s") + " s");
        CampaignRequest request = request("bench 100k", customers);
        t0 = System.nanoTime();
        campaigns.preview(CA_ADMIN, request);
        r.setProperty("large.preview.ms", millis(System.nanoTime() - t0));
        t0 = System.nanoTime();
        CampaignView view;
        try {
            view = campaigns.create(ACTOR, CA_ADMIN, request);
        } catch (RuntimeException e) {
            r.setProperty("large.create.error", String.valueOf(e));
            store(r);
            throw e;
        }
        r.setProperty("large.create.ms", millis(System.nanoTime() - t0));
        log("100k: created in " + r.getProperty("large.create.ms") + " ms");
        long id = view.id();
        t0 = System.nanoTime();
        data.issueSetBased(id, Instant.now());
        r.setProperty("large.issue.s", seconds(System.nanoTime() - t0));
        r.setProperty("large.rows", String.valueOf(data.count("SELECT COUNT(*) FROM campaign_account WHERE campaign_id = " + id)));
        long customerId = data.customerId("cbh07");
        Set<CampaignRowState> all = CampaignRowState.filter("ALL");
        Set<CampaignRowState> stragglers = CampaignRowState.filter("NOT_RETRIEVED");
        long notRetrieved = figures.countRows(id, null, stragglers);
        int deepAll = LARGE_ACCOUNTS / 2 / PAGE;
        int deepStragglers = (int) (notRetrieved / 2 / PAGE);
        StringBuilder table = new StringBuilder();
        table.append("| dashboard call | rows | count p50 / p95 | page p50 / p95 | together p50 / p95 | < ").append(GOAL_MS)
                .append(" ms |\n| --- | ---: | ---: | ---: | ---: | --- |\n");
        row(table, "counts, whole campaign (`CampaignFigures.counts`)", () -> figures.counts(id, null).get(0).targeted(),
                null);
        row(table, "counts, one customer (cbh07)", () -> figures.counts(id, Set.of(customerId)).get(0).targeted(), null);
        row(table, "rows, all, first page", () -> figures.countRows(id, null, all),
                () -> figures.rows(id, null, all, new PageRequest(0, PAGE)));
        row(table, "rows, all, page at offset " + String.format(Locale.ROOT, "%,d", deepAll * PAGE),
                () -> figures.countRows(id, null, all), () -> figures.rows(id, null, all, new PageRequest(deepAll, PAGE)));
        row(table, "rows, NOT_RETRIEVED, first page", () -> figures.countRows(id, null, stragglers),
                () -> figures.rows(id, null, stragglers, new PageRequest(0, PAGE)));
        row(table, "rows, NOT_RETRIEVED, page at offset " + String.format(Locale.ROOT, "%,d", deepStragglers * PAGE),
                () -> figures.countRows(id, null, stragglers),
                () -> figures.rows(id, null, stragglers, new PageRequest(deepStragglers, PAGE)));
        row(table, "rows, NOT_RETRIEVED, one customer, first page",
                () -> figures.countRows(id, Set.of(customerId), stragglers),
                () -> figures.rows(id, Set.of(customerId), stragglers, new PageRequest(0, PAGE)));
        row(table, "retrievals per day (chart)", () -> figures.retrievalsPerDay(id, null, ZoneId.of("Asia/Tokyo"))
                .stream().mapToLong(d -> d.count()).sum(), null);
        r.setProperty("large.table", table.toString());
        store(r);
    }

    /** A small campaign first, so that issuance, mail templates and the background worker are warm. */
    @Test
    @Order(2)
    void throughputAgainstTheBound() throws Exception {
        Properties r = results();
        List<String> warm = data.fill("cbw", 1, WARM_UP_ACCOUNTS, 300_000, Instant.now());
        runToRunning(campaigns.create(ACTOR, CA_ADMIN, request("bench warm-up", warm)).id(), Duration.ofMinutes(10));
        List<String> customers = data.fill("cbt", 4, THROUGHPUT_ACCOUNTS, 400_000, Instant.now());
        double before = KeygenSignBound.perSecond(KeyType.RSA_2048, 10, BOUND_N, THREADS);
        long t0 = System.nanoTime();
        long id = campaigns.create(ACTOR, CA_ADMIN, request("bench throughput", customers)).id();
        r.setProperty("throughput.create.ms", millis(System.nanoTime() - t0));
        long launchToRunning = runToRunning(id, Duration.ofMinutes(40));
        double after = KeygenSignBound.perSecond(KeyType.RSA_2048, 10, BOUND_N, THREADS);
        r.setProperty("throughput.rows", String.valueOf(data.worked(id)));
        r.setProperty("throughput.renewed", String.valueOf(data.count(
                "SELECT COUNT(*) FROM campaign_account WHERE status = 'RENEWED' AND campaign_id = " + id)));
        r.setProperty("throughput.s", seconds(launchToRunning));
        r.setProperty("throughput.bound.before", String.format(Locale.ROOT, "%.2f", before));
        r.setProperty("throughput.bound.after", String.format(Locale.ROOT, "%.2f", after));
        r.setProperty("server.jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        r.setProperty("server.cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        store(r);
    }

    /** 10,000 accounts: create, then launch and run until RUNNING or the budget is spent. */
    @Test
    @Order(3)
    void tenThousandAccounts() throws Exception {
        Properties r = results();
        List<String> customers = data.fill("cbs", 10, SIZE_ACCOUNTS, 500_000, Instant.now());
        long t0 = System.nanoTime();
        long id = campaigns.create(ACTOR, CA_ADMIN, request("bench 10k", customers)).id();
        r.setProperty("size.create.ms", millis(System.nanoTime() - t0));
        t0 = System.nanoTime();
        campaigns.launch(ACTOR, CA_ADMIN, id);
        r.setProperty("size.launch.ms", millis(System.nanoTime() - t0));
        long deadline = t0 + SIZE_BUDGET.toNanos();
        while (!"RUNNING".equals(data.status(id)) && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        long elapsed = System.nanoTime() - t0;
        r.setProperty("size.status", data.status(id));
        r.setProperty("size.worked", String.valueOf(data.worked(id)));
        r.setProperty("size.s", seconds(elapsed));
        if (!"RUNNING".equals(data.status(id))) {
            // Stop issuing: the server stops after this class, and nothing else should compete for the cores.
            campaigns.cancel(ACTOR, CA_ADMIN, id);
        }
        store(r);
    }

    @Test
    @Order(4)
    @RunAsClient
    void report() throws Exception {
        String database = System.getProperty("arquillian.launch", "wildfly-h2").replace("wildfly-", "");
        Properties r = new Properties();
        try (var in = Files.newInputStream(Path.of(System.getProperty("kagi.it.dir"), database, "bench-campaign.properties"))) {
            r.load(in);
        }
        double rows = Double.parseDouble(r.getProperty("throughput.rows"));
        double secs = Double.parseDouble(r.getProperty("throughput.s"));
        double rate = rows / secs;
        double before = Double.parseDouble(r.getProperty("throughput.bound.before"));
        double after = Double.parseDouble(r.getProperty("throughput.bound.after"));
        double bound = (before + after) / 2;
        double ratio = rate / bound;
        StringBuilder md = new StringBuilder("## Renewal campaigns: issuance throughput and size (issue 9), " + database
                + "\n\n");
        md.append("Measured ").append(LocalDate.now()).append(" on ").append(BenchReport.machine()).append("; server ")
                .append(r.getProperty("server.jvm")).append(" (").append(r.getProperty("server.cores"))
                .append(" cores), ").append(r.getProperty("database")).append(", on the same machine. **The machine has")
                .append(" 2 cores and other builds and test servers were running on it at the same time**, so compare")
                .append(" the ratios, which were measured in the same run, rather than the absolute rates.\n\n");
        md.append("### Issuance throughput\n\n");
        md.append(String.format(Locale.ROOT, "A campaign over %,d accounts (4 customers, RSA-2048 policy), created and"
                + " launched through `RenewalCampaigns` by a CA admin, timed from `launch` until the campaign is"
                + " RUNNING (every row issued: %s of %s renewed), after a %d-account warm-up campaign. The background"
                + " job works %d rows at a time (one worker per core, `KAGI_IMPORT_WORKERS`); the time includes the"
                + " wait of up to 2 s for its first timer run (`KAGI_IMPORT_POLL`). The bound is bare JCA RSA-2048 key"
                + " generation plus one SHA256withRSA signature by an RSA-3072 key, on %d threads in the server JVM"
                + " (`KeygenSignBound`, shared with `IssuanceBenchmarkIT`), %d each, measured right before and right"
                + " after the campaign.%n%n", (long) rows, r.getProperty("throughput.renewed"), r.getProperty("throughput.rows"),
                WARM_UP_ACCOUNTS, THREADS * 4, THREADS, BOUND_N));
        md.append("| measure | before (bulk import with PBKDF2, 2026-11-25) | now | goal | |\n")
                .append("| --- | ---: | ---: | ---: | --- |\n");
        md.append(String.format(Locale.ROOT, "| rows per second, launch → RUNNING | 3.01 | **%.2f** (%,d rows in %.1f s) | | |%n",
                rate, (long) rows, secs));
        md.append(String.format(Locale.ROOT, "| bound: keygen + sign per second, 2 threads | ~27 | %.2f (before %.2f, after %.2f) | | |%n",
                bound, before, after));
        md.append(String.format(Locale.ROOT, "| rows/s ÷ bound | 0.11× | **%.2f×** | ≥ %.1f× | %s |%n%n", ratio,
                GOAL_RATIO, ratio >= GOAL_RATIO ? "met" : "not met"));
        md.append("Per row the campaign pays what a single issuance pays (key generation outside the transaction; then,")
                .append(" under the issuer row lock, numbering, signing with the RSA-3072 key, the profile check, the sealed")
                .append(" key, two rendered and sealed mails, the audit record) plus a fresh registration password hashed")
                .append(" with HMAC-SHA256 (microseconds) and the row's own locking reads. The old certificates are")
                .append(" placeholders filled by SQL: the campaign reads only their id, status, notAfter, CN and serial.\n\n");
        md.append("### Size\n\n");
        md.append("| campaign | create (planning + rows) | launch → RUNNING | |\n| --- | ---: | ---: | --- |\n");
        long worked = Long.parseLong(r.getProperty("size.worked"));
        double sizeSecs = Double.parseDouble(r.getProperty("size.s"));
        boolean done = "RUNNING".equals(r.getProperty("size.status"));
        md.append(String.format(Locale.ROOT, "| %,d accounts, 10 customers | %s ms | %s | %s |%n", SIZE_ACCOUNTS,
                r.getProperty("size.create.ms"), done ? String.format(Locale.ROOT, "%.0f s (%.2f rows/s)", sizeSecs,
                        worked / sizeSecs)
                        : String.format(Locale.ROOT, "not reached in the %d-minute budget: %,d rows in %.0f s = %.2f rows/s",
                        SIZE_BUDGET.toMinutes(), worked, sizeSecs, worked / sizeSecs),
                done ? "" : String.format(Locale.ROOT, "at that rate all %,d take about %.0f min; the run was cancelled"
                        + " then", SIZE_ACCOUNTS, SIZE_ACCOUNTS / (worked / sizeSecs) / 60)));
        if (r.getProperty("large.skipped") == null) {
            if (r.getProperty("large.create.error") != null) {
                md.append(String.format(Locale.ROOT, "| %,d accounts, %d customers | failed: %s | | |%n",
                        LARGE_ACCOUNTS, LARGE_CUSTOMERS, r.getProperty("large.create.error")));
            } else {
                md.append(String.format(Locale.ROOT, "| %,d accounts, %d customers | %s ms (preview, planning only: %s ms)"
                                + " | not launched: rows issued set-based, see below | |%n", LARGE_ACCOUNTS, LARGE_CUSTOMERS,
                        r.getProperty("large.create.ms"), r.getProperty("large.preview.ms")));
                md.append(String.format(Locale.ROOT, "%nDashboard at %s campaign rows (PostgreSQL). Filled: %,d"
                        + " accounts over %d customers, each with a current certificate (set-based SQL, %s s); the"
                        + " campaign created through `RenewalCampaigns.create`; then, instead of 100,000 key generations,"
                        + " set-based SQL (%s s) gave 95%% of the rows what issuing leaves behind — a new certificate"
                        + " (placeholder DER), its retrieval request and its renewal mail in the outbox — and marked them"
                        + " RENEWED: by row id mod 20, 0–10 retrieved (first retrieval spread over 14 days), 11–16 pending,"
                        + " 17–18 locked, 19 not issued (WAITING); every 25th renewal mail FAILED, the rest SENT (no"
                        + " issuance-notice mails, which the dashboard does not read). Then `VACUUM ANALYZE`. Each line"
                        + " is called through `CampaignFigures` inside the server, %d times after one warm-up;"
                        + " milliseconds, median / p95 (nearest rank); pages of %d rows (the REST default).%n%n",
                        r.getProperty("large.rows"), LARGE_ACCOUNTS, LARGE_CUSTOMERS, r.getProperty("large.fill.s"),
                        r.getProperty("large.issue.s"), REPS, PAGE));
                md.append(r.getProperty("large.table"));
                md.append("\nGoal (issue 9): dashboard counts at 100,000 rows under ").append(GOAL_MS)
                        .append(" ms, judged on p95 of count and page together.\n");
            }
        } else {
            md.append("\nThe 100,000-account campaign and its dashboard are measured on PostgreSQL only.\n");
        }
        md.append("\nRerun: `bench/run.sh CampaignBenchmarkIT` (add `-Ppostgresql` to the mvnw line for PostgreSQL).\n");
        BenchReport.write("campaign-" + database, md.toString());
    }

    private long runToRunning(long id, Duration limit) throws Exception {
        long t0 = System.nanoTime();
        campaigns.launch(ACTOR, CA_ADMIN, id);
        long deadline = t0 + limit.toNanos();
        while (!"RUNNING".equals(data.status(id))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("campaign " + id + " not RUNNING after " + limit + ": "
                        + data.worked(id) + " rows worked");
            }
            Thread.sleep(100);
        }
        return System.nanoTime() - t0;
    }

    private static CampaignRequest request(String name, List<String> customers) {
        String completion = LocalDate.now(ZoneId.of("Asia/Tokyo")).plusDays(60).toString();
        return new CampaignRequest(name, customers, false, List.of(), completion, List.of("P14D", "P3D"), null, null,
                null, null, null, null);
    }

    /** Times count and page together, as the dashboard does per page view, and each on its own. */
    private static void row(StringBuilder table, String label, LongSupplier count, Supplier<List<?>> page) {
        long matching = count.getAsLong(); // warm-up
        if (page != null) {
            page.get();
        }
        double[][] ms = new double[3][REPS];
        for (int i = 0; i < REPS; i++) {
            long t0 = System.nanoTime();
            count.getAsLong();
            long t1 = System.nanoTime();
            if (page != null && page.get().isEmpty() && matching > 0) {
                throw new IllegalStateException(label + ": empty page although " + matching + " rows match");
            }
            long t2 = System.nanoTime();
            ms[0][i] = (t1 - t0) / 1e6;
            ms[1][i] = (t2 - t1) / 1e6;
            ms[2][i] = (t2 - t0) / 1e6;
        }
        double p95 = BenchReport.quantile(ms[2], 0.95);
        table.append(String.format(Locale.ROOT, "| %s | %,d | %s | %s | **%s** | %s |%n", label, matching, stat(ms[0]),
                page == null ? "–" : stat(ms[1]), stat(ms[2]), p95 < GOAL_MS ? "met" : "not met"));
        log(label + ": " + stat(ms[2]) + " ms");
    }

    private static String stat(double[] ms) {
        return String.format(Locale.ROOT, "%.0f / %.0f", BenchReport.quantile(ms, 0.5), BenchReport.quantile(ms, 0.95));
    }

    private static String millis(long nanos) {
        return String.valueOf(nanos / 1_000_000);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
    }

    private static void log(String line) {
        System.out.println("campaign bench: " + line);
    }

    private static Path resultsFile() {
        return Path.of(System.getProperty("jboss.server.base.dir"), "bench-campaign.properties");
    }

    private static Properties results() throws Exception {
        Properties r = new Properties();
        if (Files.exists(resultsFile())) {
            try (var in = Files.newInputStream(resultsFile())) {
                r.load(in);
            }
        }
        return r;
    }

    private static void store(Properties r) throws Exception {
        try (var out = Files.newOutputStream(resultsFile())) {
            r.store(out, "renewal campaign benchmark");
        }
    }
}
