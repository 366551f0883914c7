package jp.kagi.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import jp.kagi.ca.KeySealer;
import jp.kagi.customer.Customer;

/** A person at a customer who logs in to the portal and receives certificates. */
@Entity
@Table(name = "account")
@NamedQuery(name = "Account.byUserId", query = "select a from Account a join fetch a.customer where a.userId = :userId")
@NamedQuery(name = "Account.byCustomer",
        query = "select a from Account a where a.customer = :customer order by a.userId")
@NamedQuery(name = "Account.countByEmail",
        query = "select count(a) from Account a where a.customer = :customer and a.emailKey = :emailKey")
@NamedQuery(name = "Account.replacePasswordHash", query = "update Account a set a.passwordHash = :newHash"
        + " where a.id = :id and a.passwordHash = :oldHash")
@NamedQuery(name = "Account.countOthersByEmail", query = "select count(a) from Account a"
        + " where a.customer = :customer and a.emailKey = :emailKey and a.id <> :id")
public class Account {

    static final String PASSWORD_PURPOSE = "account-password";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "user_id", nullable = false, unique = true)
    private String userId;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "customer_id")
    private Customer customer;

    @Column(nullable = false)
    private String email;

    @Column(name = "email_key", nullable = false)
    private String emailKey;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(nullable = false)
    private String language;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    /** The current password, sealed, until a registration mail has carried it to the user; then gone. */
    @Column(name = "pending_password")
    private byte[] pendingPassword;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private AccountStatus status;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected Account() {
    }

    Account(String userId, Customer customer, String email, String displayName, String language, Instant createdAt) {
        this.userId = userId;
        this.customer = customer;
        this.email = email;
        this.emailKey = emailKey(email);
        this.displayName = displayName;
        this.language = language;
        this.status = AccountStatus.ACTIVE;
        this.createdAt = createdAt;
    }

    static String emailKey(String email) {
        return email.toLowerCase(Locale.ROOT);
    }

    /** Sets a new password and keeps it sealed for the next registration mail. */
    void assignPassword(String password, RegistrationPasswordHasher hasher, KeySealer sealer) {
        this.passwordHash = hasher.hash(password);
        this.pendingPassword = sealer.seal(PASSWORD_PURPOSE, password.getBytes(StandardCharsets.UTF_8));
    }

    /** Re-seals the waiting password under the newest KEK version (12/sealing rotation); false if nothing to do. */
    public boolean resealPendingPassword(KeySealer sealer) {
        if (pendingPassword == null || KeySealer.versionOf(pendingPassword) == sealer.currentVersion()
                && pendingPassword[0] != 1) {
            return false;
        }
        pendingPassword = sealer.reseal(PASSWORD_PURPOSE, pendingPassword);
        return true;
    }

    /** The password still waiting for its registration mail, if any; taking it clears it. */
    java.util.Optional<String> takePendingPassword(KeySealer sealer) {
        if (pendingPassword == null) {
            return java.util.Optional.empty();
        }
        String password = new String(sealer.unseal(PASSWORD_PURPOSE, pendingPassword), StandardCharsets.UTF_8);
        pendingPassword = null;
        return java.util.Optional.of(password);
    }

    /** New contact details; mails already in the outbox keep the address they were written for. */
    void changeProfile(String email, String displayName, String language) {
        this.email = email;
        this.emailKey = emailKey(email);
        this.displayName = displayName;
        this.language = language;
    }

    /** A disabled account cannot sign in or receive certificates. */
    void setStatus(AccountStatus status) {
        this.status = status;
    }

    /** Checks a password; only {@link AccountService#passwordMatches} calls this, and stores a rehash if needed. */
    RegistrationPasswordHasher.Check checkPassword(String candidate, RegistrationPasswordHasher hasher) {
        return hasher.verify(candidate, passwordHash);
    }

    String passwordHash() {
        return passwordHash;
    }

    public boolean isActive() {
        return status == AccountStatus.ACTIVE && customer.isActive();
    }

    public Long id() {
        return id;
    }

    public String userId() {
        return userId;
    }

    public Customer customer() {
        return customer;
    }

    public String email() {
        return email;
    }

    public String displayName() {
        return displayName;
    }

    public String language() {
        return language;
    }

    public AccountView view() {
        return new AccountView(userId, customer.name(), email, displayName, language, status.name(), createdAt);
    }
}
