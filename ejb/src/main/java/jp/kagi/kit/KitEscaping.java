package jp.kagi.kit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Puts a customer's name (free text, Japanese allowed) into each syntax of the kit without changing that syntax's
 * meaning: a DN as OpenSSL prints it for nginx's {@code $ssl_client_s_dn}, a PCRE literal, an nginx string, an
 * Apache expression, shell and comments. The name check already refuses DN specials, but nothing here relies on it.
 */
final class KitEscaping {

    private static final String RFC2253_SPECIALS = ",+\"\\<>;";

    private KitEscaping() {
    }

    /**
     * An attribute value as OpenSSL's {@code XN_FLAG_RFC2253} prints it (what nginx puts into
     * {@code $ssl_client_s_dn}): DN specials behind a backslash, a leading '#' or space and a trailing space too,
     * and every byte of a control or non-ASCII character's UTF-8 as {@code \XX}.
     */
    static String rfc2253Value(String value) {
        StringBuilder out = new StringBuilder();
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < utf8.length; i++) {
            int b = utf8[i] & 0xff;
            if (b < 0x20 || b >= 0x7f) {
                out.append('\\').append(String.format(Locale.ROOT, "%02X", b));
            } else if (RFC2253_SPECIALS.indexOf(b) >= 0 || i == 0 && (b == '#' || b == ' ')
                    || i == utf8.length - 1 && b == ' ') {
                out.append('\\').append((char) b);
            } else {
                out.append((char) b);
            }
        }
        return out.toString();
    }

    /** Matches {@code text} literally in PCRE: every ASCII character but letters and digits behind a backslash. */
    static String pcreLiteral(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (c < 0x80 && !Character.isLetterOrDigit(c)) {
                out.append('\\');
            }
            out.appendCodePoint(c);
        });
        return out.toString();
    }

    /** A double-quoted nginx string: nginx's parser turns {@code \\} into one backslash and {@code \"} into a quote. */
    static String nginxQuoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /**
     * nginx's regular expression (a {@code map} key) that matches {@code $ssl_client_s_dn} of this customer's
     * certificates only. Anchored on the whole subject, CN first: a name that contains another's (or a DN-looking
     * text) cannot match, because an escaped comma is never a separator and the CN never holds a comma.
     */
    static String nginxSubjectRegex(String customer, String country) {
        return nginxQuoted("~^CN=[^,]+,OU=" + pcreLiteral(rfc2253Value(customer)) + ",C=" + pcreLiteral(country) + "$");
    }

    /** The name's UTF-8 as Base64, for Apache's {@code base64(%{SSL_CLIENT_S_DN_OU})}: no quoting to get wrong. */
    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A single-quoted POSIX shell word. */
    static String shellQuoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /**
     * Text for one comment line in any of the files: no line breaks (they would end the comment) and no backslash
     * (Apache joins a line ending in one with the next, even a comment).
     */
    static String comment(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) || c == '\\'
                || c == '\u2028' || c == '\u2029' ? '?' : c));
        return out.toString();
    }
}
