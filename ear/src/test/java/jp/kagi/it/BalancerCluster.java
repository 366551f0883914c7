package jp.kagi.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * BalancerBenchmarkIT's cluster: N nodes and HAProxy started by bin/kagi-cluster.sh (the operator's script, as
 * ClusterIT starts it) on a fresh PostgreSQL schema and a fresh cluster directory; the balancer on 8443 + offset,
 * where Api and PortalClient point. Also reads the CPU time each process used (/proc), to show the 2-core limit.
 */
final class BalancerCluster implements AutoCloseable {

    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final double TICKS = 100; // USER_HZ: /proc counts CPU time in 1/100 s on Linux

    final int nodes;
    final String schema;
    private final Path home = Path.of(System.getProperty("jboss.home"));
    private final Path dir;
    Duration startTime;

    BalancerCluster(int nodes) {
        this.nodes = nodes;
        this.schema = System.getProperty("kagi.it.pg.schema", "kagi_it_local") + "_bal" + nodes;
        this.dir = Path.of(System.getProperty("kagi.it.dir")).resolve("balancer" + nodes);
    }

    /** Fresh schema and directory (CA, KEKs, node configurations), then the nodes and the balancer. */
    BalancerCluster start() {
        sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        deleteTree(dir);
        long t0 = System.nanoTime();
        int exit = script("up", Duration.ofMinutes(12));
        startTime = Duration.ofNanos(System.nanoTime() - t0);
        if (exit != 0) {
            throw new AssertionError("kagi-cluster.sh up failed (" + exit + "); logs under " + dir);
        }
        return this;
    }

    @Override
    public void close() {
        script("stop", Duration.ofMinutes(2));
        // The script stops each node's JVM; WildFly's standalone.sh wrapper around it was seen to outlive it (ignores
        // TERM): end whatever still runs with one of this cluster's base directories, so the next run has the cores.
        String marker = "-Djboss.server.base.dir=" + dir.resolve("node");
        ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .forEach(ProcessHandle::destroyForcibly);
        sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    /** CPU seconds used so far by each node's JVM, HAProxy, every PostgreSQL process, this JVM, and the machine. */
    Map<String, Double> cpu() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (int i = 1; i <= nodes; i++) {
            seconds.put("node" + i, processCpu(pidFrom(dir.resolve("node" + i).resolve("node.pid"))));
        }
        seconds.put("haproxy", processCpu(pidFrom(dir.resolve("haproxy.pid"))));
        // Per process: PostgreSQL's backends come and go (other builds share the server), so a phase's share is the sum
        // of the per-process differences (BalancerBenchmarkIT.timed), not the difference of two sums.
        ProcessHandle.allProcesses().filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false))
                .forEach(p -> seconds.put("postgres:" + p.pid(), processCpu(p.pid())));
        seconds.put("client", processCpu(ProcessHandle.current().pid()));
        double[] machine = machineTime();
        seconds.put("machine busy", machine[0]);
        seconds.put("machine total", machine[1]);
        return seconds;
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " / " + f[1] + " / " + f[2];
        } catch (IOException e) {
            return "n/a";
        }
    }

    private static long pidFrom(Path file) {
        try {
            return Long.parseLong(Files.readString(file).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** utime + stime of one process, in seconds; 0 when it is gone. */
    private static double processCpu(long pid) {
        if (pid <= 0) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // after "pid (comm) "
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS; // fields 14 and 15 of proc(5)
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /**
     * CPU seconds all cores of the machine spent busy (not idle, not waiting for I/O, not stolen) since boot, and in
     * all; busy ÷ all over a phase is the share of the machine in use.
     */
    private static double[] machineTime() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            long all = 0;
            for (int i = 1; i <= 8 && i < f.length; i++) { // user .. steal; guest is inside user already
                long ticks = Long.parseLong(f[i]);
                all += ticks;
                busy += i == 4 || i == 5 || i == 8 ? 0 : ticks; // 4 idle, 5 iowait, 8 steal
            }
            return new double[] {busy / TICKS, all / TICKS};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One statement through psql (the test classpath has no JDBC driver; the script needs psql anyway). */
    static void sql(String statement) {
        try {
            Process p = new ProcessBuilder("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-q", "-c", statement)
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(statement + ": " + out);
            }
        } catch (IOException e) {
            throw new AssertionError(statement, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private int script(String command, Duration bound) {
        ProcessBuilder pb = new ProcessBuilder(List.of("bash", home.resolve("bin/kagi-cluster.sh").toString(), command))
                .redirectErrorStream(true);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("kagi-cluster.log").toFile()));
        Map<String, String> env = pb.environment();
        env.put("KAGI_CLUSTER_NODES", String.valueOf(nodes));
        env.put("KAGI_CLUSTER_DIR", dir.toString());
        env.put("KAGI_CLUSTER_PORT_OFFSET", String.valueOf(Integer.getInteger("kagi.it.port.offset", 0)));
        env.put("KAGI_EAR", System.getProperty("kagi.ear"));
        env.put("KAGI_DB_URL", PG + "?currentSchema=" + schema);
        env.put("KAGI_DB_USER", "postgres");
        env.put("KAGI_DB_PASSWORD", "postgres");
        env.put("KAGI_CLUSTER_START_TIMEOUT", "420");
        // Production timers (bench profile), mail at once and unthrottled to the test's SMTP server.
        List<String> opts = new ArrayList<>(List.of("-Djava.net.preferIPv4Stack=true", "-Dkagi.db.schema=" + schema,
                "-Dkagi.smtp.port=" + Integer.getInteger("kagi.it.smtp.port", 3025), "-Dkagi.mail.poll=PT1S",
                "-Dkagi.mail.rate=0", "-Dkagi.admin.password=" + Api.ADMIN_PASSWORD,
                "-Dkagi.mail.support.phone=058-000-0000"));
        env.put("KAGI_CLUSTER_JAVA_OPTS", String.join(" ", opts));
        try {
            Process p = pb.start();
            if (!p.waitFor(bound.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
