package jp.kagi.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

/**
 * A cluster run by the same script an operator runs (bin/kagi-cluster.sh): N nodes on a fresh PostgreSQL schema of
 * their own and HAProxy in front, on this build's port offset (the balancer on 8443 + offset, where Api and
 * PortalClient point; node i on 8443 + offset + 100 i). ClusterIT's (two nodes, test timers) and
 * BalancerBenchmarkIT's (one or two nodes, production timers) differ only in their settings. Stops only what the
 * script started.
 */
final class ClusterNodes implements AutoCloseable {

    static final int NODES = 2;
    static final int OFFSET = Integer.getInteger("kagi.it.port.offset", 0);
    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";

    final int nodes;
    final String schema;
    private final Path home = Path.of(System.getProperty("jboss.home"));
    private final Path dir;
    private final List<String> javaOpts;
    private final boolean parallel;
    private final int startTimeoutSeconds;
    private Duration started;

    private ClusterNodes(int nodes, String name, List<String> javaOpts, boolean parallel, int startTimeoutSeconds) {
        this.nodes = nodes;
        this.schema = System.getProperty("kagi.it.pg.schema", "kagi_it_local") + "_" + name;
        this.dir = Path.of(System.getProperty("kagi.it.dir")).resolve(name);
        List<String> opts = new ArrayList<>(List.of("-Djava.net.preferIPv4Stack=true", "-Dkagi.db.schema=" + schema,
                "-Dkagi.smtp.port=" + Integer.getInteger("kagi.it.smtp.port", 3025), "-Dkagi.mail.poll=PT1S",
                "-Dkagi.mail.rate=0", "-Dkagi.admin.password=" + Api.ADMIN_PASSWORD,
                "-Dkagi.mail.support.phone=058-000-0000"));
        opts.addAll(javaOpts);
        this.javaOpts = opts;
        this.parallel = parallel;
        this.startTimeoutSeconds = startTimeoutSeconds;
    }

    /** ClusterIT's: two nodes booting at once (the database lock keeps the CA single), timers of seconds. */
    static ClusterNodes forClusterIT() {
        return new ClusterNodes(NODES, "cluster", List.of("-Dkagi.mail.retry.base=PT1S", "-Dkagi.lock.sweep=PT2S",
                "-Dkagi.import.poll=PT1S"), true, 900); // 900 s bounds each wait: a shared 2-core machine can be slow
    }

    /** BalancerBenchmarkIT's: {@code nodes} nodes started as an operator starts them, production timers. */
    static ClusterNodes forBenchmark(int nodes) {
        return new ClusterNodes(nodes, "bal" + nodes, List.of(), false, 420);
    }

    /** A fresh schema and cluster directory (CA, KEKs, node configurations), then the nodes and the balancer. */
    ClusterNodes start() {
        sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        deleteTree(dir);
        started = up();
        System.out.println("ClusterNodes: cluster of " + nodes + " up in " + started.toSeconds() + " s");
        return this;
    }

    /** Starts every node that does not run (the script leaves the others alone) and the balancer again. */
    Duration up() {
        long t0 = System.nanoTime();
        int exit = script("up", Duration.ofMinutes(20));
        if (exit != 0) {
            throw new AssertionError("kagi-cluster.sh up failed (" + exit + "); logs under " + dir);
        }
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    Duration startTime() {
        return started;
    }

    /** HTTPS base URL of node i, bypassing the balancer. */
    static String node(int i) {
        return "https://localhost:" + (8443 + OFFSET + 100 * i);
    }

    /** kill -9 of node i's JVM (the PID WildFly's script recorded). */
    void killNine(int i) {
        ProcessHandle jvm = ProcessHandle.of(pid(i)).orElseThrow(() -> new AssertionError("node" + i + " is not running"));
        jvm.destroyForcibly();
        Poll.until("node" + i + "'s JVM to end", Duration.ofSeconds(30), () -> !jvm.isAlive());
    }

    /**
     * Whether node i's own copy of an HTTP session holds the server-side state of a JSF view ({@code logical:actual}
     * as the page's jakarta.faces.ViewState carries it), read through WildFly's management operation
     * get-session-attribute (the node's session manager, so its replica of the distributed cache).
     */
    boolean holdsView(int i, String sessionId, String viewState) {
        String[] ids = viewState.split(":");
        ModelNode op = Operations.createOperation("get-session-attribute", Operations.createAddress("deployment", "kagi.ear",
                "subdeployment", "kagi-web.war", "subsystem", "undertow"));
        op.get("session-id").set(sessionId.replaceFirst("\\..*$", "")); // without the route (".node1")
        op.get("attribute").set("com.sun.faces.renderkit.ServerSideStateHelper.LogicalViewMap");
        try (ModelControllerClient client = ModelControllerClient.Factory.create("remote+http", "127.0.0.1",
                9990 + OFFSET + 100 * i)) {
            ModelNode result = client.execute(op);
            if (!Operations.isSuccessfulOutcome(result)) {
                return false; // no such session there (yet)
            }
            String views = Operations.readResult(result).asString(); // {logical={actual=[state], ...}, ...}
            return views.contains(ids[0] + "={") && views.contains(ids[1] + "=");
        } catch (IOException e) {
            throw new AssertionError("node" + i + "'s management interface", e);
        }
    }

    long pid(int i) {
        try {
            return Long.parseLong(Files.readString(nodePidFile(i)).trim());
        } catch (IOException e) {
            throw new AssertionError("no PID file of node" + i, e);
        }
    }

    /** The file where node i's JVM PID is written (absent while the node does not run). */
    Path nodePidFile(int i) {
        return dir.resolve("node" + i).resolve("node.pid");
    }

    /** The file where HAProxy's PID is written. */
    Path balancerPidFile() {
        return dir.resolve("haproxy.pid");
    }

    @Override
    public void close() {
        script("stop", Duration.ofMinutes(2));
        sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    /** One statement through psql (the test classpath has no JDBC driver; the script needs psql anyway). */
    void sql(String statement) {
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

    /**
     * {@code rows} retrieval requests that fell due a day ago, each with its certificate and key_vault row, for one
     * new customer, by set-based SQL (as LockSweepBenchData does): request CL + 14 digits, key cl + 30 digits,
     * certificate serial 7D + 30 digits, CN numbers far above the issued ones.
     */
    void seedDueRequests(int rows) {
        String series = "generate_series(1, " + rows + ") AS s(n)";
        sql("SET search_path TO " + schema + ";"
                + "INSERT INTO customer (name, contact_email, active, lock_after_issuance, lock_after_retrieval, key_type,"
                + " legacy_pkcs12, first_validity_months, renewal_validity_months, created_at, version) VALUES"
                + " ('clusterlocks', 'ca@cluster.example', TRUE, 'P30D', 'P7D', 'EC_P256', FALSE, 12, 12, now(), 0);"
                + "INSERT INTO account (user_id, customer_id, email, email_key, display_name, language, password_hash,"
                + " status, created_at, version) SELECT 'clusterlocks1', k.id, 'locks@cluster.example',"
                + " 'locks@cluster.example', 'Cluster Locks', 'ja', 'unusable', 'ACTIVE', now(), 0 FROM customer k"
                + " WHERE k.name = 'clusterlocks';"
                + "INSERT INTO key_vault (id, kek_version, wrapped_key, created_at) SELECT 'cl' || lpad(s.n::text, 30, '0'),"
                + " 1, decode(repeat('00', 60), 'hex'), now() - interval '31 days' FROM " + series + ";"
                + "INSERT INTO client_certificate (issuer_id, cn_number, common_name, subject_dn, serial_hex, account_id,"
                + " customer_id, key_type, not_before, not_after, der, status, issued_at, issued_by)"
                + " SELECT 1, 3000000000 + s.n, 'clusterl' || s.n, 'CN=clusterl,C=JP', '7D' || lpad(s.n::text, 30, '0'),"
                + " a.id, a.customer_id, 'EC_P256', now() - interval '31 days', now() + interval '365 days',"
                + " decode('300602010105010000', 'hex'), 'ISSUED', now() - interval '31 days', 'cluster-test'"
                + " FROM " + series + " JOIN account a ON a.user_id = 'clusterlocks1';"
                + "INSERT INTO retrieval_request (request_id, certificate_id, status, issued_at, lock_after_issuance,"
                + " lock_after_retrieval, sealed_private_key, version, locks_at, data_key_id)"
                + " SELECT 'CL' || lpad((c.cn_number - 3000000000)::text, 14, '0'), c.id, 'PENDING', c.issued_at, 'P30D',"
                + " 'P7D', decode(repeat('00', 180), 'hex'), 0, now() - interval '1 day',"
                + " 'cl' || lpad((c.cn_number - 3000000000)::text, 30, '0') FROM client_certificate c"
                + " WHERE c.issuer_id = 1 AND c.cn_number > 3000000000");
    }

    /** One number from one query through psql. */
    long count(String query) {
        try {
            Process p = new ProcessBuilder("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-qtA", "-c",
                    "SET search_path TO " + schema + "; " + query).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(query + ": " + out);
            }
            return Long.parseLong(out.substring(out.lastIndexOf('\n') + 1).trim());
        } catch (IOException e) {
            throw new AssertionError(query, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private int script(String command, Duration bound) {
        List<String> cmd = new ArrayList<>(List.of("bash", home.resolve("bin/kagi-cluster.sh").toString(), command));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("kagi-cluster.log").toFile()));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        Map<String, String> env = pb.environment();
        env.put("KAGI_CLUSTER_NODES", String.valueOf(nodes));
        env.put("KAGI_CLUSTER_DIR", dir.toString());
        env.put("KAGI_CLUSTER_PORT_OFFSET", String.valueOf(OFFSET));
        env.put("KAGI_EAR", System.getProperty("kagi.ear"));
        env.put("KAGI_DB_URL", PG + "?currentSchema=" + schema);
        env.put("KAGI_DB_USER", "postgres");
        env.put("KAGI_DB_PASSWORD", "postgres");
        env.put("KAGI_CLUSTER_START_TIMEOUT", String.valueOf(startTimeoutSeconds));
        env.put("KAGI_CLUSTER_PARALLEL", parallel ? "1" : "0");
        env.put("KAGI_CLUSTER_JAVA_OPTS", String.join(" ", javaOpts));
        try {
            Process p = pb.start();
            if (!p.waitFor(bound.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new AssertionError(e);
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
            throw new AssertionError("could not empty " + root, e);
        }
    }
}
