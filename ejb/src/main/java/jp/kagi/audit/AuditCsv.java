package jp.kagi.audit;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import jp.kagi.platform.Csv;

/**
 * The audit log as CSV for Excel (UTF-8 with BOM, every cell quoted, formulas neutralised by {@link Csv}), written
 * chunk by chunk so that a large log streams instead of being held in memory.
 */
public final class AuditCsv {

    public static final List<String> HEADER = List.of("occurredAt", "actor", "action", "objectType", "objectId",
            "detail", "sourceAddress");

    /** Records per database round trip while exporting. */
    public static final int CHUNK = AuditQuery.MAX_PAGE_SIZE;

    private AuditCsv() {
    }

    public static String row(AuditEntry e) {
        return Csv.row(Arrays.asList(e.occurredAt(), e.actor(), e.action(), e.objectType(), e.objectId(), e.detail(),
                e.sourceAddress()));
    }

    /** Writes BOM, header and every record; {@code chunks} fetches the chunk after a cursor (null: the first). */
    public static void write(Writer out, Function<AuditCursor, AuditChunk> chunks) throws IOException {
        out.write(Csv.BOM);
        out.write(Csv.row(HEADER));
        AuditCursor cursor = null;
        do {
            AuditChunk chunk = chunks.apply(cursor);
            for (AuditEntry entry : chunk.entries()) {
                out.write(row(entry));
            }
            out.flush(); // hand each chunk to the client as it is ready
            cursor = chunk.next();
        } while (cursor != null);
    }
}
