package jp.kagi.audit;

import java.time.Instant;

/** Where an export stopped: the last record written, in the log's newest-first order. */
public record AuditCursor(Instant occurredAt, long id) {
}
