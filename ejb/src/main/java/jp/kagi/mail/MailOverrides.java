package jp.kagi.mail;

import java.util.Map;

/**
 * A customer's own support desk and manual for its users' mails; a null or blank field falls back to the global
 * setting ({@link MailSettings}), so a customer only states what differs.
 */
public record MailOverrides(String supportName, String supportPhone, String supportHours, String manualUrl) {

    public static final MailOverrides NONE = new MailOverrides(null, null, null, null);

    /** Puts every given override into {@code values} (the result of {@link MailSettings#common}) and returns it. */
    public Map<String, String> applyTo(Map<String, String> values) {
        put(values, "supportName", supportName);
        put(values, "supportPhone", supportPhone);
        put(values, "supportHours", supportHours);
        put(values, "manualUrl", manualUrl);
        return values;
    }

    private static void put(Map<String, String> values, String key, String value) {
        if (value != null && !value.isBlank()) {
            values.put(key, value.strip());
        }
    }
}
