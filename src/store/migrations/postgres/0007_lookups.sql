-- A thing's history from the event log (GET /events?subject=order:42): the
-- order page's timeline reads it without scanning the log.
CREATE INDEX events_by_subject ON events (subject, seq);

-- Stored Idempotency-Key answers are kept 24 hours; the sweep that deletes
-- older ones reads this index (api/handler_kit.h).
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at_ms);
