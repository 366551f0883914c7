package jp.kagi.bulk;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the bytes of an uploaded CSV file as Excel writes them in Japanese offices: UTF-8 (with or without BOM) or
 * Shift_JIS (Windows-31J). The encoding is decided by the lines themselves, one by one, so that a file that mixes
 * both is caught line by line instead of being read as mojibake: a line that does not fit the file's encoding makes
 * its record unreadable ({@code error.import.encoding}) and the others are read as usual.
 */
public final class CsvDecoder {

    public static final Charset SHIFT_JIS = Charset.forName("windows-31j");
    static final String ENCODING = "error.import.encoding";
    static final String UNCLOSED_QUOTE = "error.import.unclosedQuote";

    private CsvDecoder() {
    }

    public static DecodedCsv decode(byte[] bytes) {
        boolean bom = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF;
        List<byte[]> lines = lines(bytes, bom ? 3 : 0);
        int utf8 = 0;
        int other = 0;
        for (byte[] line : lines) {
            if (!ascii(line)) {
                if (decodes(StandardCharsets.UTF_8, line)) {
                    utf8++;
                } else {
                    other++;
                }
            }
        }
        // Shift_JIS text is almost never valid UTF-8, while UTF-8 text often passes as (garbled) Shift_JIS: so
        // UTF-8 wins ties, and in a Shift_JIS file a line that is valid UTF-8 counts as foreign.
        Charset charset = bom || utf8 >= other ? StandardCharsets.UTF_8 : SHIFT_JIS;
        List<String> texts = new ArrayList<>(lines.size());
        for (byte[] line : lines) {
            boolean fits = ascii(line) || (charset == StandardCharsets.UTF_8
                    ? decodes(StandardCharsets.UTF_8, line)
                    : decodes(SHIFT_JIS, line) && !decodes(StandardCharsets.UTF_8, line));
            texts.add(fits ? new String(line, charset) : null);
        }
        return new DecodedCsv(charset == StandardCharsets.UTF_8 ? "UTF-8" : "Shift_JIS", parse(texts));
    }

    /** Splits on LF (a CR before it goes too); neither byte can occur inside a UTF-8 or Shift_JIS character. */
    private static List<byte[]> lines(byte[] bytes, int start) {
        List<byte[]> lines = new ArrayList<>();
        int from = start;
        for (int i = start; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                int end = i > from && bytes[i - 1] == '\r' ? i - 1 : i;
                if (i < bytes.length || end > from) {
                    byte[] line = new byte[end - from];
                    System.arraycopy(bytes, from, line, 0, line.length);
                    lines.add(line);
                }
                from = i + 1;
            }
        }
        return lines;
    }

    private static boolean ascii(byte[] line) {
        for (byte b : line) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean decodes(Charset charset, byte[] line) {
        try {
            charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /**
     * RFC 4180 fields: separated by commas, optionally quoted, quotes doubled inside quotes, a quoted field may span
     * lines. A stray quote inside an unquoted field is kept as text, as Excel does. {@code null} lines did not decode.
     */
    static List<CsvRecord> parse(List<String> lines) {
        List<CsvRecord> records = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            int first = i + 1;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean unreadable = false;
            boolean open;
            do {
                String text = lines.get(i++);
                if (text == null) {
                    unreadable = true;
                    text = "";
                }
                open = false;
                for (int c = 0; c < text.length(); c++) {
                    char ch = text.charAt(c);
                    if (quoted) {
                        if (ch == '"' && c + 1 < text.length() && text.charAt(c + 1) == '"') {
                            field.append('"');
                            c++;
                        } else if (ch == '"') {
                            quoted = false;
                        } else {
                            field.append(ch);
                        }
                    } else if (ch == ',') {
                        fields.add(field.toString());
                        field.setLength(0);
                    } else if (ch == '"' && field.toString().isBlank()) {
                        field.setLength(0);
                        quoted = true;
                    } else {
                        field.append(ch);
                    }
                }
                if (quoted && i < lines.size()) {
                    field.append('\n');
                    open = true;
                }
            } while (open);
            fields.add(field.toString());
            String problem = unreadable ? ENCODING : quoted ? UNCLOSED_QUOTE : null;
            CsvRecord record = new CsvRecord(first, fields, problem);
            if (!record.isBlank()) {
                records.add(record);
            }
        }
        return records;
    }
}
