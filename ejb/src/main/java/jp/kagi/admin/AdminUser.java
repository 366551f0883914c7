package jp.kagi.admin;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import jp.kagi.account.PasswordHasher;

/** A back-office user account. */
@Entity
@Table(name = "admin_user")
public class AdminUser {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "user_id", nullable = false, unique = true)
    private String userId;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private AdminRole role;

    @Column(nullable = false)
    private boolean active;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "admin_user_customer", joinColumns = @JoinColumn(name = "admin_user_id"))
    @Column(name = "customer_name")
    private Set<String> customers = new HashSet<>();

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected AdminUser() {
    }

    AdminUser(String userId, String passwordHash, AdminRole role, Set<String> customers, Instant createdAt) {
        this.userId = userId;
        this.passwordHash = passwordHash;
        this.role = role;
        this.customers = new HashSet<>(customers);
        this.active = true;
        this.createdAt = createdAt;
    }

    boolean passwordMatches(String candidate, PasswordHasher hasher) {
        return active && hasher.verify(candidate, passwordHash);
    }

    String passwordHash() {
        return passwordHash;
    }

    String userId() {
        return userId;
    }

    boolean active() {
        return active;
    }

    AdminPrincipal principal() {
        return new AdminPrincipal(userId, role, customers);
    }
}
