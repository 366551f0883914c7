package jp.kagi.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvDecoderTest {

    private static final String HEADER = "customer,email,displayName,language\r\n";
    private static final String ROW = "電算システム,taro@example.jp,山田 太郎,ja\r\n";

    @Test
    void readsUtf8WithAndWithoutBom() {
        for (String prefix : List.of("", "\uFEFF")) {
            DecodedCsv csv = CsvDecoder.decode((prefix + HEADER + ROW).getBytes(StandardCharsets.UTF_8));
            assertEquals("UTF-8", csv.encoding());
            assertEquals(List.of("電算システム", "taro@example.jp", "山田 太郎", "ja"), csv.records().get(1).fields());
            assertEquals("customer", csv.records().get(0).fields().get(0), "the BOM is not part of the first header");
        }
    }

    @Test
    void readsShiftJisAsExcelSavesIt() {
        DecodedCsv csv = CsvDecoder.decode((HEADER + ROW + "髙橋商事,ko@example.jp,髙橋 ①,en\r\n")
                .getBytes(CsvDecoder.SHIFT_JIS));
        assertEquals("Shift_JIS", csv.encoding());
        assertEquals("山田 太郎", csv.records().get(1).fields().get(2));
        assertEquals("髙橋 ①", csv.records().get(2).fields().get(2), "Windows-31J extensions decode too");
        assertNull(csv.records().get(2).problem());
    }

    @Test
    void aLineInTheOtherEncodingIsRefusedAloneAndNotReadAsMojibake() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(HEADER.getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(ROW.getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes("佐藤商店,sato@example.jp,佐藤 花子,ja\r\n".getBytes(CsvDecoder.SHIFT_JIS));
        bytes.writeBytes("鈴木,suzuki@example.jp,鈴木 一郎,ja\r\n".getBytes(StandardCharsets.UTF_8));
        DecodedCsv csv = CsvDecoder.decode(bytes.toByteArray());
        assertEquals("UTF-8", csv.encoding());
        assertNull(csv.records().get(1).problem());
        assertEquals(CsvDecoder.ENCODING, csv.records().get(2).problem());
        assertEquals(3, csv.records().get(2).line());
        assertNull(csv.records().get(3).problem());
    }

    @Test
    void aUtf8LineInAShiftJisFileIsRefusedToo() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes((HEADER + ROW + "佐藤商店,sato@example.jp,佐藤 花子,ja\r\n").getBytes(CsvDecoder.SHIFT_JIS));
        bytes.writeBytes("鈴木,suzuki@example.jp,鈴木 一郎,ja\r\n".getBytes(StandardCharsets.UTF_8));
        DecodedCsv csv = CsvDecoder.decode(bytes.toByteArray());
        assertEquals("Shift_JIS", csv.encoding());
        assertNull(csv.records().get(2).problem());
        assertEquals(CsvDecoder.ENCODING, csv.records().get(3).problem());
    }

    @Test
    void quotedFieldsKeepCommasQuotesAndLineBreaks() {
        DecodedCsv csv = CsvDecoder.decode((HEADER + "\"A, Inc.\",\"a@example.jp\",\"Say \"\"hi\"\"\nthere\",en\n"
                + "B,b@example.jp,plain,ja").getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("A, Inc.", "a@example.jp", "Say \"hi\"\nthere", "en"), csv.records().get(1).fields());
        assertEquals(2, csv.records().get(1).line());
        assertEquals(4, csv.records().get(2).line(), "line numbers count physical lines");
        assertEquals("ja", csv.records().get(2).fields().get(3), "a last line without a line break is read");
    }

    @Test
    void blankLinesAreSkippedAndAnUnclosedQuoteIsReported() {
        DecodedCsv csv = CsvDecoder.decode((HEADER + "\r\n,,,\r\nA,\"a@example.jp,x,ja\r\n")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(2, csv.records().size());
        assertEquals(CsvDecoder.UNCLOSED_QUOTE, csv.records().get(1).problem());
    }

    @Test
    void aStrayQuoteInsideAnUnquotedFieldIsText() {
        DecodedCsv csv = CsvDecoder.decode((HEADER + "A,a@example.jp,O\"Neil,en\n").getBytes(StandardCharsets.UTF_8));
        assertEquals("O\"Neil", csv.records().get(1).fields().get(2));
    }
}
