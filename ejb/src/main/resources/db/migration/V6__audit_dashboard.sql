-- Audit log viewer, dashboard and certificate search: indexes so that filtering stays fast on large tables.
-- Plain B-tree indexes only, so the same SQL runs on H2 and PostgreSQL.

-- The viewer filters by one of these columns and orders newest first: (column, occurred_at) serves both.
CREATE INDEX ix_audit_actor ON audit_record (actor, occurred_at);
CREATE INDEX ix_audit_action ON audit_record (action, occurred_at);
CREATE INDEX ix_audit_source ON audit_record (source_address, occurred_at);

-- Certificate search by CN, exact (dsca00012) or by prefix (dsca0001).
CREATE INDEX ix_certificate_common_name ON client_certificate (common_name);
