package jp.kagi.audit;

import java.util.List;

/** One chunk of an export and the cursor after its last record (null when this was the last chunk). */
public record AuditChunk(List<AuditEntry> entries, AuditCursor next) {
}
