-- Staff account lifecycle (issue 12/staff): a password someone else chose (the generated bootstrap password, or a
-- CA admin's reset) must be changed by its owner at the next sign-in before anything else works. Existing users
-- keep working as they do (FALSE).
ALTER TABLE admin_user ADD COLUMN must_change_password BOOLEAN DEFAULT FALSE NOT NULL;
