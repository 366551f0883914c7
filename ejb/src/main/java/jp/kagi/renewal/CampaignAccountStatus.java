package jp.kagi.renewal;

import java.util.Set;

/** One account's row in a campaign. PENDING rows are the runner's work; the others are final. */
public enum CampaignAccountStatus {
    /** Included, its new certificate not issued yet. */
    PENDING,
    /** New certificate issued and the renewal pair of mails queued. */
    RENEWED,
    /** Left out while the campaign ran (customer deactivated, account disabled, ...): the row says why. */
    SKIPPED,
    /** Issuance failed three times; the row says why. */
    FAILED,
    /** The campaign was cancelled before this row was issued. */
    CANCELLED,
    /** Excluded by the admin when the campaign was created. */
    EXCLUDED;

    public static final Set<CampaignAccountStatus> FINAL = Set.of(RENEWED, SKIPPED, FAILED, CANCELLED, EXCLUDED);
}
