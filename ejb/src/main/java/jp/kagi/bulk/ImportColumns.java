package jp.kagi.bulk;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.kagi.platform.KagiException;

/**
 * Where each column of the file is, from its header line: {@code customer,email,displayName,language} in any order
 * (SPEC.md), or the Japanese headers an office would type in Excel. {@code language} may be left out (Japanese).
 */
public final class ImportColumns {

    /** The columns of an account import. */
    public enum Column {
        CUSTOMER("customer", "顧客", "顧客名"),
        EMAIL("email", "e-mail", "メールアドレス"),
        DISPLAY_NAME("displayname", "氏名", "名前"),
        LANGUAGE("language", "言語");

        private final List<String> names;

        Column(String... names) {
            this.names = List.of(names);
        }

        static Column named(String header) {
            String key = header.strip().toLowerCase(Locale.ROOT);
            for (Column c : values()) {
                if (c.names.contains(key)) {
                    return c;
                }
            }
            return null;
        }
    }

    public static final String EXPECTED = "customer,email,displayName,language";

    private final Map<Column, Integer> index;
    private final int width;

    private ImportColumns(Map<Column, Integer> index, int width) {
        this.index = index;
        this.width = width;
    }

    /** Reads the header; a missing, unknown or repeated column refuses the whole file (nothing can be read right). */
    public static ImportColumns of(CsvRecord header) {
        if (header.problem() != null) {
            throw KagiException.invalid("error.import.header");
        }
        Map<Column, Integer> index = new EnumMap<>(Column.class);
        List<String> unknown = new ArrayList<>();
        List<String> fields = header.fields();
        int width = fields.size();
        while (width > 0 && fields.get(width - 1).isBlank()) {
            width--; // Excel leaves empty cells at the end of a row that once had more columns
        }
        for (int i = 0; i < width; i++) {
            Column column = Column.named(fields.get(i));
            if (column == null || index.containsKey(column)) {
                unknown.add(fields.get(i).strip());
            } else {
                index.put(column, i);
            }
        }
        if (!unknown.isEmpty() || !index.containsKey(Column.CUSTOMER) || !index.containsKey(Column.EMAIL)
                || !index.containsKey(Column.DISPLAY_NAME)) {
            throw KagiException.invalid("error.import.columns", String.join(",", fields.subList(0, width)), EXPECTED);
        }
        return new ImportColumns(index, width);
    }

    public int width() {
        return width;
    }

    /** The field of {@code column} in {@code record}, or null where the record has no such field. */
    public String value(CsvRecord record, Column column) {
        Integer i = index.get(column);
        return i == null || i >= record.fields().size() ? null : record.fields().get(i);
    }

    /** True when the record has as many fields as the header (empty cells at its end do not count). */
    public boolean fits(CsvRecord record) {
        List<String> fields = record.fields();
        int used = fields.size();
        while (used > width && fields.get(used - 1).isBlank()) {
            used--;
        }
        return used == width;
    }
}
