package jp.kagi.bulk;

import java.util.List;
import jp.kagi.platform.KagiException;

/**
 * An uploaded account list, read but not yet checked: its encoding, its columns and its data rows. Problems that
 * make the whole file unreadable (empty, too large, no usable header) refuse it here; row problems come later.
 */
public record ImportFile(String encoding, ImportColumns columns, List<CsvRecord> rows) {

    /** 100,000 rows: a large company's staff in one file; more would be several jobs' worth of certificates. */
    public static final int MAX_ROWS = 100_000;
    /** 32 MiB: 100,000 rows of the longest allowed values. */
    public static final int MAX_BYTES = 32 * 1024 * 1024;

    public ImportFile {
        rows = List.copyOf(rows);
    }

    public static ImportFile read(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw KagiException.invalid("error.import.empty");
        }
        if (bytes.length > MAX_BYTES) {
            throw KagiException.invalid("error.import.tooLarge", MAX_BYTES / (1024 * 1024));
        }
        DecodedCsv csv = CsvDecoder.decode(bytes);
        if (csv.records().size() < 2) {
            throw KagiException.invalid("error.import.empty");
        }
        ImportColumns columns = ImportColumns.of(csv.records().get(0));
        List<CsvRecord> rows = csv.records().subList(1, csv.records().size());
        if (rows.size() > MAX_ROWS) {
            throw KagiException.invalid("error.import.tooManyRows", rows.size(), MAX_ROWS);
        }
        return new ImportFile(csv.encoding(), columns, rows);
    }

    public List<RowCheck> check(ImportValidator validator) {
        return validator.check(rows, columns);
    }
}
