package jp.kagi.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import jp.kagi.platform.KagiException;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: crafted files cannot pin a core or fill the heap. The time bound is generous (a 2-core machine at a load
 * of 35 reads each file in a few seconds) yet far below what the quadratic parser needed: a 4 MiB field with a stray
 * quote every other byte made it copy about 4 * 10^12 characters (measured: 128 KiB took 4.7 s, 4 MiB over 60 s).
 */
class CsvHostileInputTest {

    private static final String HEADER = "customer,email,displayName,language\n";
    private static final Duration BOUND = Duration.ofSeconds(120);

    @Test
    void aHugeFieldFullOfStrayQuotesIsReadInLinearTime() {
        int size = 4 * 1024 * 1024;
        StringBuilder field = new StringBuilder(size);
        while (field.length() < size) {
            field.append("a\"");
        }
        byte[] csv = (HEADER + "Acme,a@example.jp," + field + ",ja\n").getBytes(StandardCharsets.UTF_8);
        DecodedCsv decoded = assertTimeoutPreemptively(BOUND, () -> CsvDecoder.decode(csv));
        assertEquals(field.toString(), decoded.records().get(1).fields().get(2), "stray quotes are kept as text");
    }

    @Test
    void quotedFieldsWithManyDoubledQuotesAndLineBreaksAreLinearToo() {
        String body = "x\"\"\n".repeat(500_000); // 2 MB: a quoted field over 500,000 lines
        byte[] csv = (HEADER + "Acme,a@example.jp,\"" + body + "\",ja\n").getBytes(StandardCharsets.UTF_8);
        DecodedCsv decoded = assertTimeoutPreemptively(BOUND, () -> CsvDecoder.decode(csv));
        assertEquals(2, decoded.records().size());
        assertEquals(body.replace("\"\"", "\"").length(), decoded.records().get(1).fields().get(2).length());
    }

    @Test
    void aMillionColumnsAndAVeryLongLineAreReadAndRefusedAsARow() {
        String wide = "Acme,a@example.jp,A" + ",x\"y".repeat(1_000_000) + "\n"; // 4 MB on one line
        byte[] csv = (HEADER + wide).getBytes(StandardCharsets.UTF_8);
        ImportFile file = assertTimeoutPreemptively(BOUND, () -> ImportFile.read(csv));
        assertEquals(1_000_003, file.rows().get(0).fields().size());
        List<RowCheck> checks = file.check(new ImportValidator(c -> true, null));
        assertEquals("error.import.fieldCount", checks.get(0).problem());
    }

    @Test
    void aFileWithStrayQuotesEverywhereGoesThroughTheWholeImportReadInTime() {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 20_000; i++) {
            csv.append("Ac\"me,u").append(i).append("@example.jp,").append("O\"Ne\"il".repeat(100)).append(",ja\n");
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        ImportFile file = assertTimeoutPreemptively(BOUND, () -> ImportFile.read(bytes));
        assertEquals(20_000, file.rows().size());
    }

    /** An endless upload is refused at the first byte over the limit, not read to the end (there is none). */
    @Test
    void theSizeLimitStopsReadingAtTheFirstByteOverIt() {
        Endless endless = new Endless("Acme,a@example.jp,A,ja\n".getBytes(StandardCharsets.UTF_8));
        ImportLimits limits = new ImportLimits(ImportLimits.MIB, 1_000_000, 2);
        KagiException e = assertTimeoutPreemptively(BOUND, () -> assertThrows(KagiException.class,
                () -> ImportFile.read(endless, limits)));
        assertEquals("error.import.tooLarge", e.messageKey());
        assertEquals(List.of(1L), e.arguments());
        assertEquals(ImportLimits.MIB + 1, endless.served, "read one byte past the limit and stopped");
    }

    @Test
    void aFileOfExactlyTheSizeLimitIsRead() {
        byte[] row = "Acme,a@example.jp,A,ja\n".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(HEADER.getBytes(StandardCharsets.UTF_8));
        while (bytes.size() + row.length <= ImportLimits.MIB) {
            bytes.writeBytes(row);
        }
        bytes.writeBytes("x".repeat((int) ImportLimits.MIB - bytes.size()).getBytes(StandardCharsets.UTF_8));
        assertEquals(ImportLimits.MIB, bytes.size());
        ImportLimits limits = new ImportLimits(ImportLimits.MIB, 1_000_000, 2);
        ImportFile file = ImportFile.read(new java.io.ByteArrayInputStream(bytes.toByteArray()), limits);
        assertTrue(file.rows().size() > 40_000);
    }

    @Test
    void theRowLimitIsCountedWhileParsingAndTheRestIsNeverDecoded() {
        int[] decoded = {0};
        CsvDecoder.LineSource lines = new CsvDecoder.LineSource() {
            @Override
            public int count() {
                return 1_000_000;
            }

            @Override
            public String text(int i) {
                decoded[0]++;
                return i % 2 == 0 ? "Acme,u" + i + "@example.jp,U" : ""; // blank lines do not count as records
            }
        };
        assertEquals(11, CsvDecoder.parse(lines, 11).size());
        assertEquals(21, decoded[0], "stopped at the 11th record");
    }

    @Test
    void oneRowOverTheLimitRefusesTheFileAndTheLimitItselfPasses() {
        ImportLimits limits = new ImportLimits(ImportLimits.MIB, 1000, 2);
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 1000; i++) {
            csv.append("Acme,u").append(i).append("@example.jp,U,ja\n\n");
        }
        assertEquals(1000, ImportFile.read(stream(csv), limits).rows().size());
        csv.append("Acme,last@example.jp,U,ja\n");
        KagiException e = assertThrows(KagiException.class, () -> ImportFile.read(stream(csv), limits));
        assertEquals("error.import.rowLimit", e.messageKey());
        assertEquals(List.of(1000), e.arguments());
    }

    private static InputStream stream(CharSequence csv) {
        return new java.io.ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The same bytes over and over, counting what it served. */
    private static final class Endless extends InputStream {
        private final byte[] pattern;
        long served;

        Endless(byte[] pattern) {
            this.pattern = pattern;
        }

        @Override
        public int read() {
            return pattern[(int) (served++ % pattern.length)] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            for (int i = 0; i < len; i++) {
                b[off + i] = (byte) read();
            }
            return len;
        }
    }
}
