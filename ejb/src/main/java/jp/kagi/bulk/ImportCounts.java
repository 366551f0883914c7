package jp.kagi.bulk;

import jakarta.persistence.EntityManager;
import java.util.EnumMap;
import java.util.Map;

/** How many rows of a job are in each state, and how far the job has come over the rows it works on. */
final class ImportCounts {

    private final Map<ImportRowStatus, Long> counts = new EnumMap<>(ImportRowStatus.class);

    /** The counts of one job, by a grouped query (never by loading its rows). */
    static ImportCounts of(EntityManager em, long jobId) {
        ImportCounts counts = new ImportCounts();
        em.createQuery("select r.status, count(r) from ImportRow r where r.jobId = :job group by r.status",
                Object[].class).setParameter("job", jobId).getResultList()
                .forEach(row -> counts.add((ImportRowStatus) row[0], (Long) row[1]));
        return counts;
    }

    void add(ImportRowStatus status, long count) {
        counts.merge(status, count, Long::sum);
    }

    long of(ImportRowStatus status) {
        return counts.getOrDefault(status, 0L);
    }

    /** Done and failed rows over all rows the job took on (refused rows were never work); 100 when there is none. */
    int percentDone() {
        long finished = of(ImportRowStatus.DONE) + of(ImportRowStatus.FAILED) + of(ImportRowStatus.CANCELLED);
        long work = finished + of(ImportRowStatus.PENDING) + of(ImportRowStatus.ACCOUNT_OPENED);
        return work == 0 ? 100 : (int) (finished * 100 / work);
    }
}
