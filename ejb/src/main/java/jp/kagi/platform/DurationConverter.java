package jp.kagi.platform;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.time.Duration;

/** Stores durations as ISO-8601 text (P30D, PT90S): readable in the database and identical on H2 and PostgreSQL. */
@Converter
public class DurationConverter implements AttributeConverter<Duration, String> {

    @Override
    public String convertToDatabaseColumn(Duration duration) {
        return duration == null ? null : duration.toString();
    }

    @Override
    public Duration convertToEntityAttribute(String text) {
        return text == null ? null : Duration.parse(text);
    }
}
