package jp.kagi.retrieval;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import jp.kagi.ca.KeySealer;
import jp.kagi.certificate.ClientCertificate;
import jp.kagi.metrics.KagiMeters;
import jp.kagi.platform.DurationConverter;
import jp.kagi.vault.DataKey;

/**
 * The user's one way to fetch a certificate's private key. Locks {@code lockAfterIssuance} after issuance or
 * {@code lockAfterRetrieval} after the first retrieval, whichever comes first (SPEC.md); the durations are copied
 * from the customer's policy at issuance, so a later policy change does not move an open request's deadline.
 */
@Entity
@Table(name = "retrieval_request")
@NamedQuery(name = "RetrievalRequest.byCertificate",
        query = "select r from RetrievalRequest r where r.certificate = :certificate")
public class RetrievalRequest {

    static final String KEY_PURPOSE = "private-key";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "request_id", nullable = false, unique = true)
    private String requestId;

    @OneToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "certificate_id")
    private ClientCertificate certificate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private RequestStatus status;

    @Column(name = "issued_at", nullable = false)
    private Instant issuedAt;

    @Column(name = "first_retrieved_at")
    private Instant firstRetrievedAt;

    @Column(name = "locked_at")
    private Instant lockedAt;

    @Convert(converter = LockReason.Column.class)
    @Column(name = "lock_reason")
    private LockReason lockReason;

    @Convert(converter = DurationConverter.class)
    @Column(name = "lock_after_issuance", nullable = false)
    private Duration lockAfterIssuance;

    @Convert(converter = DurationConverter.class)
    @Column(name = "lock_after_retrieval", nullable = false)
    private Duration lockAfterRetrieval;

    /** The private key (PKCS#8) sealed under {@link #dataKey}; before 12/sealing, under the KEK itself. */
    @Column(name = "sealed_private_key")
    private byte[] sealedPrivateKey;

    /**
     * The only key that opens {@link #sealedPrivateKey}, in its own table; orphan removal deletes its row when the
     * request drops it, which is what destroys the private key for good (crypto-shredding, 12/sealing).
     */
    @OneToOne(fetch = FetchType.LAZY, cascade = CascadeType.PERSIST, orphanRemoval = true)
    @JoinColumn(name = "data_key_id")
    private DataKey dataKey;

    @Column(name = "locks_at")
    private Instant locksAt;

    /** A renewal campaign's completion: the request locks then at the latest, whatever the two rules say. */
    @Column(name = "lock_deadline")
    private Instant lockDeadline;

    @Version
    private long version;

    protected RetrievalRequest() {
    }

    public RetrievalRequest(String requestId, ClientCertificate certificate, Instant issuedAt, Duration lockAfterIssuance,
                            Duration lockAfterRetrieval, byte[] sealedPrivateKey) {
        this(requestId, certificate, issuedAt, lockAfterIssuance, lockAfterRetrieval, sealedPrivateKey, null);
    }

    /** As above, locking at {@code lockDeadline} at the latest (null: no deadline beyond the two rules). */
    public RetrievalRequest(String requestId, ClientCertificate certificate, Instant issuedAt, Duration lockAfterIssuance,
                            Duration lockAfterRetrieval, byte[] sealedPrivateKey, Instant lockDeadline) {
        this(requestId, certificate, issuedAt, lockAfterIssuance, lockAfterRetrieval,
                new DataKey.Sealed(null, sealedPrivateKey), lockDeadline);
    }

    /** The private key sealed under its own data key, which this request owns and destroys at the lock. */
    public RetrievalRequest(String requestId, ClientCertificate certificate, Instant issuedAt, Duration lockAfterIssuance,
                            Duration lockAfterRetrieval, DataKey.Sealed privateKey, Instant lockDeadline) {
        byte[] sealedPrivateKey = privateKey.sealed();
        this.dataKey = privateKey.key();
        this.requestId = requestId;
        this.certificate = certificate;
        this.issuedAt = issuedAt;
        this.lockAfterIssuance = lockAfterIssuance;
        this.lockAfterRetrieval = lockAfterRetrieval;
        this.sealedPrivateKey = sealedPrivateKey.clone();
        this.status = RequestStatus.PENDING;
        this.lockDeadline = lockDeadline;
        this.locksAt = computeLocksAt();
    }

    public static String keyPurpose() {
        return KEY_PURPOSE;
    }

    /** When this request locks (or locked) if nothing else happens: the earlier of the two rules. */
    public Instant locksAt() {
        return locksAt != null ? locksAt : computeLocksAt();
    }

    private Instant computeLocksAt() {
        return switch (dueReason()) {
            case RETRIEVAL -> firstRetrievedAt.plus(lockAfterRetrieval);
            case DEADLINE -> lockDeadline;
            default -> issuedAt.plus(lockAfterIssuance);
        };
    }

    /** True when the request may no longer be used: locked already, or due by either rule (SPEC.md). */
    public boolean isLockedAt(Instant now) {
        return status == RequestStatus.LOCKED || !now.isBefore(locksAt());
    }

    /** Locks for good and destroys the private key; only a reissue helps after this. */
    public void lock(Instant now, LockReason reason) {
        if (status == RequestStatus.LOCKED) {
            return;
        }
        status = RequestStatus.LOCKED;
        lockedAt = now;
        lockReason = reason;
        KagiMeters.lockApplied(reason.code()); // counted when the transaction commits
        sealedPrivateKey = null;
        dataKey = null; // orphan removal deletes the key_vault row: the key cannot be opened again, even with the KEK
        locksAt = locksAt();
    }

    /**
     * Replaced by a reissue: locked for good (key destroyed) if it was not already, and from now on it tells the
     * user to use the newer Request ID, which helps more than saying which deadline passed.
     */
    public void supersede(Instant now) {
        lock(now, LockReason.REISSUE);
        lockReason = LockReason.REISSUE;
    }

    /**
     * Which rule locks (or locked) this request: the period after issuance (30 days), after the first retrieval
     * (3 days), or a renewal campaign's completion date, whichever comes first.
     */
    public LockReason dueReason() {
        return dueReason(issuedAt, lockAfterIssuance, firstRetrievedAt, lockAfterRetrieval, lockDeadline);
    }

    /** The same rule on a request's columns, for the lock sweep that reads them without loading the entity. */
    public static LockReason dueReason(Instant issuedAt, Duration lockAfterIssuance, Instant firstRetrievedAt,
                                       Duration lockAfterRetrieval, Instant lockDeadline) {
        LockReason reason = LockReason.ISSUANCE;
        Instant earliest = issuedAt.plus(lockAfterIssuance);
        if (firstRetrievedAt != null && firstRetrievedAt.plus(lockAfterRetrieval).isBefore(earliest)) {
            reason = LockReason.RETRIEVAL;
            earliest = firstRetrievedAt.plus(lockAfterRetrieval);
        }
        return lockDeadline != null && lockDeadline.isBefore(earliest) ? LockReason.DEADLINE : reason;
    }

    /**
     * Moves the campaign deadline of a request still open (a campaign's completion date was extended); a locked
     * request stays locked, its key is gone.
     */
    public void moveDeadline(Instant deadline) {
        if (status != RequestStatus.LOCKED) {
            lockDeadline = deadline;
            locksAt = computeLocksAt();
        }
    }

    public Instant lockDeadline() {
        return lockDeadline;
    }

    /** Records a download; the first one starts the shorter retrieval clock. */
    public void retrieved(Instant now) {
        if (firstRetrievedAt == null) {
            firstRetrievedAt = now;
            status = RequestStatus.RETRIEVED;
            locksAt = computeLocksAt();
        }
    }

    /** The private key (PKCS#8) as stored for retrieval; the caller wipes it after use. */
    public byte[] openPrivateKey(KeySealer kek) {
        if (sealedPrivateKey == null) {
            throw new IllegalStateException("The private key of request " + requestId + " is destroyed");
        }
        return dataKey != null ? dataKey.open(KEY_PURPOSE, sealedPrivateKey, kek)
                : kek.unseal(KEY_PURPOSE, sealedPrivateKey); // sealed before 12/sealing, until the rotation job runs
    }

    /**
     * Moves a key sealed before 12/sealing (under the KEK itself) under its own new data key, so that the lock can
     * destroy it and the old KEK version can be retired. False if there was nothing to move.
     */
    public boolean sealUnderOwnDataKey(KeySealer kek, Instant now, java.security.SecureRandom random) {
        if (sealedPrivateKey == null || dataKey != null) {
            return false;
        }
        byte[] plain = kek.unseal(KEY_PURPOSE, sealedPrivateKey);
        try {
            DataKey.Sealed sealed = DataKey.seal(KEY_PURPOSE, plain, kek, now, random);
            dataKey = sealed.key();
            sealedPrivateKey = sealed.sealed();
            return true;
        } finally {
            java.util.Arrays.fill(plain, (byte) 0);
        }
    }

    /** The data key of a request that still holds its key, or null (locked, or sealed before 12/sealing). */
    public DataKey dataKey() {
        return dataKey;
    }

    public byte[] sealedPrivateKey() {
        return sealedPrivateKey == null ? null : sealedPrivateKey.clone();
    }

    public LockReason lockReason() {
        return lockReason;
    }

    /** Fills locks_at for rows written before the column existed. */
    public void ensureLocksAt() {
        if (locksAt == null) {
            locksAt = computeLocksAt();
        }
    }

    public String requestId() {
        return requestId;
    }

    public ClientCertificate certificate() {
        return certificate;
    }

    public RequestStatus status() {
        return status;
    }

    public Instant issuedAt() {
        return issuedAt;
    }

    public Instant firstRetrievedAt() {
        return firstRetrievedAt;
    }

    public Instant lockedAt() {
        return lockedAt;
    }

    public boolean holdsKey() {
        return sealedPrivateKey != null;
    }
}
