package jp.kagi.it;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** BalancerBenchmarkIT's section of docs/performance.md: 1 node against 2 nodes, throughput, latency and CPU. */
final class BalancerReport {

    private BalancerReport() {
    }

    static String markdown(List<BalancerBenchmarkIT.Run> runs, int clients, int issuances, int flows) {
        StringBuilder md = new StringBuilder();
        md.append("Measured ").append(LocalDate.now()).append(" on ").append(BenchReport.machine())
                .append(". Everything on this one machine: the nodes (WildFly `standalone-ha`, started by ")
                .append("`bin/kagi-cluster.sh`), HAProxy, PostgreSQL 15, the test's SMTP server and the load ")
                .append("generator. `").append(clients).append("` client threads in each phase; before each timed phase ")
                .append(clients).append(" untimed requests (one per client) warm up JIT, pools and TLS. Issuance: ")
                .append(issuances).append(" × REST `POST /api/v1/certificates` (RSA-2048 key pair made by the node, ")
                .append("signed by the issuing CA; two mails queued) on kept-alive HTTPS connections to HAProxy, ")
                .append("round-robin. Portal: ").append(flows).append(" flows, each a new browser (new TLS ")
                .append("connection and session, HAProxy's sticky cookie) doing sign in → 鍵の取得 (Submit) → ")
                .append("Download of the `.p12`. Latencies in ms, whole request or whole flow.\n\n");
        md.append("| nodes | phase | per second | failed | p50 | p95 | p99 | wall s | load avg before → after (1/5/15 min) |\n");
        md.append("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
        for (BalancerBenchmarkIT.Run r : runs) {
            phaseRow(md, r.nodes(), r.issuance(), "certificates");
            phaseRow(md, r.nodes(), r.portal(), "flows");
        }
        md.append("\nCPU seconds used during each timed phase (utime + stime from `/proc`; `postgres` is every ")
                .append("PostgreSQL process of the machine, shared with other builds; `machine busy` is all cores, ")
                .append("any process, and its share of all cores' time from `/proc/stat`):\n\n");
        md.append("| nodes | phase | wall s | node1 | node2 | haproxy | postgres | client JVM | machine busy | share of all cores |\n");
        md.append("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (BalancerBenchmarkIT.Run r : runs) {
            cpuRow(md, r.nodes(), r.issuance());
            cpuRow(md, r.nodes(), r.portal());
        }
        md.append("\nCluster start (`kagi-cluster.sh up`, fresh schema and CA): ");
        for (BalancerBenchmarkIT.Run r : runs) {
            md.append(String.format(Locale.ROOT, "%d node(s) %.0f s; ", r.nodes(), r.startSeconds()));
        }
        md.setLength(md.length() - 2);
        md.append(".\n\nRerun: `bench/run.sh BalancerBenchmarkIT` (with the offset flags of `bench/README.md` beside ")
                .append("another checkout; sizes: `-Dkagi.bench.balancer.clients|issuances|flows|nodes`).\n");
        return md.toString();
    }

    private static void phaseRow(StringBuilder md, int nodes, BalancerBenchmarkIT.Phase p, String unit) {
        double[] l = p.latencies();
        md.append(String.format(Locale.ROOT, "| %d | %s | **%.2f** %s/s | %d | %.0f | %.0f | %.0f | %.1f | %s → %s |%n", nodes,
                p.name(), p.perSecond(), unit, p.failed(), BenchReport.quantile(l, 0.5), BenchReport.quantile(l, 0.95),
                BenchReport.quantile(l, 0.99), p.seconds(), p.loadBefore(), p.loadAfter()));
    }

    private static void cpuRow(StringBuilder md, int nodes, BalancerBenchmarkIT.Phase p) {
        Map<String, Double> c = p.cpu();
        double busy = c.getOrDefault("machine busy", 0.0);
        md.append(String.format(Locale.ROOT, "| %d | %s | %.1f | %.1f | %s | %.1f | %.1f | %.1f | %.1f | %.0f%% |%n",
                nodes, p.name(), p.seconds(), c.getOrDefault("node1", 0.0),
                c.containsKey("node2") ? String.format(Locale.ROOT, "%.1f", c.get("node2")) : "–",
                c.getOrDefault("haproxy", 0.0), c.getOrDefault("postgres", 0.0), c.getOrDefault("client", 0.0), busy,
                100 * busy / Math.max(c.getOrDefault("machine total", 0.0), 0.01)));
    }
}
