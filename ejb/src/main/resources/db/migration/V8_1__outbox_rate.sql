-- Mail rate (issue 9): the sender takes the due mails oldest first,
--   WHERE status = 'PENDING' AND next_attempt_at <= :now ORDER BY id (50 at a time),
-- while a campaign may leave tens of thousands pending. This index walks the pending mails in id order and checks
-- next_attempt_at from the index itself, so a batch reads about 50 entries instead of sorting every due mail; sent
-- and failed mails are never touched. It replaces ix_outbox_due (status, next_attempt_at), which served the old
-- order (next attempt first) and nothing else, so that no planner picks it and sorts.
-- Numbered 8.1 because V8 is taken by a parallel change; plain SQL, the same on H2 and PostgreSQL.
CREATE INDEX ix_outbox_pending_id ON outbox_mail (status, id, next_attempt_at);
DROP INDEX ix_outbox_due;
