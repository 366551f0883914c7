package jp.kagi.customer;

/**
 * A change to a customer's name, contact and mail settings. A null field keeps its current value; for the optional
 * fields (contact name and phone, support desk, manual URL) an empty string clears it, and an empty mail setting
 * means "use the global one". A new {@code name} becomes the OU of future certificates only.
 */
public record CustomerEdit(String name, String contactEmail, String contactName, String contactPhone,
                           String supportName, String supportPhone, String supportHours, String manualUrl) {
}
