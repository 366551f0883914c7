-- Issue 12/sealing: each pending private key is sealed under its own data key (DEK); the DEK, wrapped by the
-- key-encryption key (KEK) of version kek_version, is the only row of key_vault that can open it. Locking a request
-- deletes the row (crypto-shredding), so neither the live database nor a backup taken after the lock can open the
-- key, even with the KEK. The id is random (not the request's id), so the table says nothing about whose key it is.
-- Rows sealed before this version keep their KEK-sealed key and no data_key_id: the application still reads them,
-- and the KEK rotation job re-seals them under new DEKs (docs/security.md, 12/sealing). Same SQL on H2 and PostgreSQL.
CREATE TABLE key_vault (
    id            VARCHAR(32) PRIMARY KEY,
    kek_version   INT         NOT NULL,
    wrapped_key   BYTEA       NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    rewrapped_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_key_vault_kek_version ON key_vault (kek_version);

ALTER TABLE retrieval_request ADD COLUMN data_key_id VARCHAR(32) REFERENCES key_vault (id);
CREATE UNIQUE INDEX ux_request_data_key ON retrieval_request (data_key_id);
