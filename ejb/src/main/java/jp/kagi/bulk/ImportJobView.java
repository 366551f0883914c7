package jp.kagi.bulk;

import java.time.Instant;

/** An import job and its progress, as the progress bar and the API show it. */
public record ImportJobView(long id, String fileName, String createdBy, Instant createdAt, String encoding,
                            boolean issueCertificates, String status, int rows, long rejected, long open, long done,
                            long failed, long cancelled, int percent, Instant finishedAt)
        implements java.io.Serializable {

    public boolean finished() {
        return !ImportJobStatus.RUNNING.name().equals(status);
    }
}
