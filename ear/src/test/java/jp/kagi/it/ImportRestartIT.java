package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A bulk import job survives a server restart: the server is stopped while the job runs and started again; the job
 * then finishes with every row done exactly once (one account and one certificate per row, a gap-free CN sequence,
 * exactly two mails per user). Runs on a server of its own (container "wildfly-restart", started here).
 */
@EnabledIfSystemProperty(named = "arquillian.launch", matches = "wildfly-restart") // its own failsafe execution
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ImportRestartIT {

    private static final String SERVER = "wildfly-restart";
    private static final int ROWS = 60;

    @RegisterExtension
    static GreenMailExtension smtp = Mailbox.smtpServer();

    @ArquillianResource
    ContainerController controller;

    @ArquillianResource
    Deployer deployer;

    private final Api api = Api.admin();

    @Deployment(name = "kagi", managed = false, testable = false)
    @TargetsContainer(SERVER)
    static EnterpriseArchive deployment() {
        return KagiDeployment.shipped();
    }

    @Test
    void aJobCutByARestartFinishesWithEveryRowDoneOnce() {
        controller.start(SERVER);
        try {
            deployer.deploy("kagi");
            String customer = "Restart " + UUID.randomUUID().toString().substring(0, 8);
            assertEquals(201, api.post("/api/v1/customers", "{\"name\":\"" + customer
                    + "\",\"contactEmail\":\"ca@example.jp\"}").status());
            String tag = "restart-" + UUID.randomUUID().toString().substring(0, 8);
            String csv = Imports.csv(customer, tag, ROWS);
            long jobId = Imports.start(api, csv, StandardCharsets.UTF_8, true).getJsonNumber("jobId").longValue();

            int doneBefore = awaitSomeDone(jobId);
            controller.stop(SERVER); // a clean shutdown in the middle of the job
            assertTrue(doneBefore < ROWS, "the restart must cut the job, not follow it");
            controller.start(SERVER); // the deployment comes back with the server

            JsonObject job = Imports.awaitFinished(api, jobId, 600);
            assertEquals("FINISHED", job.getString("status"), job.toString());
            assertEquals(ROWS, job.getInt("done"), job.toString());
            assertEquals(0, job.getInt("failed"), job.toString());

            Set<String> users = new HashSet<>();
            TreeSet<Integer> numbers = new TreeSet<>();
            JsonArray rows = api.get("/api/v1/imports/" + jobId + "/rows?size=500").array();
            for (JsonValue value : rows) {
                JsonObject row = value.asJsonObject();
                assertEquals("DONE", row.getString("status"), row.toString());
                assertTrue(users.add(row.getString("userId")), "one account per row");
                assertTrue(numbers.add(Integer.parseInt(row.getString("commonName").substring(4))), "one CN per row");
            }
            assertEquals(ROWS, users.size());
            JsonArray certificates = api.get("/api/v1/certificates?customer=" + customer.replace(" ", "%20")
                    + "&size=500").array();
            assertEquals(ROWS, certificates.size(), "no row was issued twice");
            // Nothing else issued meanwhile: the job's numbers are one run with no gap left by the restart.
            assertEquals(ROWS, numbers.last() - numbers.first() + 1, numbers.toString());

            assertEquals(0, api.postBytes("/api/v1/accounts/import?dryRun=true", csv.getBytes(StandardCharsets.UTF_8),
                    "text/csv").json().getInt("valid"), "every account exists exactly once");
            Mailbox mailbox = new Mailbox(smtp);
            for (int i = 1; i <= ROWS; i++) {
                mailbox.await(tag + "-" + i + "@example.jp", 2); // neither lost nor sent twice across the restart
            }
            deployer.undeploy("kagi");
        } finally {
            controller.stop(SERVER);
        }
    }

    /** Waits until the job has done a few rows (and not all), so that the restart cuts it in the middle. */
    private int awaitSomeDone(long jobId) {
        long deadline = System.currentTimeMillis() + 300_000;
        while (System.currentTimeMillis() < deadline) {
            int done = api.get("/api/v1/imports/" + jobId).json().getInt("done");
            if (done >= 3) {
                return done;
            }
            Imports.sleep(200);
        }
        throw new AssertionError("The import job did not start within 300 s");
    }
}
