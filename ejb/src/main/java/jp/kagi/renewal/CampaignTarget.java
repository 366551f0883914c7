package jp.kagi.renewal;

/** One account a campaign would take: the account, its customer, its current certificate. */
public record CampaignTarget(long accountId, long customerId, long certificateId, String userId, boolean excluded) {
}
