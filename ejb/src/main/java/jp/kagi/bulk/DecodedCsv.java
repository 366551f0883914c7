package jp.kagi.bulk;

import java.util.List;

/** An uploaded CSV file, decoded: the encoding it was read in and its records (blank lines left out). */
public record DecodedCsv(String encoding, List<CsvRecord> records) {

    public DecodedCsv {
        records = List.copyOf(records);
    }
}
