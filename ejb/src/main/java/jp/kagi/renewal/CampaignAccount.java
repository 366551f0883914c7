package jp.kagi.renewal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import jp.kagi.metrics.KagiMeters;

/**
 * One account in a campaign: the unit of work and of resumption. Its status changes in the same transaction as the
 * certificate and mails it records, so a restart neither repeats nor loses an account.
 */
@Entity
@Table(name = "campaign_account")
public class CampaignAccount {

    static final int MAX_ATTEMPTS = 3;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "campaign_account_seq")
    @SequenceGenerator(name = "campaign_account_seq", sequenceName = "campaign_account_seq", allocationSize = 50)
    private Long id;

    @Column(name = "campaign_id", nullable = false)
    private long campaignId;

    @Column(name = "account_id", nullable = false)
    private long accountId;

    @Column(name = "customer_id", nullable = false)
    private long customerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private CampaignAccountStatus status;

    @Column(name = "old_certificate_id")
    private Long oldCertificateId;

    @Column(name = "new_certificate_id")
    private Long newCertificateId;

    @Column(name = "renewal_mail_id")
    private Long renewalMailId;

    @Column(name = "message_key")
    private String messageKey;

    @Column(name = "message_args")
    private String messageArgs;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "expiry_warned_at")
    private Instant expiryWarnedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected CampaignAccount() {
    }

    CampaignAccount(long campaignId, long accountId, long customerId, Long oldCertificateId, boolean excluded,
                    Instant now) {
        this.campaignId = campaignId;
        this.accountId = accountId;
        this.customerId = customerId;
        this.oldCertificateId = oldCertificateId;
        this.status = excluded ? CampaignAccountStatus.EXCLUDED : CampaignAccountStatus.PENDING;
        this.updatedAt = now;
    }

    public Long id() {
        return id;
    }

    public long campaignId() {
        return campaignId;
    }

    public long accountId() {
        return accountId;
    }

    public CampaignAccountStatus status() {
        return status;
    }

    public Long newCertificateId() {
        return newCertificateId;
    }

    public Long oldCertificateId() {
        return oldCertificateId;
    }

    public Long renewalMailId() {
        return renewalMailId;
    }

    public Instant expiryWarnedAt() {
        return expiryWarnedAt;
    }

    void renewed(long certificateId, long mailId, Instant now) {
        status = CampaignAccountStatus.RENEWED;
        KagiMeters.campaignRow("renewed");
        newCertificateId = certificateId;
        renewalMailId = mailId;
        updatedAt = now;
    }

    void skip(String key, List<Object> arguments, Instant now) {
        end(CampaignAccountStatus.SKIPPED, key, arguments, now);
    }

    void fail(String key, List<Object> arguments, Instant now) {
        end(CampaignAccountStatus.FAILED, key, arguments, now);
        KagiMeters.campaignRow("failed");
    }

    /** Counts an unexpected failure; false once the row has used its attempts. */
    boolean retryLater(Instant now) {
        attempts++;
        updatedAt = now;
        return attempts < MAX_ATTEMPTS;
    }

    void warnedOfExpiry(Instant now) {
        expiryWarnedAt = now;
        updatedAt = now;
    }

    private void end(CampaignAccountStatus to, String key, List<Object> arguments, Instant now) {
        status = to;
        messageKey = key;
        messageArgs = arguments == null || arguments.isEmpty() ? null
                : arguments.stream().map(String::valueOf).collect(Collectors.joining("\u001f"));
        updatedAt = now;
    }
}
