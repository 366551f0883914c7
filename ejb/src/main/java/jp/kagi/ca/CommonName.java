package jp.kagi.ca;

import java.util.regex.Pattern;

/** A client certificate's CN: the CA's prefix and its gap-free number, zero-padded to five digits (dsca00042). */
public record CommonName(String prefix, long number) {

    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9]{0,15}");

    public CommonName {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("CN prefix must be 1-16 lower-case letters or digits: " + prefix);
        }
        if (number < 1) {
            throw new IllegalArgumentException("CN numbers start at 1: " + number);
        }
    }

    public String value() {
        return prefix + String.format("%05d", number);
    }

    @Override
    public String toString() {
        return value();
    }
}
