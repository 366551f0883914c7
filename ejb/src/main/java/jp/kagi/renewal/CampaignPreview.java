package jp.kagi.renewal;

import java.util.List;

/**
 * What a campaign would do, written nowhere: accounts per customer (included, excluded), the first mails in
 * Japanese and English as the first included user would get them (password and Request ID masked), and warnings
 * (e.g. a customer whose retrieval period ends before the completion date).
 */
public record CampaignPreview(String name, String completion, List<String> reminders, long included, long excluded,
                              List<CustomerPlan> customers, List<MailSample> mails, List<Warning> warnings) {

    public record CustomerPlan(String customer, long included, long excluded) {
    }

    public record MailSample(String language, String kind, String subject, String body) {
    }

    /** A translated warning: a message key and its arguments. */
    public record Warning(String messageKey, List<String> arguments) {
    }
}
