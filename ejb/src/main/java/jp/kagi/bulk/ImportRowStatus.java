package jp.kagi.bulk;

import java.util.Set;

/** Where one row of an import stands. */
public enum ImportRowStatus {
    /** Refused by the checks before the job began; nothing was written for it. */
    REJECTED,
    /** Waiting for its account. */
    PENDING,
    /** Its account is open; its certificate is still to be issued. */
    ACCOUNT_OPENED,
    /** Account opened (and certificate issued, if the job issues). */
    DONE,
    /** Opening the account or issuing failed; the reason is kept. */
    FAILED,
    /** The job was cancelled before the row began. */
    CANCELLED;

    /** The rows a job still has to work on. */
    public static final Set<ImportRowStatus> OPEN = Set.of(PENDING, ACCOUNT_OPENED);
}
