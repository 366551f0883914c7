package jp.kagi.platform;

import java.util.List;

/**
 * CSV that is safe to open in Excel: every field quoted, quotes doubled, and a cell that Excel would read as a
 * formula (starting with = + - @, their full-width forms ＝ ＋ － ＠ which Excel's Japanese input also takes as a
 * formula, or a tab, carriage return or line feed) prefixed with an apostrophe, so it shows as text.
 */
public final class Csv {

    /** A UTF-8 byte order mark: Excel then reads Japanese text correctly. */
    public static final String BOM = "\uFEFF";

    /** What Excel (and LibreOffice) may read as the start of a formula. */
    static final String FORMULA_LEADERS = "=+-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20";

    private Csv() {
    }

    public static String row(List<?> fields) {
        StringBuilder line = new StringBuilder();
        for (Object field : fields) {
            if (line.length() > 0) {
                line.append(',');
            }
            line.append('"').append(cell(field).replace("\"", "\"\"")).append('"');
        }
        return line.append("\r\n").toString();
    }

    static String cell(Object field) {
        String text = field == null ? "" : field.toString();
        return !text.isEmpty() && FORMULA_LEADERS.indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }
}
