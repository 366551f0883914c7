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

    @Column(name = "must_change_password", nullable = false)
    private boolean mustChangePassword;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected AdminUser() {
    }

    AdminUser(String userId, String passwordHash, AdminRole role, Set<String> customers, Instant createdAt,
            boolean mustChangePassword) {
        this.userId = userId;
        this.passwordHash = passwordHash;
        this.mustChangePassword = mustChangePassword;
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

    boolean isActive() {
        return active;
    }

    AdminRole role() {
        return role;
    }

    Set<String> customers() {
        return Set.copyOf(customers);
    }

    void change(AdminRole newRole, Set<String> newCustomers, boolean nowActive) {
        this.role = newRole;
        this.customers.clear();
        this.customers.addAll(newCustomers);
        this.active = nowActive;
    }

    /** A new password hash; {@code mustChange} when someone other than the user chose the password. */
    void assignPassword(String hash, boolean mustChange) {
        this.passwordHash = hash;
        this.mustChangePassword = mustChange;
    }

    /** Changes whenever the password does, so that sessions signed in with an older password end. */
    String stamp() {
        return PasswordStamp.of(passwordHash);
    }

    AdminPrincipal principal() {
        return new AdminPrincipal(userId, role, customers, mustChangePassword);
    }

    StaffView view() {
        return new StaffView(userId, role, customers, active, mustChangePassword);
    }
}
