package jp.kagi.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The hash chain of the audit log (docs/security.md "12/audit"). Record n's hash is
 * {@code SHA-256(hash(n-1) || encoding(n))}, hash(0) being {@link #GENESIS} (32 zero bytes). The encoding is a
 * version tag followed by the fields seq, occurredAt, actor, sourceAddress, action, objectType, objectId, detail, each
 * as a 4-byte big-endian length and its UTF-8 bytes (a null field is the length -1 and no bytes), so that no two
 * different records encode alike. occurredAt is ISO-8601 UTC ({@link Instant#toString()}) at microsecond precision,
 * the precision both databases store.
 */
public final class AuditChain {

    public static final String GENESIS = "0".repeat(64);
    static final String RECORD_TAG = "kagi-audit-v1";
    static final String CHECKPOINT_TAG = "kagi-audit-checkpoint-v1";
    private static final HexFormat HEX = HexFormat.of();

    private AuditChain() {
    }

    /** The time as stored: databases keep microseconds, so the hash must not see the nanoseconds they drop. */
    static Instant stored(Instant time) {
        return time.truncatedTo(ChronoUnit.MICROS);
    }

    static byte[] encode(long seq, Instant occurredAt, String actor, String sourceAddress, String action,
                         String objectType, String objectId, String detail) {
        return fields(RECORD_TAG, Long.toString(seq), stored(occurredAt).toString(), actor, sourceAddress, action,
                objectType, objectId, detail);
    }

    /** What a checkpoint signs: the chain position, its hash and when it was signed. */
    static byte[] checkpoint(long seq, String hash, Instant signedAt) {
        return fields(CHECKPOINT_TAG, Long.toString(seq), hash, stored(signedAt).toString());
    }

    /** The next link: hex SHA-256 over the previous hash (raw 32 bytes) followed by the record's encoding. */
    static String link(String previousHash, byte[] encoding) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(HEX.parseHex(previousHash));
            return HEX.formatHex(sha.digest(encoding));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static byte[] fields(String... values) {
        var out = new ByteArrayOutputStream(256);
        for (String value : values) {
            byte[] bytes = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
            int length = bytes == null ? -1 : bytes.length;
            out.write(length >>> 24);
            out.write(length >>> 16);
            out.write(length >>> 8);
            out.write(length);
            if (bytes != null) {
                out.writeBytes(bytes);
            }
        }
        return out.toByteArray();
    }
}
