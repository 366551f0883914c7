package jp.kagi.renewal;

import java.time.Instant;
import java.util.List;

/**
 * A campaign as callers see it (SPEC.md: status, targeted, mailed, retrieved, pending, locked, customers; issue 11:
 * installed, the new certificates that passed the self-test). An operator's view counts only its own customers.
 */
public record CampaignView(long id, String name, CampaignStatus status, String completion, Instant completionAt,
                           List<String> reminders, int validityMonths, String expiryWarning, String createdBy,
                           Instant createdAt, Instant launchedAt, Instant issuedAt, Instant finishedAt, long targeted,
                           long waiting, long renewed, long mailed, long mailFailed, long retrieved, long pending,
                           long locked, long skipped, long failed, long cancelled, long excluded, int issuedPercent,
                           int retrievedPercent, List<CampaignCounts> customers, long installed,
                           int installedPercent) {

    static CampaignView of(RenewalCampaign c, CampaignCounts total, List<CampaignCounts> customers) {
        return new CampaignView(c.id(), c.name(), c.status(), c.completionText(), c.completionAt(), c.reminderTexts(),
                c.validityMonths(), jp.kagi.platform.DurationConverter.iso(c.expiryWarning()), c.createdBy(),
                c.createdAt(), c.launchedAt(), c.issuedAt(), c.finishedAt(), total.targeted(), total.waiting(),
                total.renewed(), total.mailed(), total.mailFailed(), total.retrieved(), total.pending(), total.locked(),
                total.skipped(), total.failed(), total.cancelled(), total.excluded(), total.issuedPercent(),
                total.retrievedPercent(), customers, total.installed(), total.installedPercent());
    }
}
