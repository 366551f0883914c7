package jp.kagi.admin;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An API token of a back-office user. Only a salted SHA-256 of its secret part is kept; the selector (the part
 * after the prefix) finds the row. Revoking keeps the row for the audit trail.
 */
@Entity
@Table(name = "api_token")
public class ApiToken {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "owner_user_id", nullable = false)
    private String owner;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false, unique = true)
    private String selector;

    @Column(name = "secret_salt", nullable = false)
    private String salt;

    @Column(name = "secret_hash", nullable = false)
    private String secretHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected ApiToken() {
    }

    ApiToken(String owner, String name, String selector, String salt, String secretHash, Instant createdAt,
             Instant expiresAt) {
        this.owner = owner;
        this.name = name;
        this.selector = selector;
        this.salt = salt;
        this.secretHash = secretHash;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    Long id() {
        return id;
    }

    String owner() {
        return owner;
    }

    String salt() {
        return salt;
    }

    String secretHash() {
        return secretHash;
    }

    boolean usableAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }

    /** Writes the last use at most once a minute, so that a busy client does not update the row on every call. */
    void usedAt(Instant now) {
        if (lastUsedAt == null || now.isAfter(lastUsedAt.plusSeconds(60))) {
            lastUsedAt = now;
        }
    }

    boolean revoked() {
        return revokedAt != null;
    }

    void revoke(Instant now) {
        revokedAt = now;
    }

    TokenView view() {
        return new TokenView(id, name, owner, createdAt, expiresAt, lastUsedAt);
    }
}
