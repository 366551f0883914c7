package jp.kagi.it;

import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.kagi.account.AccountService;
import jp.kagi.account.NewAccount;
import jp.kagi.ca.CertificateAuthority;
import jp.kagi.ca.CommonName;
import jp.kagi.ca.KeyType;
import jp.kagi.customer.CustomerService;
import jp.kagi.issuance.IssuanceService;
import jp.kagi.issuance.IssuedCertificate;
import jp.kagi.mail.MailKind;
import jp.kagi.platform.Actor;
import jp.kagi.platform.CustomerScope;
import jp.kagi.platform.RandomCodes;
import jp.kagi.retrieval.Pkcs12Packager;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 4's load goal and issue 9's throughput goal: 50 users doing login → 鍵の取得 (Submit) → Download at the same
 * moment, against one user alone (p50/p99 of the whole flow and of each step), and the flows per second they reach
 * against the bound of building the same PKCS#12 (Pkcs12Packager, same key type, same password length) on all cores
 * of the server JVM. Run with -Pbench; the numbers go to docs/performance.md.
 *
 * <p>The first step runs inside the server: it opens the accounts and issues their certificates through the EJBs,
 * reads each mailed password from the registration mail in the outbox (no SMTP server runs here, so the mail stays
 * there), and measures the bound. The second step runs the portal flows over HTTPS from the test JVM.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalLoadBenchmarkIT {

    private static final int USERS = 50;
    private static final int SINGLE_RUNS = 10;
    private static final int ROUNDS = 2;
    private static final int BOUND_WARM_UP = 10;
    private static final int BOUND_BUILDS = 100;
    private static final String RESULTS = "bench-portal-load.properties";
    private static final double FLOWS_PER_BUILD_GOAL = 0.5;
    private static final Actor ACTOR = new Actor("benchmark", "127.0.0.1");
    private static final Pattern JA_PASSWORD = Pattern.compile("ID : (\\S+)\\s+パスワード : (\\S+)");

    @Deployment
    static EnterpriseArchive deployment() {
        return KagiDeployment.withTestClasses(PortalLoadBenchmarkIT.class, KagiDeployment.class, BenchReport.class,
                ItProbe.class, PortalClient.class);
    }

    @Inject
    CustomerService customers;

    @Inject
    AccountService accounts;

    @Inject
    IssuanceService issuance;

    @Inject
    CertificateAuthority ca;

    @Inject
    ItProbe probe;

    private record User(String userId, String password, String requestId) {
    }

    private record Timing(double login, double submit, double download) {
        double total() {
            return login + submit + download;
        }
    }

    /** Inside the server: the users (accounts, certificates, mailed passwords), then the PKCS#12 bound. */
    @Test
    @Order(1)
    void prepareUsersAndMeasureTheBoundInsideTheServer() throws Exception {
        Properties out = new Properties();
        String customer = "Bench " + UUID.randomUUID().toString().substring(0, 8);
        customers.create(ACTOR, CustomerScope.SYSTEM, customer, "b@example.jp");
        for (int i = 0; i < USERS; i++) {
            String email = "bench-" + i + "-" + UUID.randomUUID() + "@example.jp";
            String userId = accounts.create(ACTOR, CustomerScope.SYSTEM, new NewAccount(customer, email, "Bench", "ja")).userId();
            IssuedCertificate issued = issuance.issue(ACTOR, CustomerScope.SYSTEM, userId);
            Matcher m = JA_PASSWORD.matcher(probe.mailBody(email, MailKind.REGISTRATION_REQUEST));
            assertTrue(m.find(), "registration mail for " + userId);
            out.setProperty("user." + i, userId + " " + m.group(2) + " " + issued.requestId());
        }
        out.setProperty("bound.buildsPerSecond", Double.toString(pkcs12BuildsPerSecond()));
        out.setProperty("bound.threads", Integer.toString(Runtime.getRuntime().availableProcessors()));
        out.setProperty("server.jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        try (var file = Files.newOutputStream(Path.of(System.getProperty("jboss.server.base.dir"), RESULTS))) {
            out.store(file, "portal load benchmark: users (test data) and PKCS#12 builds per second");
        }
    }

    /**
     * The bound: what 鍵の取得 cannot do without, building the PKCS#12 as Pkcs12Packager does for the default
     * policy (RSA-2048 key signed by the issuing CA, chain of two, modern flavour, a 14-character password), on one
     * thread per core, nothing else: no HTTP, no JSF, no database, no password check.
     */
    private double pkcs12BuildsPerSecond() throws Exception {
        SecureRandom random = new SecureRandom();
        KeyPair pair = KeyType.RSA_2048.generate(random);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS); // certificates hold whole seconds
        X509Certificate cert = ca.signClient(ca.profile("Bench", new CommonName("bench", 1), now,
                now.plus(395, ChronoUnit.DAYS), KeyType.RSA_2048), pair.getPublic(), ca.nextSerial());
        List<X509Certificate> chain = ca.chain();
        char[] password = RandomCodes.password(random).toCharArray();
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 2; round++) {
                int builds = round == 0 ? BOUND_WARM_UP : BOUND_BUILDS;
                java.util.concurrent.atomic.AtomicInteger left = new java.util.concurrent.atomic.AtomicInteger(builds);
                List<Future<?>> workers = new ArrayList<>();
                long t0 = System.nanoTime();
                for (int t = 0; t < threads; t++) {
                    workers.add(pool.submit(() -> {
                        while (left.getAndDecrement() > 0) {
                            Pkcs12Packager.pack(pair.getPrivate(), cert, chain, "bench00001", password,
                                    Pkcs12Packager.Flavour.MODERN);
                        }
                        return null;
                    }));
                }
                for (Future<?> w : workers) {
                    w.get();
                }
                if (round == 1) {
                    return builds / ((System.nanoTime() - t0) / 1e9);
                }
            }
            throw new IllegalStateException("unreachable");
        } finally {
            pool.shutdownNow();
        }
    }

    /** In the test JVM: one user alone, then 50 at the same instant, over HTTPS. */
    @Test
    @Order(2)
    @RunAsClient
    void fiftyConcurrentUsersAgainstOne() throws Exception {
        String database = System.getProperty("arquillian.launch", "wildfly-h2").replace("wildfly-", "");
        Properties inServer = new Properties();
        Path file = Path.of(System.getProperty("kagi.it.dir"), database, RESULTS);
        try (var in = Files.newInputStream(file)) {
            inServer.load(in);
        }
        Files.delete(file); // it holds test passwords
        List<User> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            String[] u = inServer.getProperty("user." + i).split(" ");
            users.add(new User(u[0], u[1], u[2]));
        }
        flow(users.get(0)); // warm-up: JIT, first JSF view build, connection pools

        List<Timing> single = new ArrayList<>();
        for (int i = 0; i < SINGLE_RUNS; i++) {
            single.add(flow(users.get(i % users.size())));
        }
        List<Timing> concurrent = new ArrayList<>();
        double concurrentSeconds = 0;
        ExecutorService pool = Executors.newFixedThreadPool(USERS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Timing>> flows = new ArrayList<>();
                for (User u : users) {
                    flows.add(pool.submit(() -> {
                        start.await();
                        return flow(u);
                    }));
                }
                long t0 = System.nanoTime();
                start.countDown();
                for (Future<Timing> f : flows) {
                    concurrent.add(f.get());
                }
                concurrentSeconds += (System.nanoTime() - t0) / 1e9;
            }
        } finally {
            pool.shutdownNow();
        }
        report(single, concurrent, concurrent.size() / concurrentSeconds, inServer);
    }

    private Timing flow(User u) {
        PortalClient portal = new PortalClient("ja");
        long t0 = System.nanoTime();
        PortalClient.Page menu = portal.login(u.userId, u.password);
        long t1 = System.nanoTime();
        PortalClient.Page ready = portal.retrieve(u.requestId, u.password, u.password);
        long t2 = System.nanoTime();
        PortalClient.Page file = portal.download(ready);
        long t3 = System.nanoTime();
        if (!menu.uri().endsWith("/portal/menu.xhtml") || !"application/x-pkcs12".equals(file.header("Content-Type"))) {
            throw new AssertionError("flow failed for " + u.userId + ": " + ready.errors());
        }
        return new Timing((t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6);
    }

    private static void report(List<Timing> single, List<Timing> concurrent, double flowsPerSecond,
                               Properties inServer) {
        double singleP50 = q(single, Timing::total, 0.5);
        double p50 = q(concurrent, Timing::total, 0.5);
        double p99 = q(concurrent, Timing::total, 0.99);
        double ratio = p99 / singleP50;
        double builds = Double.parseDouble(inServer.getProperty("bound.buildsPerSecond"));
        double share = flowsPerSecond / builds;
        StringBuilder md = new StringBuilder();
        md.append("## Portal under load: login → 鍵の取得 → Download (issues 4 and 9)\n\n");
        md.append("Measured ").append(LocalDate.now()).append(" on ").append(BenchReport.machine())
                .append("; server ").append(inServer.getProperty("server.jvm"))
                .append("; server and load generator share the machine. **The machine has 2 cores and other builds ")
                .append("and test servers were running on it at the same time**, so the numbers are noisy. `").append(USERS)
                .append("` users start their flow at the same instant (").append(ROUNDS).append(" rounds, ")
                .append(concurrent.size()).append(" flows); the single-user line is ").append(SINGLE_RUNS)
                .append(" flows one after another. Times in milliseconds.\n\n");
        md.append("| scenario | step | p50 | p99 |\n| --- | --- | ---: | ---: |\n");
        row(md, "1 user", "login", single, Timing::login);
        row(md, "1 user", "Submit (鍵の取得)", single, Timing::submit);
        row(md, "1 user", "Download", single, Timing::download);
        row(md, "1 user", "**whole flow**", single, Timing::total);
        row(md, USERS + " users", "login", concurrent, Timing::login);
        row(md, USERS + " users", "Submit (鍵の取得)", concurrent, Timing::submit);
        row(md, USERS + " users", "Download", concurrent, Timing::download);
        row(md, USERS + " users", "**whole flow**", concurrent, Timing::total);
        md.append("\n| measure | before (PBKDF2 600k, 2026-11-24) | now | goal | |\n| --- | ---: | ---: | ---: | --- |\n");
        md.append(String.format(Locale.ROOT, "| flows per second, %d users at once | ~2.6 | **%.2f** | | |%n", USERS,
                flowsPerSecond));
        md.append(String.format(Locale.ROOT, "| PKCS#12 builds per second, %s threads, nothing else (the bound) | | %.2f | | |%n",
                inServer.getProperty("bound.threads"), builds));
        md.append(String.format(Locale.ROOT, "| flows/s ÷ builds/s | | **%.2f×** | ≥ %.1f× | %s |%n", share,
                FLOWS_PER_BUILD_GOAL, share >= FLOWS_PER_BUILD_GOAL ? "met" : "not met"));
        md.append(String.format(Locale.ROOT, "| p99 under load ÷ single-user p50 | 24.5× | **%.1f×** | ≤ 3× | %s |%n",
                ratio, ratio <= 3 ? "met" : "not met"));
        md.append(String.format(Locale.ROOT, "%nConcurrent p50 %.0f ms, p99 %.0f ms; single-user p50 %.0f ms.%n%n",
                p50, p99, singleP50));
        md.append("Flows per second: the ").append(concurrent.size()).append(" concurrent flows divided by the wall ")
                .append("time of their rounds (from the common start to the last Download). The bound: the same ")
                .append("PKCS#12 as `Pkcs12Packager` builds for the default policy (RSA-2048 key signed by the issuing ")
                .append("CA, chain of two, AES-256-CBC under PBKDF2-HMAC-SHA256 with 100,000 iterations for both bags, ")
                .append("MAC HMAC-SHA256), built in the server JVM by one thread per core after a warm-up, with no HTTP, ")
                .append("JSF, database or password check. Each flow builds exactly one such PKCS#12 and checks the ")
                .append("account password twice (login and 鍵の取得), now with HMAC-SHA256 (microseconds) instead of ")
                .append("PBKDF2 at 600,000 iterations (~0.5 s of CPU each); what remains above the bound is TLS ")
                .append("handshakes (a new connection per simulated user, both ends on this machine), JSF and the ")
                .append("database.\n\nThe p99 goal (≤ 3 × single-user p50) is about latency, not throughput: 50 flows ")
                .append("that each need a PKCS#12 build queue on 2 cores, so the last one finishes after about ")
                .append("50 ÷ builds/s seconds however fast each step is; it is kept here as issue 4 wrote it.\n\n")
                .append("Rerun: `bench/run.sh PortalLoadBenchmarkIT`.\n");
        BenchReport.write("portal-load", md.toString());
    }

    private static void row(StringBuilder md, String scenario, String step, List<Timing> timings,
                            java.util.function.ToDoubleFunction<Timing> f) {
        md.append("| ").append(scenario).append(" | ").append(step).append(" | ")
                .append(String.format(Locale.ROOT, "%.0f", q(timings, f, 0.5))).append(" | ")
                .append(String.format(Locale.ROOT, "%.0f", q(timings, f, 0.99))).append(" |\n");
    }

    private static double q(List<Timing> timings, java.util.function.ToDoubleFunction<Timing> f, double quantile) {
        return BenchReport.quantile(timings.stream().mapToDouble(f).toArray(), quantile);
    }
}
