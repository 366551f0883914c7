-- Lists at a million rows on H2 as well (issue 13; measured on 1M certificates, docs/performance.md "13/lists"). H2
-- answers a combined filter by walking one index and reading each row it finds from the table; an index that holds
-- every column of the filter, customer first, leaves it only the matching rows to read. Plain B-tree indexes, the
-- same SQL on H2 and PostgreSQL (where they also let the combined counts come from the index alone).

-- Customer + status (ISSUED / REVOKED: not yet expired) + expiry window. Replaces (customer_id, status), its prefix.
CREATE INDEX ix_certificate_customer_status_after ON client_certificate (customer_id, status, not_after);
DROP INDEX ix_certificate_customer_status;

-- Customer + expiry window or EXPIRED, and customer + retrieval status + window (the request joined per certificate).
CREATE INDEX ix_certificate_customer_after ON client_certificate (customer_id, not_after);

-- Customer + CN prefix. id last so that PostgreSQL sorts the page's ids from the index alone.
CREATE INDEX ix_certificate_customer_cn ON client_certificate (customer_id, common_name, id);

-- CN prefix: the same, so that a prefix's page is read from the index alone (CertificateQuery.pageOrder). Replaces
-- the CN-only index of V6, its prefix.
CREATE INDEX ix_certificate_cn_id ON client_certificate (common_name, id);
DROP INDEX ix_certificate_common_name;
