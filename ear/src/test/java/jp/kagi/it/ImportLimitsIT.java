package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
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
 * Issue 12, bad input and limits: the import's size and row limits hold while reading (service and REST), an admin
 * may run only so many import jobs at once (counted in the database), and names with text-direction controls are
 * refused. The limits are set inside the server as an operator would (system properties, no restart) and restored.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImportLimitsIT {

    private static final String HEADER = "customer,email,displayName,language\n";
    private static final String[] KEYS = {"kagi.import.max.mb", "kagi.import.max.rows", "kagi.import.max.jobs"};

    @Deployment
    static EnterpriseArchive deployment() {
        return KagiDeployment.withTestClasses(ImportLimitsIT.class, ImportLimitsProbe.class, KagiDeployment.class);
    }

    @Inject
    ImportLimitsProbe probe;

    private static byte[] rows(int count) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < count; i++) {
            csv.append("Nobody,u").append(i).append("@example.jp,U ").append(i).append(",ja\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** In the server, on the default limits: the job limit counts the operator's running jobs in the database. */
    @Test
    @Order(1)
    void anOperatorWithTwoRunningJobsCannotStartAThirdAndNothingIsWritten() {
        String operator = "limit-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals("started 2", probe.startNextTo(operator, 1, rows(2)), "one running: the second may start");
        assertEquals("error.import.tooManyJobs [2, 2]", probe.startNextTo(operator, 2, rows(2)),
                "two running (the default limit): refused (and rolled back: REST test below shows nothing stored)");
        assertEquals("started 1", probe.startNextTo("other-" + operator, 0, rows(2)),
                "counted per staff user: another admin's jobs do not count");
    }

    /** In the server: the service stops reading an endless upload at the first byte over the limit. */
    @Test
    @Order(2)
    void theServiceStopsReadingAtTheFirstByteOverTheSizeLimitAndCountsRowsWhileParsing() {
        String[] before = set("1", "3", null);
        try {
            assertEquals("error.import.tooLarge [1] " + (1024 * 1024 + 1), probe.checkEndless("limits-it"));
            assertEquals("rows 3", probe.check("limits-it", rows(3)));
            assertEquals("error.import.rowLimit [3]", probe.check("limits-it", rows(4)));
        } finally {
            restore(before);
        }
    }

    /** Sets the limits for the REST test that follows; {@link #limitsRestored} puts them back whatever happens. */
    @Test
    @Order(3)
    void limitsSet() {
        System.setProperty("kagi.it.limits.before", String.join("\u0000", Arrays.stream(set("1", "3", "0"))
                .map(v -> v == null ? "" : v).toList()));
    }

    @Test
    @Order(4)
    @RunAsClient
    void overRestTheLimitsAnswerTranslatedProblemsAndStoreNothing() {
        Api api = Api.admin();
        String newestBefore = Imports.newestJob(api);

        byte[] big = new byte[1024 * 1024 + 1];
        Arrays.fill(big, (byte) 'a');
        Api.Response tooLarge = api.inLanguage("ja").postBytes("/api/v1/accounts/import?dryRun=true", big, "text/csv");
        assertEquals(400, tooLarge.status(), tooLarge.body());
        assertTrue(tooLarge.contentType().startsWith("application/problem+json"), tooLarge.contentType());
        assertEquals("error.import.tooLarge", tooLarge.code());
        assertTrue(tooLarge.json().getString("detail").contains("1 MiB を超えています"), tooLarge.body());

        assertEquals(200, api.postBytes("/api/v1/accounts/import?dryRun=true", rows(3), "text/csv").status());
        Api.Response tooMany = api.inLanguage("en").postBytes("/api/v1/accounts/import?dryRun=true", rows(4), "text/csv");
        assertEquals(400, tooMany.status(), tooMany.body());
        assertEquals("error.import.rowLimit", tooMany.code());
        assertTrue(tooMany.json().getString("detail").contains("more than 3 rows"), tooMany.body());

        Api.Response jobs = api.inLanguage("ja").postBytes("/api/v1/accounts/import?dryRun=false", rows(3), "text/csv");
        assertEquals(409, jobs.status(), jobs.body());
        assertEquals("error.import.tooManyJobs", jobs.code());
        assertTrue(jobs.json().getString("detail").contains("スタッフ 1 人あたり 0 件まで"), jobs.body());
        assertEquals(newestBefore, Imports.newestJob(api), "no job was stored");
    }

    @Test
    @Order(5)
    void limitsRestored() {
        String[] before = System.getProperty("kagi.it.limits.before", "\u0000\u0000").split("\u0000", -1);
        restore(Arrays.stream(before).map(v -> v.isEmpty() ? null : v).toArray(String[]::new));
        System.clearProperty("kagi.it.limits.before");
    }

    /** Issue 12: a right-to-left override in a customer's name or an account's display name is refused, translated. */
    @Test
    @Order(6)
    @RunAsClient
    void namesWithTextDirectionControlsAreRefused() {
        Api api = Api.admin().inLanguage("ja");
        String name = "Bidi " + UUID.randomUUID().toString().substring(0, 8);
        Api.Response customer = api.post("/api/v1/customers", "{\"name\":\"" + name + " \u202Egnp.exe\","
                + "\"contactEmail\":\"ca@example.jp\"}");
        assertEquals(400, customer.status(), customer.body());
        assertEquals("error.bidiControl", customer.code());
        assertTrue(customer.json().getString("detail").contains("表示方向"), customer.body());

        assertEquals(201, api.post("/api/v1/customers", "{\"name\":\"" + name + "\",\"contactEmail\":\"ca@example.jp\"}")
                .status());
        Api.Response account = api.post("/api/v1/accounts", "{\"customer\":\"" + name + "\",\"email\":\"bidi@example.jp\","
                + "\"displayName\":\"Mallory \u2067evil\u2069\",\"language\":\"en\"}");
        assertEquals(400, account.status(), account.body());
        assertEquals("error.bidiControl", account.code());
    }

    private String[] set(String mb, String rows, String jobs) {
        String[] values = {mb, rows, jobs};
        String[] before = new String[KEYS.length];
        for (int i = 0; i < KEYS.length; i++) {
            before[i] = System.getProperty(KEYS[i]);
            if (values[i] != null) {
                probe.setProperty(KEYS[i], values[i]);
            }
        }
        return before;
    }

    private void restore(String[] before) {
        for (int i = 0; i < KEYS.length; i++) {
            probe.setProperty(KEYS[i], before[i]);
        }
    }
}
