package jp.kagi.audit;

import java.time.Instant;

/**
 * An audit record as callers read it; {@code seq} is its place in the hash chain, the "record N" that the verifier
 * names (null for records written before the chain existed).
 */
public record AuditEntry(Instant occurredAt, String actor, String action, String objectType, String objectId,
                         String detail, String sourceAddress, Long seq) {

    public AuditEntry(Instant occurredAt, String actor, String action, String objectType, String objectId,
                      String detail, String sourceAddress) {
        this(occurredAt, actor, action, objectType, objectId, detail, sourceAddress, null);
    }
}
