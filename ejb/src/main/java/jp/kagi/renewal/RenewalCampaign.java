package jp.kagi.renewal;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jp.kagi.issuance.RenewalTerms;
import jp.kagi.platform.Actor;
import jp.kagi.platform.DurationConverter;

/** A renewal round: its targeted customers' accounts get a new certificate and the renewal pair of mails. */
@Entity
@Table(name = "renewal_campaign")
public class RenewalCampaign {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private CampaignStatus status;

    @Column(name = "completion_at", nullable = false)
    private Instant completionAt;

    /** The completion as the admin gave it ("2027-04-30" or a date-time): a date is printed as a date. */
    @Column(name = "completion_text", nullable = false)
    private String completionText;

    /** The reminder steps before the completion, ISO-8601, comma-separated, longest first. */
    @Column(nullable = false)
    private String reminders;

    @Column(name = "validity_months", nullable = false)
    private int validityMonths;

    @Convert(converter = DurationConverter.class)
    @Column(name = "expiry_warning", nullable = false)
    private Duration expiryWarning;

    @Column(name = "reason_ja")
    private String reasonJa;

    @Column(name = "reason_en")
    private String reasonEn;

    @Column(name = "note_ja")
    private String noteJa;

    @Column(name = "note_en")
    private String noteEn;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_from")
    private String createdFrom;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "launched_at")
    private Instant launchedAt;

    /** When the last row was issued (the campaign went from LAUNCHING to RUNNING). */
    @Column(name = "issued_at")
    private Instant issuedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    /** The targeted customers' ids. */
    @ElementCollection
    @CollectionTable(name = "renewal_campaign_customer", joinColumns = @JoinColumn(name = "campaign_id"))
    @Column(name = "customer_id")
    private Set<Long> customerIds = new HashSet<>();

    @Version
    private long version;

    protected RenewalCampaign() {
    }

    RenewalCampaign(CampaignSettings settings, Set<Long> customerIds, Actor actor, Instant now) {
        this.customerIds = new HashSet<>(customerIds);
        this.name = settings.name();
        this.completionAt = settings.completion().at();
        this.completionText = settings.completion().text();
        this.reminders = String.join(",", settings.reminders().stream().map(CampaignSettings::iso).toList());
        this.validityMonths = settings.validityMonths();
        this.expiryWarning = settings.expiryWarning();
        this.reasonJa = settings.reasonJa();
        this.reasonEn = settings.reasonEn();
        this.noteJa = settings.noteJa();
        this.noteEn = settings.noteEn();
        this.createdBy = actor.name();
        this.createdFrom = actor.address();
        this.createdAt = now;
        this.status = CampaignStatus.DRAFT;
    }

    public Long id() {
        return id;
    }

    public Set<Long> customerIds() {
        return Set.copyOf(customerIds);
    }

    public String name() {
        return name;
    }

    public CampaignStatus status() {
        return status;
    }

    public Instant completionAt() {
        return completionAt;
    }

    public String completionText() {
        return completionText;
    }

    public boolean completionIsDate() {
        return CampaignSettings.Completion.isDate(completionText);
    }

    public List<Duration> reminders() {
        return reminders.isBlank() ? List.of() : Arrays.stream(reminders.split(",")).map(Duration::parse).toList();
    }

    public List<String> reminderTexts() {
        return reminders.isBlank() ? List.of() : List.of(reminders.split(","));
    }

    public int validityMonths() {
        return validityMonths;
    }

    public Duration expiryWarning() {
        return expiryWarning;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant launchedAt() {
        return launchedAt;
    }

    public Instant issuedAt() {
        return issuedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public Actor actor() {
        return new Actor(createdBy, createdFrom);
    }

    public String reasonJa() {
        return reasonJa;
    }

    public String reasonEn() {
        return reasonEn;
    }

    public String noteJa() {
        return noteJa;
    }

    public String noteEn() {
        return noteEn;
    }

    /** What the certificates of this campaign are issued with. */
    RenewalTerms terms() {
        return new RenewalTerms(validityMonths, completionAt, completionIsDate(), reasonJa, reasonEn, noteJa, noteEn);
    }

    void launch(Instant now) {
        status = CampaignStatus.LAUNCHING;
        launchedAt = now;
    }

    void issued(Instant now) {
        status = CampaignStatus.RUNNING;
        issuedAt = now;
    }

    void complete(Instant now) {
        status = CampaignStatus.COMPLETED;
        finishedAt = now;
    }

    void cancel(Instant now) {
        status = CampaignStatus.CANCELLED;
        finishedAt = now;
    }

    void extend(CampaignSettings.Completion completion) {
        this.completionAt = completion.at();
        this.completionText = completion.text();
    }
}
