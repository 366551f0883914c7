package jp.kagi.renewal;

import java.time.Instant;
import java.util.List;

/**
 * One account of a campaign: who, its old and new certificate, and how far it got; {@code installedAt} is when the
 * new certificate first passed the self-test (null: not yet).
 */
public record CampaignRowView(String userId, String displayName, String email, String customer,
                              CampaignRowState state, String oldCommonName, Instant oldNotAfter, String newCommonName,
                              String newSerial, Instant retrievedAt, String mailStatus, long reminders,
                              Instant expiryWarnedAt, String messageKey, List<String> messageArgs,
                              Instant installedAt) {
}
