package jp.kagi.it;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Set;
import jp.kagi.admin.AdminPrincipal;
import jp.kagi.admin.AdminRole;
import jp.kagi.bulk.ImportService;
import jp.kagi.platform.Actor;
import jp.kagi.platform.KagiException;

/**
 * Test-only EJB for ImportLimitsIT: sets the import limits in the server as an operator would (system properties, no
 * restart), and tries an import start next to running jobs that only its own transaction sees (rolled back at the
 * end, so the background runner never finishes them under the test's feet and nothing is left behind).
 */
@Stateless
public class ImportLimitsProbe {

    @PersistenceContext
    EntityManager em;

    @Inject
    ImportService imports;

    @Resource
    SessionContext context;

    /** Sets {@code key} ({@code null} removes it) and returns what it was before. */
    public String setProperty(String key, String value) {
        String before = System.getProperty(key);
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
        return before;
    }

    /**
     * With {@code running} RUNNING jobs of {@code operator} in the database, starts an import of {@code csv} as that
     * operator and answers what happened: "started 2" (with the number of jobs the operator then has) or
     * "error.import.tooManyJobs [2, 2]". Everything is rolled back.
     */
    public String startNextTo(String operator, int running, byte[] csv) {
        for (int i = 0; i < running; i++) {
            em.createNativeQuery("insert into import_job (created_by, created_at, file_name, encoding, issue_certificates,"
                    + " status, total_rows, version) values (?1, current_timestamp, 'running.csv', 'UTF-8', false,"
                    + " 'RUNNING', 0, 0)").setParameter(1, operator).executeUpdate();
        }
        try {
            imports.start(new Actor(operator, "127.0.0.1"), new AdminPrincipal(operator, AdminRole.OPERATOR,
                    Set.of("Nobody")), "limit.csv", csv, false);
        } catch (KagiException e) {
            return e.messageKey() + " " + e.arguments(); // the transaction is marked for rollback: no more queries
        }
        long jobs = em.createQuery("select count(j) from ImportJob j where j.createdBy = :me", Long.class)
                .setParameter("me", operator).getSingleResult();
        context.setRollbackOnly();
        return "started " + jobs;
    }

    /**
     * Dry-runs an endless upload as a CA admin and answers the refusal and how many bytes the service took from the
     * stream before it stopped.
     */
    public String checkEndless(String userId) {
        long[] served = {0};
        byte[] row = "Acme,a@example.jp,A,ja\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return row[(int) (served[0]++ % row.length)] & 0xFF;
            }
        };
        try {
            imports.check(new AdminPrincipal(userId, AdminRole.CA_ADMIN, Set.of()), endless);
            return "read to the end?! " + served[0];
        } catch (KagiException e) {
            return e.messageKey() + " " + e.arguments() + " " + served[0];
        }
    }

    /** Checks {@code csv} as a CA admin: the refusal's key and arguments, or "rows N". */
    public String check(String userId, byte[] csv) {
        try {
            return "rows " + imports.check(new AdminPrincipal(userId, AdminRole.CA_ADMIN, Set.of()),
                    new ByteArrayInputStream(csv)).rows();
        } catch (KagiException e) {
            return e.messageKey() + " " + e.arguments();
        }
    }
}
