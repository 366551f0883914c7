package jp.kagi.bulk;

import java.util.List;

/**
 * What a dry run found, or what a real run refused before it began: the file's encoding, how many rows it has and
 * how many of them can be imported, and every refused row with its reason. {@code jobId} is null for a dry run.
 */
public record ImportReport(Long jobId, String encoding, int rows, int valid, List<RowCheck> rejected)
        implements java.io.Serializable {

    public ImportReport {
        rejected = List.copyOf(rejected);
    }

    static ImportReport of(Long jobId, String encoding, List<RowCheck> checks) {
        List<RowCheck> rejected = checks.stream().filter(c -> !c.valid()).toList();
        return new ImportReport(jobId, encoding, checks.size(), checks.size() - rejected.size(), rejected);
    }
}
