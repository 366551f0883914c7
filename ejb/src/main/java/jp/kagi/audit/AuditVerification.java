package jp.kagi.audit;

/**
 * The verifier's answer (SPEC: GET /api/v1/audit/verify): intact up to record {@code checkedUpTo}, or not intact
 * from record {@code firstBroken} on. The other number is null and left out of the JSON.
 */
public record AuditVerification(boolean intact, Long checkedUpTo, Long firstBroken) {

    static AuditVerification intactUpTo(long seq) {
        return new AuditVerification(true, seq, null);
    }

    static AuditVerification brokenAt(long seq) {
        return new AuditVerification(false, null, seq);
    }
}
