-- The customer tracking page (oms/tracking.h): an unguessable key per order,
-- so a customer can follow a shipment without an account.
ALTER TABLE orders ADD COLUMN tracking_token TEXT;
-- 32 lower-case hex digits as in SQLite (lower(hex(randomblob(16)))): a random
-- UUID without its dashes (122 random bits).
UPDATE orders SET tracking_token = replace(gen_random_uuid()::text, '-', '') WHERE tracking_token IS NULL;
CREATE UNIQUE INDEX orders_by_tracking_token ON orders (tracking_token);

-- The operations dashboard (oms/dashboard.h) reads today's picks
-- and shipments per hour on every refresh (the open backorders have their
-- index since 0001).
CREATE INDEX stock_moves_by_reason_time ON stock_moves (reason, at_ms);
CREATE INDEX fulfillments_by_shipped_at ON fulfillments (shipped_at_ms) WHERE shipped_at_ms IS NOT NULL;
