package jp.kagi.bulk;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import jp.kagi.platform.Actor;

/** One uploaded account list being imported; its rows are {@link ImportRow}s. */
@Entity
@Table(name = "import_job")
public class ImportJob {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_from")
    private String createdFrom;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "file_name", nullable = false)
    private String fileName;

    @Column(nullable = false)
    private String encoding;

    @Column(name = "issue_certificates", nullable = false)
    private boolean issueCertificates;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ImportJobStatus status;

    @Column(name = "total_rows", nullable = false)
    private int totalRows;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Version
    private long version;

    protected ImportJob() {
    }

    ImportJob(Actor actor, Instant createdAt, String fileName, String encoding, boolean issueCertificates,
              int totalRows) {
        this.createdBy = actor.name();
        this.createdFrom = actor.address();
        this.createdAt = createdAt;
        this.fileName = fileName;
        this.encoding = encoding;
        this.issueCertificates = issueCertificates;
        this.totalRows = totalRows;
        this.status = ImportJobStatus.RUNNING;
    }

    /** Who started the job: its rows are opened and issued in that admin's name. */
    Actor actor() {
        return new Actor(createdBy, createdFrom);
    }

    void finish(Instant at) {
        if (status == ImportJobStatus.RUNNING) {
            status = ImportJobStatus.FINISHED;
            finishedAt = at;
        }
    }

    void cancel(Instant at) {
        if (status == ImportJobStatus.RUNNING) {
            status = ImportJobStatus.CANCELLED;
            finishedAt = at;
        }
    }

    public Long id() {
        return id;
    }

    public String createdBy() {
        return createdBy;
    }

    public boolean issuesCertificates() {
        return issueCertificates;
    }

    public ImportJobStatus status() {
        return status;
    }

    ImportJobView view(ImportCounts counts) {
        return new ImportJobView(id, fileName, createdBy, createdAt, encoding, issueCertificates, status.name(),
                totalRows, counts.of(ImportRowStatus.REJECTED), counts.of(ImportRowStatus.PENDING)
                + counts.of(ImportRowStatus.ACCOUNT_OPENED), counts.of(ImportRowStatus.DONE),
                counts.of(ImportRowStatus.FAILED), counts.of(ImportRowStatus.CANCELLED), counts.percentDone(),
                finishedAt);
    }
}
