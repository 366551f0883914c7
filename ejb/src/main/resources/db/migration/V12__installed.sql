-- Issue 11: the first successful self-test of a certificate on 8444 makes it "installed", a state next to
-- "retrieved". Written once (the update's "where installed_at is null" keeps the first), never cleared. The same SQL
-- on H2 and PostgreSQL.
ALTER TABLE client_certificate ADD COLUMN installed_at TIMESTAMP WITH TIME ZONE;

-- The self-test asks for the newer valid certificates of the presented one's account: by account and number, a short
-- walk along one index. ix_certificate_account (account_id alone) stays: H2 holds the account foreign key by it.
CREATE INDEX ix_certificate_account_number ON client_certificate (account_id, cn_number);
