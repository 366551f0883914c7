package jp.kagi.customer;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.time.Duration;
import jp.kagi.ca.KeyType;
import jp.kagi.platform.DurationConverter;
import jp.kagi.platform.KagiException;

/** A customer's certificate and retrieval policy (SPEC.md defaults: 30 days, 3 days, RSA-2048, 13 and 37 months). */
@Embeddable
public class CustomerPolicy {

    public static final Duration DEFAULT_LOCK_AFTER_ISSUANCE = Duration.ofDays(30);
    public static final Duration DEFAULT_LOCK_AFTER_RETRIEVAL = Duration.ofDays(3);

    @Convert(converter = DurationConverter.class)
    @Column(name = "lock_after_issuance", nullable = false)
    private Duration lockAfterIssuance;

    @Convert(converter = DurationConverter.class)
    @Column(name = "lock_after_retrieval", nullable = false)
    private Duration lockAfterRetrieval;

    @Enumerated(EnumType.STRING)
    @Column(name = "key_type", nullable = false)
    private KeyType keyType;

    @Column(name = "legacy_pkcs12", nullable = false)
    private boolean legacyPkcs12;

    @Column(name = "first_validity_months", nullable = false)
    private int firstValidityMonths;

    @Column(name = "renewal_validity_months", nullable = false)
    private int renewalValidityMonths;

    protected CustomerPolicy() {
    }

    public CustomerPolicy(Duration lockAfterIssuance, Duration lockAfterRetrieval, KeyType keyType,
                          boolean legacyPkcs12, int firstValidityMonths, int renewalValidityMonths) {
        this.lockAfterIssuance = positive("lockAfterIssuance", lockAfterIssuance);
        this.lockAfterRetrieval = positive("lockAfterRetrieval", lockAfterRetrieval);
        this.keyType = keyType;
        this.legacyPkcs12 = legacyPkcs12;
        this.firstValidityMonths = months("firstValidityMonths", firstValidityMonths);
        this.renewalValidityMonths = months("renewalValidityMonths", renewalValidityMonths);
    }

    public static CustomerPolicy defaults() {
        return new CustomerPolicy(DEFAULT_LOCK_AFTER_ISSUANCE, DEFAULT_LOCK_AFTER_RETRIEVAL, KeyType.RSA_2048, false, 13, 37);
    }

    private static Duration positive(String field, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw KagiException.invalid("error.positiveDuration", field);
        }
        return d;
    }

    private static int months(String field, int months) {
        if (months < 1 || months > 120) {
            throw KagiException.invalid("error.validityMonths", field);
        }
        return months;
    }

    public Duration lockAfterIssuance() {
        return lockAfterIssuance;
    }

    public Duration lockAfterRetrieval() {
        return lockAfterRetrieval;
    }

    public KeyType keyType() {
        return keyType;
    }

    public boolean legacyPkcs12() {
        return legacyPkcs12;
    }

    public int firstValidityMonths() {
        return firstValidityMonths;
    }

    public int renewalValidityMonths() {
        return renewalValidityMonths;
    }
}
