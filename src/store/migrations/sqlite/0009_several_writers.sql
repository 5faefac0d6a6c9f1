-- What several server processes writing to one database need of the schema.

-- wms/ counts: the ledger's quantities at the location when the current
-- attempt started, taken in one statement (one consistent view of committed
-- stock). A count's expected figures come from here: a move committed after
-- the start is after it, whatever its id (ids from a sequence are not in
-- commit order when several processes write). start_move_id stays as a
-- record of the ledger position.
CREATE TABLE count_baselines (
  count_id BIGINT NOT NULL REFERENCES counts(id),
  product_id BIGINT NOT NULL,
  lot TEXT NOT NULL,
  on_hand BIGINT NOT NULL,
  PRIMARY KEY (count_id, product_id, lot)
);

-- Counts under way when this migration runs get the baseline their
-- start_move_id gave: today's balance with the later moves undone.
INSERT INTO count_baselines (count_id, product_id, lot, on_hand)
SELECT count_id, product_id, lot, SUM(quantity) FROM (
  SELECT c.id AS count_id, b.product_id, b.lot, b.on_hand AS quantity
  FROM counts c JOIN stock_balances b ON b.location_id = c.location_id
  WHERE c.status = 'counting'
  UNION ALL
  SELECT c.id, m.product_id, m.lot,
         CASE WHEN m.to_location_id = c.location_id THEN -m.quantity ELSE m.quantity END
  FROM counts c JOIN stock_moves m
    ON (m.to_location_id = c.location_id OR m.from_location_id = c.location_id)
   AND m.id > COALESCE(c.start_move_id, 0)
  WHERE c.status = 'counting'
) AS undone
GROUP BY count_id, product_id, lot
HAVING SUM(quantity) <> 0;

-- wms/ counts: one open count per location, kept by the database (a second
-- process's count of the same location cannot slip past the check).
CREATE UNIQUE INDEX counts_one_open_per_location ON counts (location_id)
  WHERE status IN ('open', 'counting', 'recount', 'needs_approval');

-- store/ leases: a named claim on work that must run once across all server
-- processes (a forecast refresh of a warehouse), held until released or until
-- it expires, so a process that died does not hold it for ever.
CREATE TABLE leases (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  expires_at_ms BIGINT NOT NULL
);
