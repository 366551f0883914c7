package jp.kagi.renewal;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import jp.kagi.platform.DurationConverter;
import jp.kagi.platform.Inputs;
import jp.kagi.platform.KagiException;
import jp.kagi.platform.OptionalInputs;

/**
 * A campaign request checked and parsed (pure logic, no database): every refusal is a translated
 * {@link KagiException} naming the field, so the screen and the API say the same thing.
 */
public record CampaignSettings(String name, List<String> customers, boolean allDue, List<String> exclude,
                               Completion completion, List<Duration> reminders, int validityMonths,
                               Duration expiryWarning, String reasonJa, String reasonEn, String noteJa, String noteEn) {

    public static final int MAX_NAME = 200;
    public static final int MAX_WORDING = 2000;
    public static final int MAX_REMINDERS = 10;

    /** The completion as typed and as the instant it means. */
    public record Completion(String text, Instant at) {

        static boolean isDate(String text) {
            return text != null && text.strip().length() == 10;
        }

        /**
         * {@code 2027-04-30} is the end of that day in {@code zone} (its last second, so the day printed is the day
         * typed); {@code 2027-04-30T17:00:00+09:00} is that moment; a date-time without offset is in {@code zone}.
         */
        public static Completion parse(String text, ZoneId zone) {
            if (text == null || text.isBlank()) {
                throw KagiException.invalid("error.required", "completion");
            }
            String t = text.strip();
            try {
                if (isDate(t)) {
                    LocalDate day = LocalDate.parse(t);
                    return new Completion(t, day.plusDays(1).atStartOfDay(zone).toInstant().minusSeconds(1));
                }
                try {
                    return new Completion(t, OffsetDateTime.parse(t).toInstant());
                } catch (DateTimeParseException withoutOffset) {
                    return new Completion(t, LocalDateTime.parse(t).atZone(zone).toInstant());
                }
            } catch (DateTimeException e) {
                throw KagiException.invalid("error.campaign.completionFormat", t);
            }
        }
    }

    /** Checks {@code request} against {@code now}; {@code defaultWarning} is the setting's expiry warning window. */
    public static CampaignSettings of(CampaignRequest request, Instant now, ZoneId zone, Duration defaultWarning) {
        if (request == null) {
            throw KagiException.invalid("error.required", "body");
        }
        String name = Inputs.text("name", request.name(), MAX_NAME);
        boolean allDue = Boolean.TRUE.equals(request.allDue());
        List<String> customers = distinct(request.customers());
        if (!allDue && customers.isEmpty()) {
            throw KagiException.invalid("error.campaign.noCustomers");
        }
        Completion completion = Completion.parse(request.completion(), zone);
        if (!completion.at().isAfter(now)) {
            throw KagiException.invalid("error.campaign.completionPast", completion.text());
        }
        List<Duration> reminders = reminders(request.reminders(), completion, now);
        int months = request.validityMonths() == null ? 0 : request.validityMonths();
        if (request.validityMonths() != null && (months < 1 || months > 120)) {
            throw KagiException.invalid("error.validityMonths", "validityMonths");
        }
        Duration warning = request.expiryWarning() == null || request.expiryWarning().isBlank() ? defaultWarning
                : duration("expiryWarning", request.expiryWarning());
        return new CampaignSettings(name, customers, allDue, distinct(request.exclude()), completion, reminders, months,
                warning, wording("reasonJa", request.reasonJa()), wording("reasonEn", request.reasonEn()),
                wording("noteJa", request.noteJa()), wording("noteEn", request.noteEn()));
    }

    /**
     * The reminder steps, longest first, each at most once: each must be a positive duration and fall after now
     * (before the completion by definition), or it would fire at the launch together with the renewal mails.
     */
    static List<Duration> reminders(List<String> texts, Completion completion, Instant now) {
        LinkedHashSet<Duration> steps = new LinkedHashSet<>();
        for (String text : texts == null ? List.<String>of() : texts) {
            if (text == null || text.isBlank()) {
                continue;
            }
            Duration step = duration("reminders", text);
            if (!completion.at().minus(step).isAfter(now)) {
                throw KagiException.invalid("error.campaign.reminderTooEarly", DurationConverter.iso(step),
                        completion.text());
            }
            steps.add(step);
        }
        if (steps.size() > MAX_REMINDERS) {
            throw KagiException.invalid("error.campaign.tooManyReminders", MAX_REMINDERS);
        }
        List<Duration> sorted = new ArrayList<>(steps);
        sorted.sort(Comparator.reverseOrder());
        return List.copyOf(sorted);
    }

    static Duration duration(String field, String text) {
        Duration d;
        try {
            d = Duration.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw KagiException.invalid("error.campaign.duration", field, text.strip());
        }
        if (d.isNegative() || d.isZero()) {
            throw KagiException.invalid("error.campaign.reminderAfterCompletion", field, text.strip());
        }
        return d;
    }

    static String iso(Duration d) {
        return DurationConverter.iso(d);
    }

    private static String wording(String field, String text) {
        return OptionalInputs.text(field, text, MAX_WORDING);
    }

    private static List<String> distinct(List<String> values) {
        if (values == null) {
            return List.of();
        }
        return List.copyOf(new LinkedHashSet<>(values.stream().filter(v -> v != null && !v.isBlank())
                .map(String::strip).toList()));
    }
}
