package jp.kagi.it;

import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import jp.kagi.audit.AuditVerification;
import jp.kagi.audit.AuditVerifier;
import jp.kagi.lock.LockSweep;
import jp.kagi.platform.CustomerScope;
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
 * Issue 13's lock sweep goal: lock 1,000,000 due retrieval requests through Kagi's sweep in at most 1.5× the time
 * of one hand-written SQL {@code UPDATE} of the same rows in psql, which only changes their state; Kagi also deletes
 * each request's key_vault row and appends one chained {@code retrieval.lock} audit record per request. Order: fill
 * (SQL, inside the server), the SQL baseline (psql from the test JVM on PostgreSQL, JDBC inside the server on H2),
 * undo it, the sweep as it was before issue 13 ({@link PreviousLockSweep}) for a bounded time (default PT90S,
 * -Dkagi.bench.lock.before.budget) and undo that too, then Kagi's sweep ({@link LockSweep#lockDue} called until
 * nothing is due, as the timer does) with the heap watched, then the guarantees checked and the chain verified. The lock timer is held off (-Pbench sets
 * kagi.lock.sweep to an hour) so that it does not lock the rows while they are filled. Rows: 1,000,000 on
 * PostgreSQL, 100,000 on H2 (filling a million there takes a quarter of an hour); -Dkagi.bench.lock.rows in the
 * server JVM changes it, -Dkagi.bench.lock.budget (ISO-8601, default PT20M) bounds the sweep.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LockSweepBenchmarkIT {

    static final double GOAL = 1.5;

    @Deployment
    static EnterpriseArchive deployment() {
        return KagiDeployment.withTestClasses(LockSweepBenchmarkIT.class, LockSweepBenchData.class, PreviousLockSweep.class,
                BenchReport.class);
    }

    @Inject
    LockSweepBenchData data;

    @Inject
    LockSweep sweep;

    @Inject
    PreviousLockSweep previous;

    @Inject
    AuditVerifier verifier;

    @Test
    @Order(1)
    void fill() throws Exception {
        Properties r = new Properties();
        boolean pg = data.postgres();
        int rows = Integer.getInteger("kagi.bench.lock.rows", pg ? 1_000_000 : 100_000);
        r.setProperty("database", data.product());
        r.setProperty("rows", String.valueOf(rows));
        long t0 = System.nanoTime();
        data.fill(rows, Instant.now());
        r.setProperty("fill.seconds", String.valueOf((System.nanoTime() - t0) / 1_000_000_000L));
        r.setProperty("due", String.valueOf(data.due()));
        if (!pg) {
            long t1 = System.nanoTime();
            int n = data.sqlLock();
            r.setProperty("sql.ms", String.valueOf((System.nanoTime() - t1) / 1_000_000));
            r.setProperty("sql.rows", String.valueOf(n));
            r.setProperty("sql.how", "the same `UPDATE` through JDBC inside the server (no psql for H2)");
        }
        store(r, serverFile("bench-lock-fill.properties"));
    }

    /** psql in the test JVM: one UPDATE of the due rows, autocommit, wall time of the process. */
    @Test
    @Order(2)
    @RunAsClient
    void sqlBaseline() throws Exception {
        if (!database().equals("postgresql")) {
            return;
        }
        Properties r = new Properties();
        String schema = System.getProperty("kagi.it.pg.schema");
        long t0 = System.nanoTime();
        String out = run("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-v", "ON_ERROR_STOP=1",
                "-c", "SET search_path TO " + schema, "-c", LockSweepBenchData.SQL_LOCK);
        r.setProperty("sql.ms", String.valueOf((System.nanoTime() - t0) / 1_000_000));
        r.setProperty("sql.rows", out.replaceAll("(?s).*UPDATE (\\d+).*", "$1"));
        r.setProperty("sql.how", "`psql -c \"UPDATE …\"` (process wall time, autocommit)");
        store(r, clientFile("bench-lock-sql.properties"));
    }

    @Test
    @Order(3)
    void sweep() throws Exception {
        Properties r = new Properties();
        r.setProperty("restored", String.valueOf(data.restore()));
        // Before: the sweep as it was (PreviousLockSweep), for a bounded time on the same rows; then undone.
        Duration beforeBudget = Duration.parse(System.getProperty("kagi.bench.lock.before.budget", "PT90S"));
        long tb = System.nanoTime();
        long beforeLocked = 0;
        int n;
        do {
            n = previous.lockDue();
            beforeLocked += n;
        } while (n > 0 && System.nanoTime() - tb < beforeBudget.toNanos());
        r.setProperty("before.ms", String.valueOf((System.nanoTime() - tb) / 1_000_000));
        r.setProperty("before.locked", String.valueOf(beforeLocked));
        r.setProperty("before.finished", String.valueOf(n == 0));
        r.setProperty("restored.before", String.valueOf(data.restore()));
        long due = data.due();
        long keysBefore = data.benchKeys();
        long auditBefore = data.auditRecords();
        long lockAuditsBefore = data.lockAudits()[0];
        Duration budget = Duration.parse(System.getProperty("kagi.bench.lock.budget", "PT20M"));
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        long[] peak = {baseline};
        boolean[] running = {true};
        Thread sampler = new Thread(() -> {
            while (running[0]) {
                peak[0] = Math.max(peak[0], memory.getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "lock-bench-heap");
        sampler.setDaemon(true);
        sampler.start();
        long locked = 0;
        int calls = 0;
        long t0 = System.nanoTime();
        long deadline = t0 + budget.toNanos();
        while (System.nanoTime() < deadline) {
            int k = sweep.lockDue();
            calls++;
            locked += k;
            if (k == 0) {
                break;
            }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        running[0] = false;
        sampler.join();
        System.gc();
        r.setProperty("kagi.ms", String.valueOf(ms));
        r.setProperty("kagi.locked", String.valueOf(locked));
        r.setProperty("kagi.calls", String.valueOf(calls));
        r.setProperty("kagi.finished", String.valueOf(data.due() == 0));
        r.setProperty("due.before", String.valueOf(due));
        r.setProperty("heap.peak.mb", String.valueOf((peak[0] - baseline) / (1024 * 1024)));
        r.setProperty("heap.after.mb", String.valueOf(
                Math.max(0, memory.getHeapMemoryUsage().getUsed() - baseline) / (1024 * 1024)));
        r.setProperty("keys.before", String.valueOf(keysBefore));
        r.setProperty("keys.after", String.valueOf(data.benchKeys()));
        r.setProperty("keys.referenced", String.valueOf(data.benchKeysStillReferenced()));
        long[] audits = data.lockAudits();
        r.setProperty("audit.lock", String.valueOf(audits[0] - lockAuditsBefore));
        r.setProperty("audit.lock.distinct", String.valueOf(audits[1]));
        r.setProperty("audit.added", String.valueOf(data.auditRecords() - auditBefore));
        r.setProperty("locked.rows", String.valueOf(data.benchRequests("LOCKED")));
        long tv = System.nanoTime();
        try {
            AuditVerification v = verifier.verify(CustomerScope.SYSTEM);
            r.setProperty("verify", v.intact() ? "intact up to " + v.checkedUpTo() : "BROKEN at " + v.firstBroken());
        } catch (RuntimeException e) {
            r.setProperty("verify", "not run to the end: " + e);
        }
        r.setProperty("verify.ms", String.valueOf((System.nanoTime() - tv) / 1_000_000));
        r.setProperty("server.jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + ", max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
        store(r, serverFile("bench-lock-sweep.properties"));
    }

    @Test
    @Order(4)
    @RunAsClient
    void report() throws Exception {
        String database = database();
        Properties r = load(clientFile("bench-lock-fill.properties"));
        r.putAll(load(clientFile("bench-lock-sweep.properties")));
        if (Files.exists(clientFile("bench-lock-sql.properties"))) {
            r.putAll(load(clientFile("bench-lock-sql.properties")));
        }
        long sqlMs = Long.parseLong(r.getProperty("sql.ms"));
        long kagiMs = Long.parseLong(r.getProperty("kagi.ms"));
        long locked = Long.parseLong(r.getProperty("kagi.locked"));
        long rows = Long.parseLong(r.getProperty("rows"));
        boolean finished = Boolean.parseBoolean(r.getProperty("kagi.finished"));
        double kagiRate = locked * 1000.0 / Math.max(1, kagiMs);
        double sqlRate = Long.parseLong(r.getProperty("sql.rows")) * 1000.0 / Math.max(1, sqlMs);
        // Unfinished (the budget ran out): the ratio is the time the whole set would take at the rate reached.
        double ratio = finished ? (double) kagiMs / sqlMs : rows / kagiRate * 1000.0 / sqlMs;
        StringBuilder md = new StringBuilder("## Lock sweep of " + String.format(Locale.ROOT, "%,d", rows)
                + " due requests (issue 13), " + database + "\n\n");
        md.append("Measured ").append(LocalDate.now()).append(" on ").append(BenchReport.machine()).append("; server ")
                .append(r.getProperty("server.jvm")).append(", ").append(r.getProperty("database"))
                .append(". **The machine has 2 cores and other builds and test servers were running on it at the same")
                .append(" time**; both numbers come from the same run.\n\n");
        md.append("Data: ").append(r.getProperty("due")).append(" due retrieval requests (issued 31 days ago, 30-day")
                .append(" rule), each with its certificate and its key_vault row, filled by set-based SQL in ")
                .append(r.getProperty("fill.seconds")).append(" s. SQL: ").append(r.getProperty("sql.how"))
                .append(" of `").append(LockSweepBenchData.SQL_LOCK).append("`, then undone. Kagi: `LockSweep.lockDue()`")
                .append(" called until it finds nothing due, as the lock timer does, one transaction per call.\n\n");
        md.append("| | time | rows | rows/s |\n| --- | ---: | ---: | ---: |\n");
        md.append(String.format(Locale.ROOT, "| SQL `UPDATE` | %,d ms | %s | %,.0f |%n", sqlMs, r.getProperty("sql.rows"), sqlRate));
        md.append(String.format(Locale.ROOT, "| Kagi sweep%s | %,d ms | %,d (%s calls) | %,.0f |%n",
                finished ? "" : " (stopped at the budget)", kagiMs, locked, r.getProperty("kagi.calls"), kagiRate));
        long beforeMs = Long.parseLong(r.getProperty("before.ms"));
        long beforeLocked = Long.parseLong(r.getProperty("before.locked"));
        double beforeRate = beforeLocked * 1000.0 / Math.max(1, beforeMs);
        boolean beforeDone = Boolean.parseBoolean(r.getProperty("before.finished"));
        md.append(String.format(Locale.ROOT, "| Before: the sweep as it was (`PreviousLockSweep`)%s | %,d ms | %,d | %,.0f |%n%n",
                beforeDone ? "" : ", stopped after its time budget", beforeMs, beforeLocked, beforeRate));
        md.append(String.format(Locale.ROOT, "Before: **%.1f×** the SQL%s. ", beforeDone ? (double) beforeMs / sqlMs
                : rows / Math.max(beforeRate, 1e-9) * 1000.0 / sqlMs, beforeDone ? "" : " (extrapolated from its rate)"));
        md.append(String.format(Locale.ROOT, "After: **%.2f×** the SQL (goal ≤ %.1f×)%s. ", ratio, GOAL,
                finished ? "" : ", extrapolated from the rate reached"));
        md.append("What Kagi did that the SQL did not: deleted ")
                .append(Long.parseLong(r.getProperty("keys.before")) - Long.parseLong(r.getProperty("keys.after")))
                .append(" key_vault rows (").append(r.getProperty("keys.after")).append(" of the benchmark's left, ")
                .append(r.getProperty("keys.referenced")).append(" still referenced) and appended ")
                .append(r.getProperty("audit.added")).append(" audit records, ").append(r.getProperty("audit.lock"))
                .append(" of them `retrieval.lock` (").append(r.getProperty("audit.lock.distinct"))
                .append(" distinct certificates locked by the two sweeps together), each hashed into the chain; the")
                .append(" chain verified afterwards: ")
                .append(r.getProperty("verify")).append(" (").append(r.getProperty("verify.ms")).append(" ms). ");
        md.append("Heap growth during the sweep: ").append(r.getProperty("heap.peak.mb"))
                .append(" MB peak (sampled every 10 ms, garbage included), ").append(r.getProperty("heap.after.mb"))
                .append(" MB after a full GC at the end.\n\n");
        md.append("Rerun: `bench/run.sh LockSweepBenchmarkIT` (with `-Ppostgresql` for PostgreSQL).\n");
        BenchReport.write("locksweep-" + database, md.toString());
    }

    private static String database() {
        return System.getProperty("arquillian.launch", "wildfly-h2").replace("wildfly-", "");
    }

    private static Path serverFile(String name) {
        return Path.of(System.getProperty("jboss.server.base.dir"), name);
    }

    private static Path clientFile(String name) {
        return Path.of(System.getProperty("kagi.it.dir"), database(), name);
    }

    private static void store(Properties r, Path file) throws Exception {
        try (var out = Files.newOutputStream(file)) {
            r.store(out, "lock sweep benchmark");
        }
    }

    private static Properties load(Path file) throws Exception {
        Properties r = new Properties();
        try (var in = Files.newInputStream(file)) {
            r.load(in);
        }
        return r;
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
