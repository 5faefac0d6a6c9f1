-- A thing's history from the event log (GET /events?subject=order:42): the
-- order page's timeline reads it without scanning the log.
CREATE INDEX events_by_subject ON events (subject, seq);
