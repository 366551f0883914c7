package jp.kagi.bulk;

import jp.kagi.platform.Settings;

/**
 * What one admin may put into the import at once (issue 12): the size of a file in bytes, its data rows, and the
 * jobs one staff user may have running. Read from the settings on every upload, so an operator changes them without
 * a restart.
 *
 * @param maxBytes the largest file, in bytes (KAGI_IMPORT_MAX_MB, in MiB, default 32)
 * @param maxRows the most data rows in one file (KAGI_IMPORT_MAX_ROWS, default 100,000)
 * @param maxJobs the most running jobs per staff user (KAGI_IMPORT_MAX_JOBS, default 2; 0 stops new imports)
 */
public record ImportLimits(long maxBytes, int maxRows, int maxJobs) {

    public static final long MIB = 1024 * 1024;
    /** 32 MiB: 100,000 rows of the longest allowed values. */
    public static final int DEFAULT_MB = 32;
    /** 100,000 rows: a large company's staff in one file; more would be several jobs' worth of certificates. */
    public static final int DEFAULT_ROWS = 100_000;
    /** Two: one job running and the next one queued behind it; more is one admin crowding out the others. */
    public static final int DEFAULT_JOBS = 2;
    public static final ImportLimits DEFAULTS = new ImportLimits(DEFAULT_MB * MIB, DEFAULT_ROWS, DEFAULT_JOBS);

    public ImportLimits {
        if (maxBytes < 1 || maxRows < 1 || maxJobs < 0) {
            throw new IllegalStateException("Import limits must be positive (jobs: 0 or more): " + maxBytes + " bytes, "
                    + maxRows + " rows, " + maxJobs + " jobs");
        }
    }

    public static ImportLimits of(Settings settings) {
        int mb = settings.integer("kagi.import.max.mb", DEFAULT_MB);
        if (mb < 1 || mb > 1024) {
            throw new IllegalStateException("Setting kagi.import.max.mb must be 1..1024, not " + mb);
        }
        return new ImportLimits(mb * MIB, settings.integer("kagi.import.max.rows", DEFAULT_ROWS),
                settings.integer("kagi.import.max.jobs", DEFAULT_JOBS));
    }

    /** The size limit as the messages state it: whole MiB, at least 1. */
    public long maxMegabytes() {
        return Math.max(1, maxBytes / MIB);
    }
}
