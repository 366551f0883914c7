package jp.kagi.bulk;

/** Where an import job stands. */
public enum ImportJobStatus {
    /** Rows are still being worked on (also after a restart: the runner picks them up again). */
    RUNNING,
    /** Every row is done, failed or was refused. */
    FINISHED,
    /** An admin stopped it; rows not begun were left alone. */
    CANCELLED
}
