package jp.kagi.customer;

import java.time.Instant;

/** A customer as callers see it (REST, screens). */
public record CustomerView(String name, String contactEmail, boolean active, String lockAfterIssuance,
                           String lockAfterRetrieval, String keyType, boolean legacyPkcs12, int firstValidityMonths,
                           int renewalValidityMonths, Instant createdAt) {
}
