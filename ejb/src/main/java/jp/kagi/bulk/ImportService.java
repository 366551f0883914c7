package jp.kagi.bulk;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import jp.kagi.audit.AuditLog;
import jp.kagi.platform.Access;
import jp.kagi.platform.Actor;
import jp.kagi.platform.CustomerScope;
import jp.kagi.platform.Inputs;
import jp.kagi.platform.KagiException;
import jp.kagi.platform.Settings;

/**
 * Bulk import of accounts: {@link #check} is the dry run (reads, checks, writes nothing); {@link #start} writes the
 * job and its rows in one transaction and leaves the work to {@link jp.kagi.platform.BackgroundWork}, which survives the admin closing
 * the browser and the server restarting.
 */
@Stateless
public class ImportService {

    private static final int FLUSH_EVERY = 500;
    /** Control and text-direction characters: a name like "txt.exe" shown reversed is kept out of the job list. */
    private static final String FILE_NAME_NOISE = "[\\p{Cntrl}\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]";

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private AuditLog audit;

    @Inject
    private Settings settings;

    public ImportReport check(CustomerScope who, byte[] csv) {
        return check(who, csv == null ? null : new ByteArrayInputStream(csv));
    }

    /**
     * The dry run: every row checked as the real run would check it; nothing is written. The upload is read within
     * the size and row limits ({@link ImportLimits}); the caller closes {@code csv}.
     */
    public ImportReport check(CustomerScope who, InputStream csv) {
        Access.write(who); // the dry run of a change: only for those who may make it
        ImportFile file = ImportFile.read(csv, ImportLimits.of(settings));
        return ImportReport.of(null, file.encoding(), file.check(validator(who)));
    }

    public ImportReport start(Actor actor, CustomerScope who, String fileName, byte[] csv, boolean issueCertificates) {
        return start(actor, who, fileName, csv == null ? null : new ByteArrayInputStream(csv), issueCertificates);
    }

    /**
     * The real run: the job and every row (refused rows with their reason) are stored together; the valid rows are
     * then opened, and issued if {@code issueCertificates}, by the runner. A file that cannot be read at all is
     * refused whole and nothing is stored, and so is a start while the admin already has as many running jobs as
     * {@link ImportLimits#maxJobs()} allows.
     */
    public ImportReport start(Actor actor, CustomerScope who, String fileName, InputStream csv,
                              boolean issueCertificates) {
        Access.write(who);
        ImportLimits limits = ImportLimits.of(settings);
        requireJobSlot(who, limits, false); // refuses early, before the upload is read
        ImportFile file = ImportFile.read(csv, limits);
        List<RowCheck> checks = file.check(validator(who));
        String cleaned = fileName == null ? "" : fileName.replaceAll(FILE_NAME_NOISE, "");
        String name = cleaned.isBlank() ? "import.csv" : Inputs.text("fileName", cleaned, 255);
        requireJobSlot(who, limits, true);
        Instant now = clock.instant();
        ImportJob job = new ImportJob(actor, now, name, file.encoding(), issueCertificates, checks.size());
        em.persist(job);
        em.flush();
        for (int i = 0; i < checks.size(); i++) {
            em.persist(new ImportRow(job.id(), checks.get(i), now));
            if ((i + 1) % FLUSH_EVERY == 0) {
                em.flush(); // keeps the persistence context small for 100,000 rows
                em.clear();
            }
        }
        ImportReport report = ImportReport.of(job.id(), file.encoding(), checks);
        audit.record(actor, "import.start", "import", String.valueOf(job.id()), name + ": " + report.rows()
                + " rows, " + report.valid() + " valid" + (issueCertificates ? ", issuing certificates" : ""));
        return report;
    }

    public Optional<ImportJobView> job(CustomerScope who, long id) {
        ImportJob job = em.find(ImportJob.class, id);
        return job == null || !visible(who, job) ? Optional.empty() : Optional.of(job.view(counts(id)));
    }

    /** The newest jobs the admin may see: all for CA admins and auditors, an operator's own for an operator. */
    public List<ImportJobView> recent(CustomerScope who, int max) {
        var query = em.createQuery("select j from ImportJob j where (:all = true or j.createdBy = :me) order by j.id desc",
                ImportJob.class).setParameter("all", !isOperator(who)).setParameter("me", who.userId());
        return query.setMaxResults(max).getResultList().stream().map(j -> j.view(counts(j.id()))).toList();
    }

    /** A page of the job's rows in file order, optionally only those in {@code status}. */
    public List<ImportRowView> rows(CustomerScope who, long id, String status, int first, int max) {
        require(who, id);
        ImportRowStatus wanted = status(status);
        return em.createQuery("select r from ImportRow r where r.jobId = :job and (:any = true or r.status = :status)"
                        + " order by r.line", ImportRow.class).setParameter("job", id)
                .setParameter("any", wanted == null).setParameter("status", wanted == null ? ImportRowStatus.DONE : wanted)
                .setFirstResult(Math.max(0, first)).setMaxResults(Math.max(1, Math.min(max, 1000))).getResultList()
                .stream().map(ImportRow::view).toList();
    }

    public long rowCount(CustomerScope who, long id, String status) {
        require(who, id);
        ImportRowStatus wanted = status(status);
        return em.createQuery("select count(r) from ImportRow r where r.jobId = :job and (:any = true or r.status = :status)",
                        Long.class).setParameter("job", id).setParameter("any", wanted == null)
                .setParameter("status", wanted == null ? ImportRowStatus.DONE : wanted).getSingleResult();
    }

    /** Stops a running job: rows not begun are marked CANCELLED; a row being worked on right now still finishes. */
    public ImportJobView cancel(Actor actor, CustomerScope who, long id) {
        Access.write(who);
        ImportJob job = require(who, id);
        if (job.status() != ImportJobStatus.RUNNING) {
            throw KagiException.invalid("error.import.notRunning", id);
        }
        if (!who.isCaAdmin() && !(isOperator(who) && job.createdBy().equals(who.userId()))) {
            throw Access.forbidden(); // auditors only read
        }
        em.createQuery("update ImportRow r set r.status = :cancelled, r.updatedAt = :now where r.jobId = :job"
                        + " and r.status = :pending").setParameter("cancelled", ImportRowStatus.CANCELLED)
                .setParameter("now", clock.instant()).setParameter("job", id)
                .setParameter("pending", ImportRowStatus.PENDING).executeUpdate();
        job.cancel(clock.instant());
        audit.record(actor, "import.cancel", "import", String.valueOf(id), null);
        return job.view(counts(id));
    }

    /**
     * Refuses a new job while the admin already has {@code maxJobs} running. Counted in the database so that every
     * node sees the same number; with {@code lock}, the admin's staff row is locked first (until the transaction
     * ends), so two starts by the same admin, on one node or two, count one after the other and cannot both pass.
     */
    private void requireJobSlot(CustomerScope who, ImportLimits limits, boolean lock) {
        if (lock) {
            em.createNativeQuery("select user_id from admin_user where user_id = ?1 for update")
                    .setParameter(1, who.userId()).getResultList();
        }
        long running = em.createQuery("select count(j) from ImportJob j where j.createdBy = :me and j.status = :running",
                        Long.class).setParameter("me", who.userId()).setParameter("running", ImportJobStatus.RUNNING)
                .getSingleResult();
        if (running >= limits.maxJobs()) {
            throw new KagiException(KagiException.Kind.CONFLICT, "error.import.tooManyJobs", running, limits.maxJobs());
        }
    }

    private ImportJob require(CustomerScope who, long id) {
        ImportJob job = em.find(ImportJob.class, id);
        if (job == null || !visible(who, job)) {
            throw KagiException.notFound("error.import.unknown", id);
        }
        return job;
    }

    private ImportCounts counts(long id) {
        return ImportCounts.of(em, id);
    }

    private static boolean isOperator(CustomerScope who) {
        return !Access.caller(who).seesEveryCustomer();
    }

    private static boolean visible(CustomerScope who, ImportJob job) {
        return !isOperator(who) || job.createdBy().equals(who.userId());
    }

    private static ImportRowStatus status(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return ImportRowStatus.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw KagiException.invalid("error.status", "REJECTED, PENDING, ACCOUNT_OPENED, DONE, FAILED, CANCELLED");
        }
    }

    private ImportValidator validator(CustomerScope who) {
        return new ImportValidator(who::mayChange, new ImportValidator.Customers() {
            @Override
            public Boolean active(String name) {
                return em.createQuery("select c.active from Customer c where c.name = :name", Boolean.class)
                        .setParameter("name", name).getResultStream().findFirst().orElse(null);
            }

            @Override
            public Set<String> emailKeys(String name) {
                return new HashSet<>(em.createQuery("select a.emailKey from Account a where a.customer.name = :name",
                        String.class).setParameter("name", name).getResultList());
            }
        });
    }
}
