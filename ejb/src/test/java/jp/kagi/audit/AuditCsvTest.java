package jp.kagi.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The audit CSV: BOM, header, one formula-safe row per record, fetched chunk by chunk until the last. */
class AuditCsvTest {

    private static AuditEntry entry(int n, String detail) {
        return new AuditEntry(Instant.parse("2026-04-01T00:00:00Z").plusSeconds(n), "admin", "certificate.issue",
                "certificate", "0A" + n, detail, "10.0.0." + n);
    }

    @Test
    void rowIsQuotedAndFormulaSafe() {
        assertEquals("\"2026-04-01T00:00:01Z\",\"admin\",\"certificate.issue\",\"certificate\",\"0A1\","
                + "\"'=HYPERLINK(\"\"x\"\")\",\"10.0.0.1\"\r\n", AuditCsv.row(entry(1, "=HYPERLINK(\"x\")")));
        assertTrue(AuditCsv.row(new AuditEntry(Instant.EPOCH, "system", "lock", "request", "R", null, null))
                .endsWith(",\"\",\"\"\r\n"));
    }

    @Test
    void writesEveryChunkUntilThereIsNoCursor() throws IOException {
        List<AuditCursor> asked = new ArrayList<>();
        AuditCursor second = new AuditCursor(Instant.EPOCH, 7);
        StringWriter out = new StringWriter();
        AuditCsv.write(out, cursor -> {
            asked.add(cursor);
            return cursor == null ? new AuditChunk(List.of(entry(1, "a"), entry(2, "b")), second)
                    : new AuditChunk(List.of(entry(3, "c")), null);
        });
        assertEquals(java.util.Arrays.asList(null, second), asked);
        String csv = out.toString();
        assertTrue(csv.startsWith("\uFEFF\"occurredAt\",\"actor\",\"action\",\"objectType\",\"objectId\",\"detail\","
                + "\"sourceAddress\"\r\n"), csv);
        assertEquals(4, csv.split("\r\n").length);
    }

    @Test
    void emptyLogIsJustTheHeader() throws IOException {
        StringWriter out = new StringWriter();
        AuditCsv.write(out, cursor -> new AuditChunk(List.of(), null));
        assertEquals(1, out.toString().split("\r\n").length);
    }
}
