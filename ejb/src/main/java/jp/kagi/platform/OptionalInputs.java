package jp.kagi.platform;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks on optional fields (contact, support desk, manual URL): blank means "not set" and comes back as null;
 * anything else is checked like {@link Inputs#text} and must fit its kind.
 */
public final class OptionalInputs {

    public static final int MAX_PHONE = 40;
    public static final int MAX_HOURS = 200;
    public static final int MAX_URL = 500;

    // Digits with the separators people write in phone numbers (058-279-3458, +81 58 279 3458, (058) 279-3458, 内線 no).
    private static final Pattern PHONE = Pattern.compile("^[0-9+()\\-. ]+$");

    private OptionalInputs() {
    }

    public static String text(String field, String value, int maxLength) {
        return value == null || value.isBlank() ? null : Inputs.text(field, value, maxLength);
    }

    public static String phone(String field, String value) {
        String phone = text(field, value, MAX_PHONE);
        if (phone != null && (!PHONE.matcher(phone).matches() || phone.chars().noneMatch(Character::isDigit))) {
            throw KagiException.invalid("error.phone", field);
        }
        return phone;
    }

    /** An absolute http(s) URL with a host: it goes into mails, where anything else would not be clickable. */
    public static String url(String field, String value) {
        String url = text(field, value, MAX_URL);
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                throw KagiException.invalid("error.url", field);
            }
            return url;
        } catch (URISyntaxException e) {
            throw KagiException.invalid("error.url", field);
        }
    }
}
