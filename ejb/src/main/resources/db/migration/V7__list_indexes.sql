-- Lists at a million rows (issue 5; measured by ListPagingBenchmarkIT, numbers in docs/performance.md). Plain B-tree
-- indexes, the same SQL on H2 and PostgreSQL. Each replaces or complements one that could not serve the query alone.

-- Certificates of a customer, newest first, and their ids for counting and joining without reading the table.
CREATE INDEX ix_certificate_customer_id ON client_certificate (customer_id, id);

-- Requests by status with their certificate: counts by retrieval status and the join to the certificates come from
-- the index alone. Replaces the status-only index, which this one covers.
CREATE INDEX ix_request_status_certificate ON retrieval_request (status, certificate_id);
DROP INDEX ix_request_status;

-- The audit log's order (newest first, id breaking ties) as one index, so a page is a walk along it instead of a
-- sort. Replaces the index on occurred_at alone, which this one covers.
CREATE INDEX ix_audit_occurred_id ON audit_record (occurred_at, id);
DROP INDEX ix_audit_occurred;
