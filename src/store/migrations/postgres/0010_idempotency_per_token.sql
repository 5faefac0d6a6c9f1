-- Idempotency-Key answers are kept per token, not per token name. Names are
-- not unique (two tokens may share one; a revoked token and its successor
-- often do), so a token could replay another's key and get its answer. The
-- token is now its hash, the key of api_tokens.
--
-- Stored answers of a name only one token ever had move to that token; those
-- of a name several tokens share cannot be told apart and are dropped (an
-- answer is kept 24 hours at most anyway: a retry across the upgrade with
-- such a key is done afresh).
CREATE TEMP TABLE idempotency_answers_moving AS
SELECT t.token_hash, k.idempotency_key, k.request_hash, k.status, k.response_body, k.created_at_ms
FROM idempotency_keys k JOIN api_tokens t ON t.name = k.token_name
WHERE (SELECT COUNT(*) FROM api_tokens u WHERE u.name = k.token_name) = 1;

DROP TABLE idempotency_keys;

-- api/ idempotency for writes with an Idempotency-Key header, per token.
CREATE TABLE idempotency_keys (
  token_hash TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status BIGINT NOT NULL,
  response_body TEXT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  PRIMARY KEY (token_hash, idempotency_key)
);
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at_ms);

INSERT INTO idempotency_keys (token_hash, idempotency_key, request_hash, status, response_body,
                              created_at_ms)
SELECT token_hash, idempotency_key, request_hash, status, response_body, created_at_ms
FROM idempotency_answers_moving;

DROP TABLE idempotency_answers_moving;
