package jp.kagi.customer;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embeddable;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import jp.kagi.platform.KagiException;
import jp.kagi.platform.PeriodConverter;

/**
 * When a customer's users are due for renewal (seed, second edition): the first renewal {@code P1Y} after the first
 * certificate, then every {@code P3Y}. Periods, not durations: a year is a calendar year in the CA's zone.
 */
@Embeddable
public class RenewalCadence {

    public static final Period DEFAULT_FIRST = Period.ofYears(1);
    public static final Period DEFAULT_EVERY = Period.ofYears(3);

    @Convert(converter = PeriodConverter.class)
    @Column(name = "first_renewal_after", nullable = false)
    private Period firstRenewalAfter;

    @Convert(converter = PeriodConverter.class)
    @Column(name = "renewal_every", nullable = false)
    private Period renewalEvery;

    protected RenewalCadence() {
    }

    public RenewalCadence(Period firstRenewalAfter, Period renewalEvery) {
        this.firstRenewalAfter = positive("firstRenewalAfter", firstRenewalAfter);
        this.renewalEvery = positive("renewalEvery", renewalEvery);
    }

    public static RenewalCadence defaults() {
        return new RenewalCadence(DEFAULT_FIRST, DEFAULT_EVERY);
    }

    /** Parses an ISO-8601 period as an admin types it (P1Y, P18M, P3Y); a blank keeps {@code current}. */
    static Period parse(String field, String text, Period current) {
        if (text == null || text.isBlank()) {
            return current;
        }
        try {
            return positive(field, Period.parse(text.strip()));
        } catch (DateTimeParseException e) {
            throw KagiException.invalid("error.period", field);
        }
    }

    private static Period positive(String field, Period p) {
        if (p == null || p.isNegative() || p.isZero() || p.toTotalMonths() > 240) {
            throw KagiException.invalid("error.period", field);
        }
        return p;
    }

    public Period firstRenewalAfter() {
        return firstRenewalAfter == null ? DEFAULT_FIRST : firstRenewalAfter;
    }

    public Period renewalEvery() {
        return renewalEvery == null ? DEFAULT_EVERY : renewalEvery;
    }

    /**
     * When an account whose newest certificate was issued at {@code issuedAt} is due: after the first period if that
     * certificate is its first, else after the regular one.
     */
    public Instant dueAt(Instant issuedAt, boolean firstCertificate, ZoneId zone) {
        return issuedAt.atZone(zone).plus(firstCertificate ? firstRenewalAfter() : renewalEvery()).toInstant();
    }

    /** The latest issue time that is due by {@code horizon}: the inverse of {@link #dueAt}, for a query. */
    public Instant issuedBy(Instant horizon, boolean firstCertificate, ZoneId zone) {
        return horizon.atZone(zone).minus(firstCertificate ? firstRenewalAfter() : renewalEvery()).toInstant();
    }
}
