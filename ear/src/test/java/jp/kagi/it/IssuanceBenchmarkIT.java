package jp.kagi.it;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jp.kagi.account.AccountService;
import jp.kagi.account.NewAccount;
import jp.kagi.ca.KeyType;
import jp.kagi.customer.CustomerService;
import jp.kagi.customer.PolicyChange;
import jp.kagi.issuance.CertificateQuery;
import jp.kagi.issuance.IssuanceService;
import jp.kagi.platform.Actor;
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
 * Issue 3's throughput goals, certificates per second with both cores busy: issuance through the EJB (key
 * generation, numbering, signing, profile check, storage, sealed key, two mails, audit) against bare JCA key
 * generation + signing in the same server JVM, and against an OpenSSL CLI pipeline (genpkey, req, x509, pkcs12).
 * Run with -Pbench; the numbers go to docs/performance.md.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IssuanceBenchmarkIT {

    private static final int THREADS = 2;
    private static final int RSA_CERTS = 120;
    private static final int EC_CERTS = 300;
    private static final int WARM_UP = 10;
    private static final Actor ACTOR = new Actor("benchmark", "127.0.0.1");

    @Deployment
    static EnterpriseArchive deployment() {
        return KagiDeployment.withTestClasses(IssuanceBenchmarkIT.class, KagiDeployment.class, BenchReport.class,
                KeygenSignBound.class);
    }

    @Inject
    CustomerService customers;

    @Inject
    AccountService accounts;

    @Inject
    IssuanceService issuance;

    @Inject
    CertificateQuery certificates;

    /** Runs inside the server; leaves its numbers in a file the client-side step below reads. */
    @Test
    @Order(1)
    void measureInsideTheServer() throws Exception {
        Properties results = new Properties();
        for (KeyType type : new KeyType[] {KeyType.RSA_2048, KeyType.EC_P256}) {
            int n = type == KeyType.RSA_2048 ? RSA_CERTS : EC_CERTS;
            List<String> users = accountsFor(type, n + WARM_UP);
            timed(users.subList(0, WARM_UP), id -> issuance.issue(ACTOR, CustomerScope.SYSTEM, id));
            results.setProperty(type + ".ejb", rate(n, timed(users.subList(WARM_UP, users.size()),
                    id -> issuance.issue(ACTOR, CustomerScope.SYSTEM, id))));
            results.setProperty(type + ".bare", String.format(Locale.ROOT, "%.3f",
                    KeygenSignBound.perSecond(type, WARM_UP, n, THREADS)));
        }
        results.setProperty("server.jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        try (var out = Files.newOutputStream(resultsFile())) {
            results.store(out, "issuance throughput, certificates per second");
        }
    }

    /** Runs in the test JVM: the OpenSSL pipeline, then the report. */
    @Test
    @Order(2)
    @RunAsClient
    void compareWithOpensslAndReport() throws Exception {
        Properties inServer = new Properties();
        String database = System.getProperty("arquillian.launch", "wildfly-h2").replace("wildfly-", "");
        try (var in = Files.newInputStream(Path.of(System.getProperty("kagi.it.dir"), database,
                "bench-issuance.properties"))) {
            inServer.load(in);
        }
        Path work = Files.createTempDirectory("kagi-openssl-bench");
        run(work, "openssl", "req", "-x509", "-newkey", "rsa:3072", "-nodes", "-keyout", "ca.key", "-out", "ca.crt",
                "-days", "30", "-subj", "/C=JP/O=Bench/CN=Bench Issuing CA");
        Files.writeString(work.resolve("ext.cnf"), "basicConstraints=critical,CA:FALSE\n"
                + "keyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n"
                + "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n"
                + "crlDistributionPoints=URI:https://kagi.example/crl/issuing-ca.crl\n"
                + "authorityInfoAccess=OCSP;URI:https://kagi.example/ocsp,caIssuers;URI:https://kagi.example/crl/issuing-ca.cer\n");
        double rsaCli = opensslRate(work, "RSA", 30);
        double ecCli = opensslRate(work, "EC", 60);
        String version = run(work, "openssl", "version").strip();

        double rsaEjb = Double.parseDouble(inServer.getProperty("RSA_2048.ejb"));
        double rsaBare = Double.parseDouble(inServer.getProperty("RSA_2048.bare"));
        double ecEjb = Double.parseDouble(inServer.getProperty("EC_P256.ejb"));
        double ecBare = Double.parseDouble(inServer.getProperty("EC_P256.bare"));
        StringBuilder md = new StringBuilder("## Issuance throughput (issue 3), " + database + "\n\n");
        md.append("Measured ").append(LocalDate.now()).append(" on ").append(BenchReport.machine()).append("; server ")
                .append(inServer.getProperty("server.jvm")).append(", ")
                .append("h2".equals(database) ? "embedded H2" : "PostgreSQL 15 on the same machine").append("; ").append(version).append(". ")
                .append(THREADS).append(" threads (one per core) in each case; ").append(RSA_CERTS)
                .append(" RSA-2048 and ").append(EC_CERTS).append(" EC P-256 certificates through the EJB after ")
                .append(WARM_UP).append(" warm-up issuances. Certificates per second:\n\n");
        md.append("| key | EJB issuance | bare JCA keygen + sign | OpenSSL CLI pipeline |\n| --- | ---: | ---: | ---: |\n");
        md.append(String.format(Locale.ROOT, "| RSA-2048 | %.1f | %.1f | %.1f |%n", rsaEjb, rsaBare, rsaCli));
        md.append(String.format(Locale.ROOT, "| EC P-256 | %.1f | %.1f | %.1f |%n%n", ecEjb, ecBare, ecCli));
        md.append("| ratio | goal | measured | |\n| --- | ---: | ---: | --- |\n");
        ratio(md, "EJB / bare, RSA-2048", rsaEjb / rsaBare, 0.9);
        ratio(md, "EJB / bare, EC P-256", ecEjb / ecBare, 0.5);
        ratio(md, "EJB / OpenSSL CLI, RSA-2048", rsaEjb / rsaCli, 1.5);
        ratio(md, "EJB / OpenSSL CLI, EC P-256", ecEjb / ecCli, 10);
        md.append("\nWhat each column does per certificate. *EJB*: `IssuanceService.issue` — key generation outside the ")
                .append("transaction, then under the CN sequence's row lock: numbering, signing with the RSA-3072 issuing ")
                .append("key, the profile check (which verifies the signature), storing certificate and retrieval request ")
                .append("with the AES-GCM-sealed private key, rendering and sealing two mails into the outbox, the audit ")
                .append("record, commit. *Bare*: JCA key generation and one SHA256withRSA signature with an RSA-3072 key ")
                .append("over 1 KiB, nothing else. *OpenSSL*: `genpkey`, `req -new`, `x509 -req` with the same extensions ")
                .append("and an RSA-3072 CA, `pkcs12 -export`, four processes per certificate, two pipelines in parallel.\n\n")
                .append("Rerun: `bench/run.sh IssuanceBenchmarkIT`.\n");
        BenchReport.write("issuance-" + database, md.toString());
    }

    private static void ratio(StringBuilder md, String what, double value, double goal) {
        md.append(String.format(Locale.ROOT, "| %s | ≥ %.1f× | %.2f× | %s |%n", what, goal, value,
                value >= goal ? "met" : "not met"));
    }

    private List<String> accountsFor(KeyType type, int count) throws Exception {
        String customer = "Bench " + type + " " + UUID.randomUUID().toString().substring(0, 6);
        customers.create(ACTOR, CustomerScope.SYSTEM, customer, "bench@example.jp");
        customers.changePolicy(ACTOR, CustomerScope.SYSTEM, customer, new PolicyChange(null, null, type.name(), null, null, null, null, null));
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<String>> made = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String email = "bench" + i + "@example.jp";
                made.add(pool.submit(() -> accounts.create(ACTOR, CustomerScope.SYSTEM, new NewAccount(customer, email, "Bench", "ja")).userId()));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> f : made) {
                ids.add(f.get(10, TimeUnit.MINUTES));
            }
            return ids;
        } finally {
            pool.shutdownNow();
        }
    }

    private interface Work {
        void run(String userId) throws Exception;
    }

    /** Nanoseconds to run {@code work} for every user with {@link #THREADS} threads. */
    private static long timed(List<String> users, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (String u : users) {
                tasks.add(() -> {
                    work.run(u);
                    return null;
                });
            }
            long start = System.nanoTime();
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
            return System.nanoTime() - start;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String rate(int count, long nanos) {
        return String.format(Locale.ROOT, "%.3f", count / (nanos / 1e9));
    }

    private static Path resultsFile() {
        return Path.of(System.getProperty("jboss.server.base.dir"), "bench-issuance.properties");
    }

    private static double opensslRate(Path work, String algorithm, int count) throws Exception {
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String n = algorithm + i;
            tasks.add(() -> {
                if ("RSA".equals(algorithm)) {
                    run(work, "openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", n + ".key");
                } else {
                    run(work, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", n + ".key");
                }
                run(work, "openssl", "req", "-new", "-key", n + ".key", "-subj", "/C=JP/OU=Bench/CN=" + n, "-out", n + ".csr");
                run(work, "openssl", "x509", "-req", "-in", n + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                        "-set_serial", "0x" + UUID.randomUUID().toString().replace("-", ""), "-days", "395", "-sha256",
                        "-extfile", "ext.cnf", "-out", n + ".crt");
                run(work, "openssl", "pkcs12", "-export", "-inkey", n + ".key", "-in", n + ".crt", "-certfile", "ca.crt",
                        "-name", n, "-passout", "pass:bench-password", "-out", n + ".p12");
                return null;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            long start = System.nanoTime();
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
            return count / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private static String run(Path dir, String... command) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
