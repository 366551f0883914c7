package jp.kagi.bulk;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the bytes of an uploaded CSV file as Excel writes them in Japanese offices: UTF-8 (with or without BOM) or
 * Shift_JIS (Windows-31J). The encoding is decided by the lines themselves, one by one, so that a file that mixes
 * both is caught line by line instead of being read as mojibake: a line that does not fit the file's encoding makes
 * its record unreadable ({@code error.import.encoding}) and the others are read as usual.
 *
 * <p>Every step is linear in the size of the file (issue 12): one pass splits and classifies the lines without
 * copying them, then the parser decodes each line only when it reaches it, reads each character once, and stops as
 * soon as it has the number of records the caller asked for, so a file over the row limit is never decoded whole.
 */
public final class CsvDecoder {

    public static final Charset SHIFT_JIS = Charset.forName("windows-31j");
    static final String ENCODING = "error.import.encoding";
    static final String UNCLOSED_QUOTE = "error.import.unclosedQuote";

    private static final byte ASCII = 0;
    private static final byte UTF8 = 1;
    private static final byte OTHER = 2;

    private CsvDecoder() {
    }

    public static DecodedCsv decode(byte[] bytes) {
        return decode(bytes, bytes.length, Integer.MAX_VALUE);
    }

    /**
     * Decodes the first {@code length} bytes of {@code bytes} and parses at most {@code maxRecords} non-blank
     * records: a caller that finds exactly that many knows the file has at least so many and reads no further.
     */
    static DecodedCsv decode(byte[] bytes, int length, int maxRecords) {
        boolean bom = length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF;
        Lines lines = Lines.split(bytes, bom ? 3 : 0, length);
        // Shift_JIS text is almost never valid UTF-8, while UTF-8 text often passes as (garbled) Shift_JIS: so
        // UTF-8 wins ties, and in a Shift_JIS file a line that is valid UTF-8 counts as foreign.
        Charset charset = bom || lines.utf8 >= lines.other ? StandardCharsets.UTF_8 : SHIFT_JIS;
        CharsetDecoder sjis = SHIFT_JIS.newDecoder();
        LineSource source = new LineSource() {
            @Override
            public int count() {
                return lines.count;
            }

            @Override
            public String text(int i) {
                int from = lines.starts[i];
                int to = lines.ends[i];
                byte kind = lines.kinds[i];
                boolean fits = kind == ASCII || (charset == StandardCharsets.UTF_8 ? kind == UTF8
                        : kind == OTHER && decodes(sjis, bytes, from, to));
                return fits ? new String(bytes, from, to - from, charset) : null;
            }
        };
        return new DecodedCsv(charset == StandardCharsets.UTF_8 ? "UTF-8" : "Shift_JIS", parse(source, maxRecords));
    }

    /** The physical lines of the file as offsets into its bytes, each classified once. */
    private static final class Lines {
        int[] starts = new int[64];
        int[] ends = new int[64];
        byte[] kinds = new byte[64];
        int count;
        int utf8;
        int other;

        /** Splits on LF (a CR before it goes too); neither byte can occur inside a UTF-8 or Shift_JIS character. */
        static Lines split(byte[] bytes, int start, int length) {
            Lines lines = new Lines();
            CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
            int from = start;
            boolean ascii = true;
            for (int i = start; i <= length; i++) {
                if (i == length || bytes[i] == '\n') {
                    int end = i > from && bytes[i - 1] == '\r' ? i - 1 : i;
                    if (i < length || end > from) {
                        byte kind = ascii ? ASCII : decodes(utf8, bytes, from, end) ? UTF8 : OTHER;
                        lines.add(from, end, kind);
                    }
                    from = i + 1;
                    ascii = true;
                } else if (bytes[i] < 0) {
                    ascii = false;
                }
            }
            return lines;
        }

        private void add(int from, int to, byte kind) {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
                ends = Arrays.copyOf(ends, count * 2);
                kinds = Arrays.copyOf(kinds, count * 2);
            }
            starts[count] = from;
            ends[count] = to;
            kinds[count++] = kind;
            if (kind == UTF8) {
                utf8++;
            } else if (kind == OTHER) {
                other++;
            }
        }
    }

    private static boolean decodes(CharsetDecoder decoder, byte[] bytes, int from, int to) {
        try {
            decoder.reset().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, to - from));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The decoded lines the parser reads, one at a time; a {@code null} line did not decode. */
    interface LineSource {
        int count();

        String text(int i);
    }

    static List<CsvRecord> parse(List<String> lines) {
        return parse(new LineSource() {
            @Override
            public int count() {
                return lines.size();
            }

            @Override
            public String text(int i) {
                return lines.get(i);
            }
        }, Integer.MAX_VALUE);
    }

    /**
     * RFC 4180 fields: separated by commas, optionally quoted, quotes doubled inside quotes, a quoted field may span
     * lines. A stray quote inside an unquoted field is kept as text, as Excel does; a quote opens a quoted field only
     * where the field holds nothing but white space so far. A single-pass state machine: {@code blank} remembers that
     * instead of looking at the field again, which made a file full of stray quotes quadratic. Stops after
     * {@code maxRecords} non-blank records.
     */
    static List<CsvRecord> parse(LineSource lines, int maxRecords) {
        List<CsvRecord> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean blank = true;
        boolean quoted = false;
        boolean unreadable = false;
        int first = 1;
        int count = lines.count();
        for (int i = 0; i < count && records.size() < maxRecords; i++) {
            String text = lines.text(i);
            if (text == null) {
                unreadable = true;
                text = "";
            }
            int length = text.length();
            for (int c = 0; c < length; c++) {
                char ch = text.charAt(c);
                if (quoted) {
                    if (ch != '"') {
                        field.append(ch);
                        blank &= Character.isWhitespace(ch);
                    } else if (c + 1 < length && text.charAt(c + 1) == '"') {
                        field.append('"');
                        blank = false;
                        c++;
                    } else {
                        quoted = false;
                    }
                } else if (ch == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                    blank = true;
                } else if (ch == '"' && blank) {
                    field.setLength(0);
                    quoted = true;
                } else {
                    field.append(ch);
                    blank &= Character.isWhitespace(ch);
                }
            }
            if (quoted && i + 1 < count) {
                field.append('\n'); // white space: leaves blank as it is
                continue;
            }
            fields.add(field.toString());
            CsvRecord record = new CsvRecord(first, fields, unreadable ? ENCODING : quoted ? UNCLOSED_QUOTE : null);
            if (!record.isBlank()) {
                records.add(record);
            }
            fields = new ArrayList<>();
            field.setLength(0);
            blank = true;
            quoted = false;
            unreadable = false;
            first = i + 2;
        }
        return records;
    }
}
