package jp.kagi.renewal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A reminder an account was sent: the unique (account row, step) key makes each step go out at most once, even when
 * a timer fires twice or two nodes race; a "remind now" is a step of its own, named after the moment.
 */
@Entity
@Table(name = "campaign_reminder")
public class CampaignReminder {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "campaign_account_id", nullable = false)
    private long campaignAccountId;

    @Column(nullable = false)
    private String step;

    @Column(name = "sent_at", nullable = false)
    private Instant sentAt;

    @Column(name = "sent_by", nullable = false)
    private String sentBy;

    protected CampaignReminder() {
    }

    CampaignReminder(long campaignAccountId, String step, Instant sentAt, String sentBy) {
        this.campaignAccountId = campaignAccountId;
        this.step = step;
        this.sentAt = sentAt;
        this.sentBy = sentBy;
    }
}
