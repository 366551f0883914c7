package jp.kagi.audit;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import jp.kagi.platform.Inputs;
import jp.kagi.platform.IsoDates;
import jp.kagi.platform.KagiException;

/**
 * What the audit log viewer filters by. Blank means "any". Actor, object type, object id and source address match
 * exactly, action matches as a prefix ("certificate." finds every certificate action), and the dates are whole
 * days in the CA team's time zone, both included.
 */
public record AuditFilter(String actor, String action, String objectType, String objectId, LocalDate from,
                          LocalDate to, String sourceAddress) implements Serializable {

    /** Longest text a filter field takes: the widest audit column (object id) is 100 characters. */
    public static final int MAX_TEXT = 100;

    public static final AuditFilter ANY = new AuditFilter(null, null, null, null, null, null, null);

    public AuditFilter {
        actor = text("actor", actor);
        action = text("action", action);
        objectType = text("objectType", objectType);
        objectId = text("objectId", objectId);
        sourceAddress = text("sourceAddress", sourceAddress);
        if (from != null && to != null && from.isAfter(to)) {
            throw KagiException.invalid("error.dateRange", from, to);
        }
    }

    /** Parses the filter as the screens and the REST API receive it: text, dates as ISO dates (2026-04-01). */
    public static AuditFilter of(String actor, String action, String objectType, String objectId, String from,
                                 String to, String sourceAddress) {
        return new AuditFilter(actor, action, objectType, objectId, IsoDates.parse(from), IsoDates.parse(to),
                sourceAddress);
    }

    /** The first instant on the {@code from} day, or null. */
    public Instant fromInstant(ZoneId zone) {
        return from == null ? null : from.atStartOfDay(zone).toInstant();
    }

    /** The first instant after the {@code to} day (exclusive bound, so the whole last day is included), or null. */
    public Instant toExclusive(ZoneId zone) {
        return to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** The action prefix as a LIKE pattern; '!' escapes the wildcards a user might type. */
    String actionPattern() {
        return action == null ? null
                : action.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    private static String text(String field, String value) {
        return value == null || value.isBlank() ? null : Inputs.text(field, value, MAX_TEXT);
    }
}
