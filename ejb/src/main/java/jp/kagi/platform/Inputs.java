package jp.kagi.platform;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks on what callers send, shared by every feature, each failing with a translatable {@link KagiException}. */
public final class Inputs {

    public static final int MAX_NAME = 64;
    public static final int MAX_EMAIL = 254;
    public static final int MAX_DISPLAY_NAME = 128;
    public static final Set<String> LANGUAGES = Set.of("ja", "en");

    // Deliberately plain: one @, a dot in the domain, no blanks or control characters. Deliverability is the SMTP
    // server's call; this rejects only what can never be an address.
    private static final Pattern EMAIL = Pattern.compile("^[^\\s@\"<>(),;:\\\\\\[\\]]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$");

    private Inputs() {
    }

    /** A required free-text field: trimmed, not blank, within length, no control characters. */
    public static String text(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw KagiException.invalid("error.required", field);
        }
        String trimmed = value.strip();
        if (trimmed.codePointCount(0, trimmed.length()) > maxLength) {
            throw KagiException.invalid("error.tooLong", field, maxLength);
        }
        if (trimmed.indexOf('\uFFFD') >= 0) {
            throw KagiException.invalid("error.notUtf8", field); // what a decoder leaves of bytes that were not UTF-8
        }
        if (trimmed.codePoints().anyMatch(Character::isISOControl)) {
            throw KagiException.invalid("error.controlCharacters", field);
        }
        if (trimmed.codePoints().anyMatch(Inputs::isBidiControl)) {
            throw KagiException.invalid("error.bidiControl", field);
        }
        return trimmed;
    }

    /**
     * The invisible characters that change the order in which text is shown (issue 12): the embeddings and overrides
     * U+202A..U+202E, the isolates U+2066..U+2069, and the marks U+200E, U+200F and U+061C. In a name they make
     * "gnp.exe" show as "exe.png" or an address look like another's in the back office, in mails and in CSV exports;
     * Japanese and English names never need them (right-to-left scripts show in their own direction without them).
     */
    public static boolean isBidiControl(int codePoint) {
        return codePoint >= 0x202A && codePoint <= 0x202E || codePoint >= 0x2066 && codePoint <= 0x2069
                || codePoint == 0x200E || codePoint == 0x200F || codePoint == 0x061C;
    }

    public static String email(String field, String value) {
        String address = text(field, value, MAX_EMAIL);
        if (!EMAIL.matcher(address).matches()) {
            throw KagiException.invalid("error.email", field);
        }
        return address;
    }

    public static String language(String field, String value) {
        if (value == null || value.isBlank()) {
            return "ja";
        }
        String lang = value.strip().toLowerCase(Locale.ROOT);
        if (!LANGUAGES.contains(lang)) {
            throw KagiException.invalid("error.language", field);
        }
        return lang;
    }

    /** An organizational unit may not carry characters that would change the meaning of a DN. */
    public static String organizationalUnit(String field, String value) {
        String name = text(field, value, MAX_NAME);
        if (name.chars().anyMatch(c -> ",+=\"\\<>;#/".indexOf(c) >= 0)) {
            throw KagiException.invalid("error.dnCharacters", field);
        }
        return name;
    }
}
