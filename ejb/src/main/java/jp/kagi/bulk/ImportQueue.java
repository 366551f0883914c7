package jp.kagi.bulk;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import jp.kagi.audit.AuditLog;

/** What the runner asks of the database: the next rows to work on, and which jobs have nothing left. */
@Stateless
public class ImportQueue {

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private AuditLog audit;

    /**
     * Open rows of running jobs, in file order within a job, shared out among the jobs: a large job running for an
     * hour must not hold back a small one started after it.
     */
    public List<Long> next(int max) {
        List<Long> jobs = em.createQuery("select j.id from ImportJob j where j.status = :running order by j.id",
                Long.class).setParameter("running", ImportJobStatus.RUNNING).getResultList();
        List<Long> rows = new ArrayList<>();
        int share = Math.max(1, max / Math.max(1, jobs.size()));
        for (Long job : jobs) {
            if (rows.size() >= max) {
                break;
            }
            rows.addAll(em.createQuery("select r.id from ImportRow r where r.jobId = :job and r.status in :open"
                            + " order by r.line", Long.class).setParameter("job", job)
                    .setParameter("open", ImportRowStatus.OPEN).setMaxResults(Math.min(share, max - rows.size()))
                    .getResultList());
        }
        return rows;
    }

    /** Marks running jobs without open rows as finished, with an audit record of what they did. */
    public int finishDone() {
        List<ImportJob> done = em.createQuery("select j from ImportJob j where j.status = :running and not exists"
                        + " (select r.id from ImportRow r where r.jobId = j.id and r.status in :open)", ImportJob.class)
                .setParameter("running", ImportJobStatus.RUNNING).setParameter("open", ImportRowStatus.OPEN)
                .getResultList();
        for (ImportJob job : done) {
            job.finish(clock.instant());
            ImportJobView view = job.view(ImportCounts.of(em, job.id()));
            audit.record(job.actor(), "import.finish", "import", String.valueOf(job.id()), view.done() + " done, "
                    + view.failed() + " failed, " + view.rejected() + " refused");
        }
        return done.size();
    }
}
