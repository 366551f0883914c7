package jp.kagi.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * BalancerBenchmarkIT's cluster: {@link ClusterNodes#forBenchmark} (bin/kagi-cluster.sh, as ClusterIT starts it),
 * plus the CPU time each process used (/proc), to show the 2-core limit.
 */
final class BalancerCluster implements AutoCloseable {

    private static final double TICKS = 100; // USER_HZ: /proc counts CPU time in 1/100 s on Linux

    final int nodes;
    private final ClusterNodes cluster;
    Duration startTime;

    BalancerCluster(int nodes) {
        this.nodes = nodes;
        this.cluster = ClusterNodes.forBenchmark(nodes);
    }

    BalancerCluster start() {
        cluster.start();
        startTime = cluster.startTime();
        return this;
    }

    @Override
    public void close() {
        cluster.close();
    }

    /** CPU seconds used so far by each node's JVM, HAProxy, every PostgreSQL process, this JVM, and the machine. */
    Map<String, Double> cpu() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (int i = 1; i <= nodes; i++) {
            seconds.put("node" + i, processCpu(pidFrom(cluster.nodePidFile(i))));
        }
        seconds.put("haproxy", processCpu(pidFrom(cluster.balancerPidFile())));
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
}
