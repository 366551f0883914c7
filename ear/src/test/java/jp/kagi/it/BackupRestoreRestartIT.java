package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator's tools of issue 13 (bin/kagi-migrate-h2.sh, kagi-backup.sh, kagi-restore.sh), end to end on one
 * server started three times: certificates issued on the embedded H2 move to PostgreSQL; the PostgreSQL node is
 * backed up while it runs; the backup is restored onto a fresh database and an empty data directory, and that fresh
 * node has the same CA, the same certificates, an intact audit chain, and issues the next dscaNNNNN. Needs PostgreSQL
 * (-Ppostgresql sets kagi.it.pg.enabled). Its own failsafe execution, it-backup, after the restart tests.
 */
@Tag("backup")
@EnabledIfSystemProperty(named = "arquillian.launch", matches = "wildfly-restart")
@EnabledIfSystemProperty(named = "kagi.it.pg.enabled", matches = "true")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BackupRestoreRestartIT {

    private static final String SERVER = "wildfly-restart";
    private static final int ROWS = 200;
    private static final Duration BOUND = Duration.ofMinutes(3);

    @ArquillianResource
    ContainerController controller;

    @ArquillianResource
    Deployer deployer;

    private final Api api = Api.admin();
    private final String stamp = Long.toString(System.currentTimeMillis());
    private final String schema = "kagi_it_move_" + stamp;
    private final String restoreDb = "kagi_it_restore_" + stamp;
    private final Path work = Path.of(System.getProperty("kagi.it.dir"), "backup-" + stamp);

    @Deployment(name = "kagi", managed = false, testable = false)
    @TargetsContainer(SERVER)
    static EnterpriseArchive deployment() {
        return KagiDeployment.shipped();
    }

    @Test
    void fromH2ToPostgresqlThenBackupAndRestoreOntoAFreshNode() throws IOException, InterruptedException {
        Path h2Data = work.resolve("h2-data");
        Path freshData = work.resolve("fresh-data");
        seedAspTrust(h2Data);
        try {
            // 1. A few hundred certificates on the embedded H2.
            controller.start(SERVER, config(h2Data, null));
            deployer.deploy("kagi");
            awaitApi();
            String customer = "Move " + stamp.substring(stamp.length() - 6);
            assertEquals(201, api.post("/api/v1/customers", "{\"name\":\"" + customer
                    + "\",\"contactEmail\":\"ca@example.jp\"}").status());
            long job = Imports.start(api, Imports.csv(customer, "move-" + stamp, ROWS), StandardCharsets.UTF_8, true)
                    .getJsonNumber("jobId").longValue();
            JsonObject done = Imports.awaitFinished(api, job, 600);
            assertEquals(ROWS, done.getInt("done"), done.toString());
            Map<String, String> onH2 = certificates();
            assertEquals(ROWS, onH2.size());
            byte[] ca = Api.anonymous("en").bytes("/crl/issuing-ca.cer");
            assertIntact();
            controller.stop(SERVER);

            // 2. H2 -> PostgreSQL with the copy tool; it refuses a target that is not empty.
            Map<String, String> pg = dbEnv("test", schema, h2Data);
            Run migrated = run(pg, "kagi-migrate-h2.sh", System.getProperty("kagi.ear"));
            assertEquals(0, migrated.exit(), migrated.output());
            assertTrue(migrated.output().contains("client_certificate"), migrated.output());
            System.out.println(migrated.output());
            Run again = run(pg, "kagi-migrate-h2.sh", System.getProperty("kagi.ear"));
            assertEquals(1, again.exit(), again.output());
            assertTrue(again.output().contains("must be empty"), again.output());

            controller.start(SERVER, config(h2Data, "test"));
            awaitApi();
            assertEquals(onH2, certificates(), "the same certificates on PostgreSQL");
            assertArrayEquals(ca, Api.anonymous("en").bytes("/crl/issuing-ca.cer"), "the same CA");
            assertIntact();
            int last = highest(onH2);
            assertEquals(last + 1, number(issue(customer)), "the sequence continues after the move");

            // 3. An online backup of the PostgreSQL node.
            Map<String, String> onPg = certificates();
            Path backup = work.resolve("backup");
            Run backedUp = run(pg, "kagi-backup.sh", backup.toString());
            assertEquals(0, backedUp.exit(), backedUp.output());
            for (String file : List.of("manifest.txt", "kagi-db.dump", "kagi-data.tar.gz")) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                        backup.resolve(file))), file);
            }
            String manifest = Files.readString(backup.resolve("manifest.txt"));
            assertTrue(manifest.contains("schema=" + schema) && manifest.contains("sha256 "), manifest);
            controller.stop(SERVER);

            // 4. Restore onto a fresh database and an empty data directory; never over an existing node.
            Run refused = run(dbEnv("test", schema, h2Data), "kagi-restore.sh", backup.toString());
            assertEquals(2, refused.exit(), refused.output());
            psql("test", "CREATE DATABASE " + restoreDb);
            Run restored = run(dbEnv(restoreDb, schema, freshData), "kagi-restore.sh", backup.toString());
            assertEquals(0, restored.exit(), restored.output());
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(freshData)));
            long crlNumber = Long.parseLong(psqlValue(restoreDb, "SELECT next_number FROM " + schema + ".crl_state"));

            controller.start(SERVER, config(freshData, restoreDb));
            awaitApi();
            assertArrayEquals(ca, Api.anonymous("en").bytes("/crl/issuing-ca.cer"), "the same CA after the restore");
            assertEquals(onPg, certificates(), "the same certificates after the restore");
            assertIntact();
            assertEquals(last + 2, number(issue(customer)), "the next dscaNNNNN after the restore");
            assertIntact();
            deployer.undeploy("kagi");
            controller.stop(SERVER);

            // 5. The same backup again over that node, as after losing it: refused, then --force; --skip-numbers moves
            // the CN sequence and the CRL number past what the lost node may have issued since the backup.
            Run overNode = run(dbEnv(restoreDb, schema, freshData), "kagi-restore.sh", backup.toString());
            assertEquals(2, overNode.exit(), overNode.output());
            assertTrue(overNode.output().contains("without --force"), overNode.output());
            Run forced = run(dbEnv(restoreDb, schema, freshData), "kagi-restore.sh", "--force", "--skip-numbers", "10",
                    backup.toString());
            assertEquals(0, forced.exit(), forced.output());
            assertEquals(String.valueOf(last + 2 + 10), psqlValue(restoreDb, "SELECT next_cn_number FROM " + schema
                    + ".issuer"), "the backup's next dscaNNNNN moved on by 10");
            assertEquals(String.valueOf(crlNumber == 0 ? 0 : crlNumber + 10), psqlValue(restoreDb,
                    "SELECT next_number FROM " + schema + ".crl_state"), "the backup's next CRL number moved on by 10"
                    + " (0, no CRL yet, stays: the first one starts at the epoch millisecond)");
        } catch (Exception | Error failed) {
            // The restart tests share this server's base directory: a deployment left in its configuration would
            // come back at their start and refuse their own (duplicate resource). Take it away, then report.
            try {
                if (!controller.isStarted(SERVER)) {
                    controller.start(SERVER, config(h2Data, null));
                }
                deployer.undeploy("kagi");
            } catch (RuntimeException notDeployed) {
                failed.addSuppressed(notDeployed);
            }
            throw failed;
        } finally {
            controller.stop(SERVER);
            psql("test", "DROP DATABASE IF EXISTS " + restoreDb);
            psql("test", "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private Map<String, String> config(Path data, String database) {
        String db = database == null ? "" : " -Dkagi.db.driver=postgresql -Dkagi.db.url=" + jdbcUrl(database)
                + " -Dkagi.db.user=postgres -Dkagi.db.password=postgres -Dkagi.db.schema=" + schema;
        // A start with a deployment that migrates or restores takes longer than arquillian.xml's 180 s on a loaded CI host.
        return Map.of("startupTimeoutInSeconds", "420", "javaVmArguments", System.getProperty("kagi.it.jvm")
                + " -Djboss.server.base.dir=" + System.getProperty("kagi.it.dir") + "/restart"
                + " -Dkagi.smtp.port=" + System.getProperty("kagi.it.smtp.port")
                + " -Dkagi.admin.password=" + Api.ADMIN_PASSWORD + " -Dkagi.import.poll=PT1S "
                + System.getProperty("kagi.it.ocsp", "") + " -Dkagi.data.dir=" + data + db);
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:5432/" + database + "?currentSchema=" + schema;
    }

    /** What an operator exports before running the tools: the same variables bin/kagi.sh reads. */
    private Map<String, String> dbEnv(String database, String dbSchema, Path data) {
        return Map.of("KAGI_DB_URL", jdbcUrl(database), "KAGI_DB_USER", "postgres", "KAGI_DB_PASSWORD", "postgres",
                "KAGI_DB_SCHEMA", dbSchema, "KAGI_DATA_DIR", data.toString());
    }

    private void awaitApi() {
        Poll.until("the server to answer", BOUND, () -> {
            try {
                return api.get("/api/v1/audit/verify").status() == 200;
            } catch (RuntimeException starting) {
                return false;
            }
        });
    }

    private void assertIntact() {
        Api.Response verify = api.get("/api/v1/audit/verify");
        assertEquals(200, verify.status(), verify.body());
        assertTrue(verify.json().getBoolean("intact"), verify.body());
    }

    /** serial -> CN of every certificate (one page: this test's server holds only its own). */
    private Map<String, String> certificates() {
        Map<String, String> all = new TreeMap<>();
        for (JsonValue value : api.get("/api/v1/certificates?size=500").array()) {
            JsonObject c = value.asJsonObject();
            all.put(c.getString("serial"), c.getString("cn"));
        }
        return all;
    }

    private String issue(String customer) {
        Api.Response account = api.post("/api/v1/accounts", "{\"customer\":\"" + customer + "\",\"email\":\"next-"
                + UUID.randomUUID() + "@example.jp\",\"displayName\":\"Next\",\"language\":\"en\"}");
        assertEquals(201, account.status(), account.body());
        Api.Response issued = api.post("/api/v1/certificates", "{\"userId\":\""
                + account.json().getString("userId") + "\"}");
        assertEquals(201, issued.status(), issued.body());
        return issued.json().getString("cn");
    }

    private static int highest(Map<String, String> certificates) {
        return certificates.values().stream().mapToInt(BackupRestoreRestartIT::number).max().orElseThrow();
    }

    private static int number(String cn) {
        return Integer.parseInt(cn.substring("dsca".length()));
    }

    private record Run(int exit, String output) {
    }

    private Run run(Map<String, String> env, String tool, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", System.getProperty("jboss.home") + "/bin/" + tool));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), tool + " did not finish: " + out);
        return new Run(p.exitValue(), out);
    }

    /** The one value a query answers (psql -tA). */
    private static String psqlValue(String database, String sql) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-qXtA", "-c", sql)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("psql failed: " + sql + ": " + out);
        }
        return out;
    }

    private static void psql(String database, String sql) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-qX", "-c", sql)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("psql failed: " + sql + ": " + out);
        }
    }

    /** What bin/kagi.sh does before every start: a fresh data directory gets 8444's placeholder trust store and CRL. */
    private static void seedAspTrust(Path data) throws IOException, InterruptedException {
        String home = System.getProperty("jboss.home");
        Process seed = new ProcessBuilder("bash", home + "/bin/kagi-asp-seed.sh",
                home + "/standalone/configuration/kagi-asp-placeholder.p12", data.toString())
                .redirectErrorStream(true).start();
        String out = new String(seed.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!seed.waitFor(60, TimeUnit.SECONDS) || seed.exitValue() != 0) {
            throw new IllegalStateException("kagi-asp-seed.sh failed: " + out);
        }
    }
}
