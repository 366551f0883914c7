-- Revocation (RFC 5280): when and why a certificate was revoked, for the CRL.
ALTER TABLE client_certificate ADD COLUMN revoked_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE client_certificate ADD COLUMN revocation_reason VARCHAR(32);
CREATE INDEX ix_certificate_revoked ON client_certificate (status, revoked_at);
