package jp.kagi.bulk;

import java.util.List;

/**
 * One record of an uploaded CSV file: the physical line it starts on and its fields. {@code problem} names what kept
 * the record from being read (a message key), or is null.
 */
public record CsvRecord(int line, List<String> fields, String problem) {

    public CsvRecord {
        fields = List.copyOf(fields);
    }

    boolean isBlank() {
        return problem == null && fields.stream().allMatch(String::isBlank);
    }
}
