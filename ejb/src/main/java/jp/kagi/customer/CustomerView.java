package jp.kagi.customer;

import java.time.Instant;

/**
 * A customer as callers see it (REST, screens). The support and manual fields are this customer's mail overrides;
 * null means its mails use the global setting.
 */
public record CustomerView(String name, String contactEmail, boolean active, String lockAfterIssuance,
                           String lockAfterRetrieval, String keyType, boolean legacyPkcs12, int firstValidityMonths,
                           int renewalValidityMonths, Instant createdAt, String contactName, String contactPhone,
                           String supportName, String supportPhone, String supportHours, String manualUrl,
                           String firstRenewalAfter, String renewalEvery) {
}
