package jp.kagi.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The issuing CA's signature over (seq, hash of record seq, signedAt): whoever rewrites the chain up to seq, even
 * recomputing every hash after it, cannot make a new signature without the CA key. Append-only like the records.
 */
@Entity
@Table(name = "audit_checkpoint")
class AuditCheckpoint {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, updatable = false)
    private long seq;

    @Column(name = "chain_hash", nullable = false, updatable = false)
    private String chainHash;

    @Column(name = "signed_at", nullable = false, updatable = false)
    private Instant signedAt;

    @Column(nullable = false, updatable = false)
    private String algorithm;

    /** Base64 of the signature over {@link AuditChain#checkpoint}. */
    @Column(nullable = false, updatable = false)
    private String signature;

    protected AuditCheckpoint() {
    }

    AuditCheckpoint(long seq, String chainHash, Instant signedAt, String algorithm, String signature) {
        this.seq = seq;
        this.chainHash = chainHash;
        this.signedAt = AuditChain.stored(signedAt);
        this.algorithm = algorithm;
        this.signature = signature;
    }

    long seq() {
        return seq;
    }

    String chainHash() {
        return chainHash;
    }

    Instant signedAt() {
        return signedAt;
    }

    String algorithm() {
        return algorithm;
    }

    String signature() {
        return signature;
    }

    byte[] signedBytes() {
        return AuditChain.checkpoint(seq, chainHash, signedAt);
    }
}
