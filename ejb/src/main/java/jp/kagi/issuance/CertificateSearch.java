package jp.kagi.issuance;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Pattern;
import jp.kagi.platform.IsoDates;
import jp.kagi.platform.KagiException;

/**
 * The certificate list's search: customer, status, CN and expiry. A CN ending in at least five digits
 * (dsca00012) is matched exactly, anything shorter (dsca0001, dsca) as a prefix. The expiry window "within N days"
 * keeps certificates not yet expired whose notAfter is at most N days away; the expiry dates are whole days in the
 * CA team's time zone, both included. Blank fields mean "any".
 */
public record CertificateSearch(String customer, String status, String cn, Integer expiresWithinDays,
                                LocalDate expiresFrom, LocalDate expiresTo) implements Serializable {

    public static final int MAX_DAYS = 3650;
    public static final CertificateSearch ANY = new CertificateSearch(null, null, null, null, null, null);

    private static final Pattern CN = Pattern.compile("[a-z0-9]{1,64}");
    private static final Pattern FULL_CN = Pattern.compile(".*[0-9]{5}");

    public CertificateSearch {
        customer = blankToNull(customer);
        status = blankToNull(status) == null ? null : status.strip().toUpperCase(Locale.ROOT);
        cn = blankToNull(cn) == null ? null : cn.strip().toLowerCase(Locale.ROOT); // CN prefixes are lower-case
        if (cn != null && !CN.matcher(cn).matches()) {
            throw KagiException.invalid("error.cn", cn);
        }
        if (expiresWithinDays != null && (expiresWithinDays < 1 || expiresWithinDays > MAX_DAYS)) {
            throw KagiException.invalid("error.expiresWithinDays", MAX_DAYS);
        }
        if (expiresFrom != null && expiresTo != null && expiresFrom.isAfter(expiresTo)) {
            throw KagiException.invalid("error.dateRange", expiresFrom, expiresTo);
        }
    }

    /** Parses the search as screens and the REST API receive it (text; days as a whole number; ISO dates). */
    public static CertificateSearch of(String customer, String status, String cn, String expiresWithinDays,
                                       String expiresFrom, String expiresTo) {
        return new CertificateSearch(customer, status, cn, days(expiresWithinDays), IsoDates.parse(expiresFrom),
                IsoDates.parse(expiresTo));
    }

    /** True when {@link #cn()} names one certificate rather than a prefix. */
    public boolean exactCn() {
        return cn != null && FULL_CN.matcher(cn).matches();
    }

    static Integer days(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw KagiException.invalid("error.expiresWithinDays", MAX_DAYS);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
