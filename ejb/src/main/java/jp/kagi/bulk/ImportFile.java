package jp.kagi.bulk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import jp.kagi.platform.KagiException;

/**
 * An uploaded account list, read but not yet checked: its encoding, its columns and its data rows. Problems that
 * make the whole file unreadable (empty, too large, too many rows, no usable header) refuse it here; row problems
 * come later. The limits hold while reading: the upload is read up to the first byte over the size limit and no
 * further, and the parser stops at the first record over the row limit.
 */
public record ImportFile(String encoding, ImportColumns columns, List<CsvRecord> rows) {

    private static final int CHUNK = 64 * 1024;

    public ImportFile {
        rows = List.copyOf(rows);
    }

    public static ImportFile read(byte[] bytes) {
        return read(bytes, bytes == null ? 0 : bytes.length, ImportLimits.DEFAULTS);
    }

    /** Reads the upload from {@code in} (not closed here) within {@code limits}. */
    public static ImportFile read(InputStream in, ImportLimits limits) {
        if (in == null) {
            throw KagiException.invalid("error.import.empty");
        }
        byte[] buffer = new byte[(int) Math.min(CHUNK, limits.maxBytes() + 1)];
        int length = 0;
        try {
            while (true) {
                if (length == buffer.length) {
                    if (length > limits.maxBytes()) {
                        throw KagiException.invalid("error.import.tooLarge", limits.maxMegabytes());
                    }
                    // grow by half, never past one byte over the limit: that byte is all it takes to refuse
                    buffer = Arrays.copyOf(buffer, (int) Math.min(limits.maxBytes() + 1, (long) length + length / 2 + CHUNK));
                }
                int read = in.read(buffer, length, buffer.length - length);
                if (read < 0) {
                    break;
                }
                length += read;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (length > limits.maxBytes()) {
            throw KagiException.invalid("error.import.tooLarge", limits.maxMegabytes());
        }
        return read(buffer, length, limits);
    }

    private static ImportFile read(byte[] bytes, int length, ImportLimits limits) {
        if (length == 0) {
            throw KagiException.invalid("error.import.empty");
        }
        if (length > limits.maxBytes()) {
            throw KagiException.invalid("error.import.tooLarge", limits.maxMegabytes());
        }
        // the header, the rows allowed, and one more: that one is enough to refuse the file
        DecodedCsv csv = CsvDecoder.decode(bytes, length, limits.maxRows() + 2);
        if (csv.records().size() < 2) {
            throw KagiException.invalid("error.import.empty");
        }
        if (csv.records().size() - 1 > limits.maxRows()) {
            throw KagiException.invalid("error.import.rowLimit", limits.maxRows());
        }
        ImportColumns columns = ImportColumns.of(csv.records().get(0));
        return new ImportFile(csv.encoding(), columns, csv.records().subList(1, csv.records().size()));
    }

    public List<RowCheck> check(ImportValidator validator) {
        return validator.check(rows, columns);
    }
}
