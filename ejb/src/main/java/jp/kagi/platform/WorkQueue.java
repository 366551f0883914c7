package jp.kagi.platform;

import java.util.List;

/**
 * Background work kept in the database as rows (an import's lines, a campaign's accounts): {@link BackgroundWork}
 * asks each queue for its next rows, works them on its threads, and lets the queue close what is finished. A queue
 * is a CDI bean; each call runs in the transactions the queue's EJBs define.
 */
public interface WorkQueue {

    /** Up to {@code max} row ids to work next, fairly shared among this queue's jobs. */
    List<Long> next(int max);

    /** Works one row; never throws for the row's own problems (it records them on the row). */
    void work(long rowId);

    /** Marks jobs with nothing left as finished. */
    void finishDone();
}
