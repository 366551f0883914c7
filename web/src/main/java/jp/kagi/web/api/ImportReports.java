package jp.kagi.web.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jp.kagi.bulk.ImportReport;
import jp.kagi.bulk.ImportRowView;
import jp.kagi.bulk.RowCheck;

/** The import report on the wire: counts and every refused row with its reason translated for the caller. */
public final class ImportReports {

    /** A refused row: its line in the file, what it said, and why it was refused ({@code code} is the message key). */
    public record Problem(int line, String customer, String email, String code, String message) {
    }

    public record Report(Long jobId, boolean dryRun, String encoding, int rows, int valid, int rejected,
                  List<Problem> problems) {
    }

    /** An import row on the wire, with its reason (if any) translated. */
    public record Row(int line, String customer, String email, String displayName, String language, String status,
               String userId, String commonName, String serial, String code, String message) {
    }

    private ImportReports() {
    }

    static Report json(Locale locale, boolean dryRun, ImportReport report) {
        List<Problem> problems = new ArrayList<>(report.rejected().size());
        for (RowCheck row : report.rejected()) {
            problems.add(new Problem(row.line(), row.customer(), row.email(), row.problem(),
                    Messages.text(locale, row.problem(), row.arguments())));
        }
        return new Report(report.jobId(), dryRun, report.encoding(), report.rows(), report.valid(),
                report.rows() - report.valid(), problems);
    }

    static Row row(Locale locale, ImportRowView row) {
        String message = row.messageKey() == null ? null
                : Messages.text(locale, row.messageKey(), new ArrayList<>(row.messageArguments()));
        return new Row(row.line(), row.customer(), row.email(), row.displayName(), row.language(), row.status(),
                row.userId(), row.commonName(), row.serial(), row.messageKey(), message);
    }
}
