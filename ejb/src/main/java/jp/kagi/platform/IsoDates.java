package jp.kagi.platform;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Dates as filters receive them: ISO (2026-04-01) or blank for none; anything else is a translated refusal. */
public final class IsoDates {

    private IsoDates() {
    }

    public static LocalDate parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw KagiException.invalid("error.date", text.strip());
        }
    }
}
