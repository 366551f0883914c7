package jp.kagi.admin;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import jp.kagi.platform.KagiException;

/**
 * When a new API token expires, from what the client asked: an ISO-8601 duration ({@code P90D}, {@code PT12H},
 * {@code P1Y}) counted from now, or a date-time with an offset ({@code 2027-03-31T00:00:00+09:00}). Required, in the
 * future, and at most {@link #MAX_DAYS} days away: a token that never ends is a password nobody rotates.
 */
final class TokenExpiry {

    static final int MAX_DAYS = 366;
    private static final Duration MIN = Duration.ofMinutes(5);

    private TokenExpiry() {
    }

    static Instant parse(String text, Instant now) {
        if (text == null || text.isBlank() || text.length() > 64) {
            throw KagiException.invalid("error.tokenExpires", MAX_DAYS);
        }
        String t = text.strip();
        Instant at;
        try {
            if (t.startsWith("P") || t.startsWith("p")) {
                at = t.toUpperCase(java.util.Locale.ROOT).contains("T") ? now.plus(Duration.parse(t))
                        : now.atOffset(ZoneOffset.UTC).plus(Period.parse(t)).toInstant();
            } else {
                at = OffsetDateTime.parse(t).toInstant();
            }
        } catch (DateTimeException | ArithmeticException e) {
            throw KagiException.invalid("error.tokenExpires", MAX_DAYS);
        }
        if (at.isBefore(now.plus(MIN)) || at.isAfter(now.plus(Duration.ofDays(MAX_DAYS)))) {
            throw KagiException.invalid("error.tokenExpires", MAX_DAYS);
        }
        return at;
    }
}
