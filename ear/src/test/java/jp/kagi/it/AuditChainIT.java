package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import jp.kagi.audit.AuditEntry;
import jp.kagi.audit.AuditLog;
import jp.kagi.audit.AuditVerification;
import jp.kagi.audit.AuditVerifier;
import jp.kagi.platform.Actor;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 12 item 5: the audit log is a hash chain that stays intact under concurrent appends, the timer signs
 * checkpoints, GET /api/v1/audit/verify names the first record that was edited or deleted (PostgreSQL: with psql,
 * disabling the append-only trigger as a superuser attacker would), and mail retries and certificate exports are
 * audited.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditChainIT {

    private static final Logger LOG = Logger.getLogger(AuditChainIT.class.getName());

    @Inject
    AuditProbe probe;

    @Inject
    AuditVerifier verifier;

    @Inject
    AuditLog log;

    @Deployment
    static EnterpriseArchive deployment() {
        return KagiDeployment.withTestClasses(AuditChainIT.class, AuditProbe.class, Api.class, Api.Response.class,
                Poll.class, KagiDeployment.class, Psql.class);
    }

    @Test
    @Order(1)
    void concurrentAppendsStayOneChain() {
        long before = intactUpTo(verifier.verify(jp.kagi.platform.CustomerScope.SYSTEM));
        probe.rate(true, 8, 10);
        long after = intactUpTo(verifier.verify(jp.kagi.platform.CustomerScope.SYSTEM));
        assertTrue(after >= before + 80, "80 appends from 8 threads, chain from " + before + " to " + after);
    }

    /** Not a test of speed: it reports what the chain costs (server.log, "audit writes per second"). */
    @Test
    @Order(2)
    void measureTheCostOfChaining() {
        probe.createBench();
        try {
            probe.rate(false, 1, 20); // warm-up of both paths
            probe.rate(true, 1, 20);
            double plain1 = probe.rate(false, 1, 100);
            double chained1 = probe.rate(true, 1, 100);
            double plain4 = probe.rate(false, 4, 25);
            double chained4 = probe.rate(true, 4, 25);
            LOG.info(() -> String.format("audit writes per second (one per transaction): before (plain insert)"
                    + " 1 thread %.0f, 4 threads %.0f; after (chained) 1 thread %.0f, 4 threads %.0f",
                    plain1, plain4, chained1, chained4));
        } finally {
            probe.dropBench();
        }
        intactUpTo(verifier.verify(jp.kagi.platform.CustomerScope.SYSTEM));
    }

    @Test
    @Order(3)
    void theTimerSignsACheckpointThatVerifies() {
        long head = probe.chainHead();
        Poll.until("a checkpoint at or after record " + head, Duration.ofSeconds(30), () -> probe.lastCheckpoint() >= head);
        assertTrue(intactUpTo(verifier.verify(jp.kagi.platform.CustomerScope.SYSTEM)) >= head);
    }

    @Test
    @Order(4)
    void aMailRetryIsAudited() {
        long id = probe.retriedMail(new Actor("it-retrier", "192.0.2.9"));
        List<AuditEntry> entries = log.forObject(jp.kagi.platform.CustomerScope.SYSTEM, "mail", Long.toString(id));
        assertEquals(1, entries.size(), entries.toString());
        assertEquals("mail.retry", entries.get(0).action());
        assertEquals("it-retrier", entries.get(0).actor());
        assertTrue(entries.get(0).detail().contains("audit-retry@example.com"), entries.get(0).detail());
    }

    @Test
    @Order(5)
    @RunAsClient
    void verifyAnswersAsSpecifiedAndACsvExportIsAudited() {
        Api admin = Api.admin();
        assertEquals(200, admin.get("/api/v1/certificates/export.csv?status=ISSUED").status());
        JsonObject verified = admin.get("/api/v1/audit/verify").json();
        assertTrue(verified.getBoolean("intact"), verified.toString());
        assertTrue(verified.getJsonNumber("checkedUpTo").longValue() > 0, verified.toString());
        assertFalse(verified.containsKey("firstBroken"), verified.toString());
        JsonObject exported = admin.get("/api/v1/audit?action=certificate.export&size=1").array().getJsonObject(0);
        assertEquals("admin", exported.getString("actor"));
        assertTrue(exported.getString("detail").contains("status=ISSUED") && exported.getString("detail").contains("rows="),
                exported.toString());
        assertEquals(401, Api.anonymous("en").get("/api/v1/audit/verify").status());

        String suffix = Long.toString(System.nanoTime(), 36);
        String customer = "auditchain-" + suffix;
        assertEquals(201, admin.post("/api/v1/customers", "{\"name\":\"" + customer
                + "\",\"contactEmail\":\"c@example.jp\"}").status());
        for (String role : List.of("AUDITOR", "OPERATOR")) {
            String user = role.toLowerCase(java.util.Locale.ROOT).substring(0, 3) + "-chain-" + suffix;
            assertEquals(201, admin.post("/api/v1/admins", "{\"userId\":\"" + user + "\",\"password\":\"staff-password-1\","
                    + "\"role\":\"" + role + "\",\"customers\":[\"" + customer + "\"]}").status());
            int status = Api.as(user, "staff-password-1", "en").get("/api/v1/audit/verify").status();
            assertEquals(role.equals("AUDITOR") ? 200 : 403, status, role);
        }
    }

    @Test
    @Order(6)
    @RunAsClient
    void psqlTamperingIsNamed() {
        Assumptions.assumeTrue(System.getProperty("arquillian.launch", "").contains("postgresql"), "PostgreSQL only");
        Api admin = Api.admin();
        for (int i = 0; i < 3; i++) {
            admin.get("/api/v1/certificates/export.csv"); // one audit record each
        }
        long n = restIntactUpTo(admin);
        long t = n - 1;

        // the trigger binds even the superuser until it is disabled
        for (String refused : List.of("UPDATE audit_record SET detail = 'x' WHERE seq = " + t,
                "DELETE FROM audit_record WHERE seq = " + t, "TRUNCATE audit_record",
                "DELETE FROM audit_checkpoint")) {
            Psql r = psql(refused);
            assertNotEquals(0, r.exit(), refused);
            assertTrue(r.output().contains("append-only"), r.output());
        }
        backup();

        sql(disabled("UPDATE audit_record SET detail = 'forged' WHERE seq = " + t));
        assertEquals(t, firstBroken(admin), "an edited record");
        sql(disabled("UPDATE audit_record a SET detail = b.detail FROM audit_it_backup b WHERE a.id = b.id AND a.seq = " + t));
        restIntactUpTo(admin);

        sql(disabled("DELETE FROM audit_record WHERE seq = " + t));
        assertEquals(t, firstBroken(admin), "a deleted record");
        sql("INSERT INTO audit_record SELECT * FROM audit_it_backup WHERE seq = " + t);
        restIntactUpTo(admin);

        // Cut the tail back into the checkpointed part: first leaving the head, then moving it back as well.
        long head = probe();
        Poll.until("a checkpoint of record " + head, Duration.ofSeconds(30),
                () -> Long.parseLong(sql("SELECT COALESCE(MAX(seq), 0) FROM audit_checkpoint")) >= head);
        long k = head - 2;
        backup();
        sql(disabled("DELETE FROM audit_record WHERE seq > " + k));
        assertEquals(k + 1, firstBroken(admin), "a tail cut, head left");
        sql(disabled("UPDATE audit_chain_head SET last_seq = " + k
                + ", last_hash = (SELECT chain_hash FROM audit_record WHERE seq = " + k + ")"));
        // A background timer of the server may append right after the head moved back (then the break shows one later).
        long cut = firstBroken(admin);
        assertTrue(cut >= k + 1 && cut <= head, "a tail cut and the head moved back: the checkpoint remembers, " + cut);
        // One transaction that takes the head first, so that no append can slip in while the tail is put back.
        sql("SELECT 1 FROM audit_chain_head FOR UPDATE; " + disabled("DELETE FROM audit_record WHERE seq > " + k
                + "; INSERT INTO audit_record SELECT * FROM audit_it_backup WHERE seq > " + k
                + "; UPDATE audit_chain_head SET last_seq = (SELECT MAX(seq) FROM audit_record), last_hash ="
                + " (SELECT chain_hash FROM audit_record WHERE seq = (SELECT MAX(seq) FROM audit_record))"));
        restIntactUpTo(admin);
        sql("DROP TABLE audit_it_backup");
    }

    private long probe() {
        return Long.parseLong(sql("SELECT last_seq FROM audit_chain_head"));
    }

    private static void backup() {
        sql("DROP TABLE IF EXISTS audit_it_backup; CREATE TABLE audit_it_backup AS SELECT * FROM audit_record");
    }

    /** As an attacker with superuser rights would: the triggers off for the change only. */
    private static String disabled(String change) {
        return "ALTER TABLE audit_record DISABLE TRIGGER USER; " + change + "; ALTER TABLE audit_record ENABLE TRIGGER USER";
    }

    private static long intactUpTo(AuditVerification v) {
        assertTrue(v.intact(), v.toString());
        return v.checkedUpTo();
    }

    private static long restIntactUpTo(Api admin) {
        JsonObject v = admin.get("/api/v1/audit/verify").json();
        assertTrue(v.getBoolean("intact"), v.toString());
        return v.getJsonNumber("checkedUpTo").longValue();
    }

    private static long firstBroken(Api admin) {
        JsonObject v = admin.get("/api/v1/audit/verify").json();
        assertFalse(v.getBoolean("intact"), v.toString());
        assertFalse(v.containsKey("checkedUpTo"), v.toString());
        return v.getJsonNumber("firstBroken").longValue();
    }

    record Psql(int exit, String output) {
    }

    private static String sql(String statements) {
        Psql r = psql(statements);
        if (r.exit() != 0) {
            throw new AssertionError("psql failed on " + statements + ": " + r.output());
        }
        return r.output().strip();
    }

    private static Psql psql(String statements) {
        String schema = System.getProperty("kagi.it.pg.schema");
        try {
            Process p = new ProcessBuilder("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-X", "-q", "-At",
                    "-v", "ON_ERROR_STOP=1", "-c", "SET search_path TO " + schema + "; " + statements)
                    .redirectErrorStream(true).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("psql did not finish: " + statements);
            }
            return new Psql(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
