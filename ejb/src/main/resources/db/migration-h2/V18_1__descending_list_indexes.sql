-- H2 only (issue 13, lists at 1M; PostgreSQL walks any B-tree index backwards and needs none of these). H2 reads an
-- index in its own direction only, so "newest first" (ORDER BY id DESC) could not stop after one page: it read and
-- sorted every row (28 s for the unfiltered certificate list's first page at 400,000 rows on a loaded machine, 28 ms
-- with the first index below). Each index here is the descending twin of an order a list pages in. H2 uses one only
-- when no filter picks another index: an equality before the order ((customer_id, id DESC)) did not stop it early.

-- The certificate list, newest first, unfiltered or filtered by conditions no index serves (retrieval status).
CREATE INDEX ix_certificate_id_desc ON client_certificate (id DESC);

-- The audit log, newest first (occurred_at, then id).
CREATE INDEX ix_audit_occurred_id_desc ON audit_record (occurred_at DESC, id DESC);
