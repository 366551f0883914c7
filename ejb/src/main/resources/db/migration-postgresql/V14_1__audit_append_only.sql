-- PostgreSQL only (SchemaMigration adds this location on PostgreSQL): audit records and checkpoints are
-- append-only. The trigger binds every role that does not disable it, the owner included; the REVOKE takes the
-- privileges away from the application's role when it is not a superuser. A superuser or the table owner can
-- still disable the trigger (ALTER TABLE ... DISABLE TRIGGER): the hash chain and the CA-signed checkpoints
-- catch that (GET /api/v1/audit/verify).

CREATE FUNCTION kagi_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'Kagi audit: % on % is refused, the audit log is append-only', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_record_append_only BEFORE UPDATE OR DELETE ON audit_record
    FOR EACH ROW EXECUTE FUNCTION kagi_audit_append_only();
CREATE TRIGGER audit_record_no_truncate BEFORE TRUNCATE ON audit_record
    FOR EACH STATEMENT EXECUTE FUNCTION kagi_audit_append_only();
CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE OR DELETE ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION kagi_audit_append_only();
CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION kagi_audit_append_only();

REVOKE UPDATE, DELETE, TRUNCATE ON audit_record, audit_checkpoint FROM PUBLIC, CURRENT_USER;
