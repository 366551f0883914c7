package jp.kagi.customer;

/**
 * A change to a customer's policy; a null field keeps its current value. Durations are ISO-8601 (P30D, PT90S), the
 * renewal cadence ISO-8601 periods (P1Y, P3Y). One constructor only: JSON-B binds a record through it.
 */
public record PolicyChange(String lockAfterIssuance, String lockAfterRetrieval, String keyType, Boolean legacyPkcs12,
                           Integer firstValidityMonths, Integer renewalValidityMonths, String firstRenewalAfter,
                           String renewalEvery) {
}
