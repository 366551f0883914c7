package jp.kagi.metrics;

/**
 * The cluster-wide figures read from the database in one round: every node reports the same values, so they are
 * gauges (take max or any one node's value in Prometheus, never the sum). {@code oldestPendingMailSeconds} is 0 when
 * no mail waits.
 */
record DatabaseFigures(long mailsPending, long mailsFailed, long oldestPendingMailSeconds, long importJobsRunning,
                       long importRowsOpen, long campaignsRunning, long campaignRowsPending) {

    static final DatabaseFigures NONE = new DatabaseFigures(0, 0, 0, 0, 0, 0, 0);
}
