package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 13, "Speed": issuance (REST POST /api/v1/certificates) and the portal flow (sign in → 鍵の取得 → Download of
 * the .p12) through HAProxy, with 1 node and then with 2 nodes on this machine; the same PostgreSQL, a fresh schema
 * and CA per run, the same number of clients. Per phase: throughput, latency, and the CPU seconds each process used
 * (nodes, HAProxy, PostgreSQL, this client JVM) beside the load average, so that the reader sees the 2-core limit.
 * Run with -Pbench (bench/README.md); the numbers go to docs/performance.md (bench:balancer).
 *
 * <p>Sizes: -Dkagi.bench.balancer.clients (8), .issuances (120), .flows (48), .nodes ("1,2").
 */
class BalancerBenchmarkIT {

    private static final int CLIENTS = Integer.getInteger("kagi.bench.balancer.clients", 8);
    private static final int ISSUANCES = Integer.getInteger("kagi.bench.balancer.issuances", 120);
    private static final int FLOWS = Integer.getInteger("kagi.bench.balancer.flows", 48);
    private static final int WARM_UP = CLIENTS; // one request per client before each timed phase: JIT, pools, TLS
    private static final String NODES = System.getProperty("kagi.bench.balancer.nodes", "1,2");

    @RegisterExtension
    static GreenMailExtension smtp = Mailbox.smtpServer();

    private final Api api = Api.admin();
    private final Mailbox mailbox = new Mailbox(smtp);

    /** What one phase measured: latencies (ms), wall time, CPU seconds per process, load average before/after. */
    record Phase(String name, double[] latencies, int failed, double seconds, Map<String, Double> cpu,
                 String loadBefore, String loadAfter) {
        double perSecond() {
            return latencies.length / seconds;
        }
    }

    record Run(int nodes, double startSeconds, Phase issuance, Phase portal) {
    }

    private record User(String userId, String email) {
    }

    @Test
    void issuanceAndPortalThroughTheBalancerWithOneAndTwoNodes() throws Exception {
        List<Run> runs = new ArrayList<>();
        for (String n : NODES.split(",")) {
            runs.add(measure(Integer.parseInt(n.trim())));
        }
        BenchReport.write("balancer", BalancerReport.markdown(runs, CLIENTS, ISSUANCES, FLOWS));
    }

    private Run measure(int nodes) throws Exception {
        try (BalancerCluster cluster = new BalancerCluster(nodes)) {
            cluster.start();
            System.out.println("BalancerBenchmarkIT: " + nodes + " node(s) up in " + cluster.startTime.toSeconds() + " s");
            String customer = "Balancer " + UUID.randomUUID().toString().substring(0, 8);
            Api.Response c = api.post("/api/v1/customers", "{\"name\":\"" + customer + "\",\"contactEmail\":\"ca@example.jp\"}");
            assertEquals(201, c.status(), c.body());
            // Untimed: one account per certificate (an account holds one certificate of the default policy).
            List<User> users = parallel(WARM_UP + ISSUANCES, i -> {
                String email = "bal" + nodes + "-" + i + "-" + UUID.randomUUID() + "@example.jp";
                Api.Response a = api.post("/api/v1/accounts", "{\"customer\":\"" + customer + "\",\"email\":\"" + email
                        + "\",\"displayName\":\"利用者\",\"language\":\"ja\"}");
                assertEquals(201, a.status(), a.body());
                return new User(a.json().getString("userId"), email);
            });
            parallel(WARM_UP, i -> issue(users.get(i)));
            Phase issuance = timed("issuance", cluster, ISSUANCES, i -> issue(users.get(WARM_UP + i)));

            // Untimed: the portal users' password and Request ID, from the two mails each issuance sent.
            int portalUsers = Math.min(WARM_UP + FLOWS, users.size());
            List<Mailbox.Credentials> credentials = new ArrayList<>();
            for (int i = 0; i < portalUsers; i++) {
                credentials.add(mailbox.credentials(users.get(i).email(), 2));
            }
            parallel(WARM_UP, i -> flow(users.get(i), credentials.get(i)));
            Phase portal = timed("portal", cluster, portalUsers - WARM_UP,
                    i -> flow(users.get(WARM_UP + i), credentials.get(WARM_UP + i)));
            return new Run(nodes, cluster.startTime.toMillis() / 1000.0, issuance, portal);
        }
    }

    /** One REST issuance; its latency in ms. */
    private double issue(User user) {
        long t0 = System.nanoTime();
        Api.Response r = api.post("/api/v1/certificates", "{\"userId\":\"" + user.userId() + "\"}");
        double ms = (System.nanoTime() - t0) / 1e6;
        assertEquals(201, r.status(), r.body());
        return ms;
    }

    /** One portal flow as a new browser (new TLS connection, new session, sticky cookie): its latency in ms. */
    private double flow(User user, Mailbox.Credentials credentials) {
        PortalClient portal = new PortalClient("ja");
        long t0 = System.nanoTime();
        PortalClient.Page menu = portal.login(user.userId(), credentials.password());
        PortalClient.Page ready = portal.retrieve(credentials.requestId(), credentials.password(), credentials.password());
        PortalClient.Page file = portal.download(ready);
        double ms = (System.nanoTime() - t0) / 1e6;
        if (!menu.uri().endsWith("/portal/menu.xhtml") || !"application/x-pkcs12".equals(file.header("Content-Type"))) {
            // Counted and reported, not fatal: a failed flow through the cluster is itself a finding of the run.
            System.out.println("BalancerBenchmarkIT: flow failed for " + user.userId() + ": menu " + menu.uri() + ", "
                    + ready.status() + " " + ready.uri() + " " + ready.errors() + ", download " + file.status() + " "
                    + file.header("Content-Type"));
            return Double.NaN;
        }
        return ms;
    }

    private Phase timed(String name, BalancerCluster cluster, int count, IntFunction<Double> task) throws Exception {
        String loadBefore = BalancerCluster.loadAverage();
        Map<String, Double> before = cluster.cpu();
        long t0 = System.nanoTime();
        List<Double> latencies = parallel(count, task);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> after = cluster.cpu();
        Map<String, Double> used = new java.util.LinkedHashMap<>();
        after.forEach((k, v) -> { // a process that ended during the phase is left out: its last figure is unknown
            if (!k.startsWith("postgres:")) {
                used.put(k, v - before.getOrDefault(k, 0.0));
            } else {
                used.merge("postgres", v - before.getOrDefault(k, 0.0), Double::sum);
            }
        });
        System.out.printf(Locale.ROOT, "BalancerBenchmarkIT: %d node(s) %s: %d in %.1f s, CPU %s%n", cluster.nodes, name,
                count, seconds, used);
        double[] ok = latencies.stream().mapToDouble(Double::doubleValue).filter(d -> !Double.isNaN(d)).toArray();
        return new Phase(name, ok, count - ok.length, seconds, used, loadBefore, BalancerCluster.loadAverage());
    }

    /** Runs task(0..count-1) on CLIENTS threads, each taking the next index; the results in index order. */
    private static <T> List<T> parallel(int count, IntFunction<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        AtomicInteger next = new AtomicInteger();
        ConcurrentLinkedQueue<Object[]> done = new ConcurrentLinkedQueue<>();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < CLIENTS; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        done.add(new Object[] {i, task.apply(i)});
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<T> results = new ArrayList<>(java.util.Collections.nCopies(count, null));
        for (Object[] d : done) {
            @SuppressWarnings("unchecked")
            T value = (T) d[1];
            results.set((Integer) d[0], value);
        }
        return results;
    }
}
