package jp.kagi.customer;

/**
 * A change to a customer's policy; a null field keeps its current value. Durations are ISO-8601 (P30D, PT90S), the
 * renewal cadence ISO-8601 periods (P1Y, P3Y).
 */
public record PolicyChange(String lockAfterIssuance, String lockAfterRetrieval, String keyType, Boolean legacyPkcs12,
                           Integer firstValidityMonths, Integer renewalValidityMonths, String firstRenewalAfter,
                           String renewalEvery) {

    /** A change of the certificate and retrieval policy alone, the renewal cadence kept. */
    public PolicyChange(String lockAfterIssuance, String lockAfterRetrieval, String keyType, Boolean legacyPkcs12,
                        Integer firstValidityMonths, Integer renewalValidityMonths) {
        this(lockAfterIssuance, lockAfterRetrieval, keyType, legacyPkcs12, firstValidityMonths, renewalValidityMonths,
                null, null);
    }
}
