package jp.kagi.platform;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.time.Duration;

/** Stores durations as ISO-8601 text (P30D, PT90S): readable in the database and identical on H2 and PostgreSQL. */
@Converter
public class DurationConverter implements AttributeConverter<Duration, String> {

    @Override
    public String convertToDatabaseColumn(Duration duration) {
        return duration == null ? null : iso(duration);
    }

    /** ISO-8601 as people write it: P30D rather than Java's PT720H, P3D rather than PT72H. */
    public static String iso(Duration duration) {
        long seconds = duration.getSeconds();
        if (duration.getNano() == 0 && seconds > 0 && seconds % 86_400 == 0) {
            return "P" + seconds / 86_400 + "D";
        }
        return duration.toString();
    }

    @Override
    public Duration convertToEntityAttribute(String text) {
        return text == null ? null : Duration.parse(text);
    }
}
