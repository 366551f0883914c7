package jp.kagi.renewal;

import java.util.List;

/**
 * A campaign as an admin asks for it (REST body and the create screen). {@code customers} names the targeted
 * customers, or {@code allDue} takes every customer with an account due by its cadence; {@code exclude} lists user
 * IDs left out. {@code completion} is a date ({@code 2027-04-30}, end of that day in the CA's zone) or a date-time;
 * {@code reminders} are ISO-8601 durations before it. Null fields take their defaults.
 */
public record CampaignRequest(String name, List<String> customers, Boolean allDue, List<String> exclude,
                              String completion, List<String> reminders, Integer validityMonths, String expiryWarning,
                              String reasonJa, String reasonEn, String noteJa, String noteEn) {
}
