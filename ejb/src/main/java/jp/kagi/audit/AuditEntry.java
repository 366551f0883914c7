package jp.kagi.audit;

import java.time.Instant;

/** An audit record as callers read it. */
public record AuditEntry(Instant occurredAt, String actor, String action, String objectType, String objectId,
                         String detail, String sourceAddress) {
}
