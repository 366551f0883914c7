-- Customer editing: a contact person and phone, and per-customer overrides of the global mail settings (support
-- desk name, phone, hours, manual URL). NULL means "use the global setting", so existing rows need no backfill.
ALTER TABLE customer ADD COLUMN contact_name VARCHAR(128);
ALTER TABLE customer ADD COLUMN contact_phone VARCHAR(40);
ALTER TABLE customer ADD COLUMN mail_support_name VARCHAR(128);
ALTER TABLE customer ADD COLUMN mail_support_phone VARCHAR(40);
ALTER TABLE customer ADD COLUMN mail_support_hours VARCHAR(200);
ALTER TABLE customer ADD COLUMN mail_manual_url VARCHAR(500);
