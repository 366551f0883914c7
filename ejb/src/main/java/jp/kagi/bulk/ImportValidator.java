package jp.kagi.bulk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import jp.kagi.bulk.ImportColumns.Column;
import jp.kagi.platform.Inputs;
import jp.kagi.platform.KagiException;

/**
 * Checks every data row of an import the way opening the account one by one would, plus what only a file can get
 * wrong: a row with the wrong number of fields, an e-mail address twice in the file. Writes nothing.
 */
public final class ImportValidator {

    /** What the checks need to know about customers; answered from the database, or by a test. */
    public interface Customers {

        /** Whether the customer exists and is active, or null if there is no such customer. */
        Boolean active(String name);

        /** The e-mail keys (lower case) of the customer's existing accounts. */
        Set<String> emailKeys(String name);
    }

    private final Predicate<String> mayChange;
    private final Customers customers;
    private final Map<String, Set<String>> existing = new HashMap<>();
    private final Map<String, Optional<Boolean>> states = new HashMap<>(); // one look-up per customer, not per row

    /** {@code mayChange}: whether the importing admin may open accounts at a customer (operators: only theirs). */
    public ImportValidator(Predicate<String> mayChange, Customers customers) {
        this.mayChange = mayChange;
        this.customers = customers;
    }

    public List<RowCheck> check(List<CsvRecord> records, ImportColumns columns) {
        List<RowCheck> checks = new ArrayList<>(records.size());
        Map<String, Integer> seen = new HashMap<>(); // customer + e-mail key -> first line
        for (CsvRecord record : records) {
            checks.add(check(record, columns, seen));
        }
        return checks;
    }

    private RowCheck check(CsvRecord record, ImportColumns columns, Map<String, Integer> seen) {
        String customer = columns.value(record, Column.CUSTOMER);
        String email = columns.value(record, Column.EMAIL);
        String name = columns.value(record, Column.DISPLAY_NAME);
        String language = columns.value(record, Column.LANGUAGE);
        if (record.problem() != null) {
            return rejected(record.line(), customer, email, name, language, record.problem());
        }
        if (!columns.fits(record)) {
            return rejected(record.line(), customer, email, name, language, "error.import.fieldCount",
                    record.fields().size(), columns.width());
        }
        try {
            String ou = Inputs.text("customer", customer, Inputs.MAX_NAME);
            String address = Inputs.email("email", email);
            String displayName = Inputs.text("displayName", name, Inputs.MAX_DISPLAY_NAME);
            String lang = Inputs.language("language", language);
            Boolean active = mayChange.test(ou)
                    ? states.computeIfAbsent(ou, c -> Optional.ofNullable(customers.active(c))).orElse(null)
                    : null;
            if (active == null) {
                throw KagiException.notFound("error.customerUnknown", ou); // another's customer looks unknown too
            }
            if (!active) {
                throw KagiException.invalid("error.customerInactive", ou);
            }
            String key = address.toLowerCase(Locale.ROOT);
            if (existing.computeIfAbsent(ou, customers::emailKeys).contains(key)) {
                throw KagiException.conflict("error.accountExists", address, ou);
            }
            Integer first = seen.putIfAbsent(ou + "\n" + key, record.line());
            if (first != null) {
                throw KagiException.conflict("error.import.duplicate", address, String.valueOf(first)); // text: no "1,002"
            }
            return new RowCheck(record.line(), ou, address, displayName, lang, null, List.of());
        } catch (KagiException e) {
            return new RowCheck(record.line(), customer, email, name, language, e.messageKey(), e.arguments());
        }
    }

    private static RowCheck rejected(int line, String customer, String email, String name, String language,
                                     String problem, Object... arguments) {
        return new RowCheck(line, customer, email, name, language, problem, List.of(arguments));
    }
}
