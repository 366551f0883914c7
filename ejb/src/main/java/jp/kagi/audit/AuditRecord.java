package jp.kagi.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** One audited action. Append-only: there is no setter and no delete. */
@Entity
@Table(name = "audit_record")
public class AuditRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(nullable = false)
    private String actor;

    @Column(nullable = false)
    private String action;

    @Column(name = "object_type", nullable = false)
    private String objectType;

    @Column(name = "object_id", nullable = false)
    private String objectId;

    private String detail;

    @Column(name = "source_address")
    private String sourceAddress;

    /** Position in the hash chain (1, 2, ...); null only on records written before the chain (migration V14). */
    @Column(updatable = false)
    private Long seq;

    @Column(name = "chain_hash", updatable = false)
    private String chainHash;

    protected AuditRecord() {
    }

    AuditRecord(Instant occurredAt, String actor, String action, String objectType, String objectId, String detail,
                String sourceAddress) {
        this.occurredAt = AuditChain.stored(occurredAt);
        this.actor = actor;
        this.action = action;
        this.objectType = objectType;
        this.objectId = objectId;
        this.detail = detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 1000);
        this.sourceAddress = sourceAddress;
    }

    /** A chained record as a plain row, for {@link AuditLog#recordAll}: the columns {@link #bind} fills. */
    static final String INSERT = "INSERT INTO audit_record (occurred_at, actor, action, object_type, object_id, detail,"
            + " source_address, seq, chain_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    void bind(PreparedStatement ps) throws SQLException {
        ps.setObject(1, OffsetDateTime.ofInstant(occurredAt, ZoneOffset.UTC));
        ps.setString(2, actor);
        ps.setString(3, action);
        ps.setString(4, objectType);
        ps.setString(5, objectId);
        ps.setString(6, detail);
        ps.setString(7, sourceAddress);
        ps.setLong(8, seq);
        ps.setString(9, chainHash);
    }

    /** Appends this record after {@code previousHash} at position {@code seq}; returns its hash. */
    String chain(long seq, String previousHash) {
        this.seq = seq;
        this.chainHash = AuditChain.link(previousHash, encoding());
        return chainHash;
    }

    /** Whether this record, read back from the database, still hashes to what was stored after {@code previous}. */
    String recomputedHash(String previousHash) {
        return AuditChain.link(previousHash, encoding());
    }

    Long seq() {
        return seq;
    }

    String chainHash() {
        return chainHash;
    }

    private byte[] encoding() {
        return AuditChain.encode(seq, occurredAt, actor, sourceAddress, action, objectType, objectId, detail);
    }

    /** The export's keyset cursor: records are append-only, so (occurredAt, id) never moves under a running export. */
    AuditCursor cursor() {
        return new AuditCursor(occurredAt, id);
    }

    public AuditEntry view() {
        return new AuditEntry(occurredAt, actor, action, objectType, objectId, detail, sourceAddress, seq);
    }
}
