package jp.kagi.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The single row at the end of the audit chain. Appending locks it (SELECT ... FOR UPDATE) until the transaction
 * commits, so appends are serialised by the database across threads and cluster nodes alike.
 */
@Entity
@Table(name = "audit_chain_head")
class AuditChainHead {

    static final long ID = 1L;

    @Id
    private Long id;

    @Column(name = "last_seq", nullable = false)
    private long lastSeq;

    @Column(name = "last_hash", nullable = false)
    private String lastHash;

    /** Records up to this id were written before the chain existed (migration V14) and carry no hash. */
    @Column(name = "legacy_max_id", nullable = false)
    private long legacyMaxId;

    protected AuditChainHead() {
    }

    long lastSeq() {
        return lastSeq;
    }

    String lastHash() {
        return lastHash;
    }

    long legacyMaxId() {
        return legacyMaxId;
    }

    void advance(long seq, String hash) {
        this.lastSeq = seq;
        this.lastHash = hash;
    }
}
