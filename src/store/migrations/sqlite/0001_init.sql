-- Wareflow schema, version 1. Quantities and money are 64-bit integers (money in
-- minor units), times are UTC epoch milliseconds, ids are made by the application.
-- Each table has one owning module (docs/architecture.md).

-- catalog/ ------------------------------------------------------------------
CREATE TABLE products (
  id INTEGER PRIMARY KEY,
  sku TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  weight_g BIGINT NOT NULL,
  length_mm BIGINT NOT NULL,
  width_mm BIGINT NOT NULL,
  height_mm BIGINT NOT NULL,
  tracking TEXT NOT NULL CHECK (tracking IN ('none', 'lot')),
  shelf_life_days BIGINT,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL
);

CREATE TABLE product_barcodes (
  barcode TEXT PRIMARY KEY,
  product_id BIGINT NOT NULL REFERENCES products(id)
);
CREATE INDEX product_barcodes_by_product ON product_barcodes (product_id);

-- wms/ layout -----------------------------------------------------------------
CREATE TABLE warehouses (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  address_json TEXT NOT NULL,
  country TEXT,
  latitude DOUBLE PRECISION,
  longitude DOUBLE PRECISION,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL
);

-- Physical locations and, per warehouse, the virtual ones (type 'virtual',
-- code 'virtual:supplier' ...) that stand for the world outside the shelves.
CREATE TABLE locations (
  id INTEGER PRIMARY KEY,
  warehouse_id BIGINT NOT NULL REFERENCES warehouses(id),
  code TEXT NOT NULL,
  type TEXT NOT NULL,
  zone TEXT,
  aisle BIGINT,
  bay BIGINT,
  level BIGINT,
  x_mm BIGINT,
  y_mm BIGINT,
  max_volume_cm3 BIGINT,
  max_weight_g BIGINT,
  allocatable BIGINT NOT NULL,
  UNIQUE (warehouse_id, code)
);

-- inventory/ ------------------------------------------------------------------
-- The ledger: append-only; every quantity change is a move between two locations.
CREATE TABLE stock_moves (
  id INTEGER PRIMARY KEY,
  at_ms BIGINT NOT NULL,
  warehouse_id BIGINT NOT NULL,
  product_id BIGINT NOT NULL REFERENCES products(id),
  lot TEXT NOT NULL,
  from_location_id BIGINT NOT NULL REFERENCES locations(id),
  to_location_id BIGINT NOT NULL REFERENCES locations(id),
  quantity BIGINT NOT NULL CHECK (quantity > 0),
  reason TEXT NOT NULL,
  ref_type TEXT,
  ref_id BIGINT
);
CREATE INDEX stock_moves_by_product ON stock_moves (product_id, id);

-- Lots of lot-tracked products, with their expiry.
CREATE TABLE lots (
  product_id BIGINT NOT NULL REFERENCES products(id),
  lot TEXT NOT NULL,
  expiry_ms BIGINT,
  created_at_ms BIGINT NOT NULL,
  PRIMARY KEY (product_id, lot)
);

-- Balance per (product, location, lot): a projection of the ledger, written in
-- the same transaction as the move. Virtual locations go negative by design.
CREATE TABLE stock_balances (
  product_id BIGINT NOT NULL,
  location_id BIGINT NOT NULL,
  lot TEXT NOT NULL,
  warehouse_id BIGINT NOT NULL,
  on_hand BIGINT NOT NULL,
  reserved BIGINT NOT NULL,
  expiry_ms BIGINT,
  first_in_ms BIGINT NOT NULL,
  PRIMARY KEY (product_id, location_id, lot)
);
CREATE INDEX stock_balances_by_warehouse ON stock_balances (warehouse_id, product_id);

-- Warehouse-level availability (the OMS's view): stock in allocatable
-- locations and how much of it orders hold. Allocation is one conditional
-- UPDATE on this row, so concurrent orders cannot oversell.
CREATE TABLE stock_levels (
  warehouse_id BIGINT NOT NULL,
  product_id BIGINT NOT NULL,
  on_hand BIGINT NOT NULL,
  allocated BIGINT NOT NULL,
  PRIMARY KEY (warehouse_id, product_id)
);
CREATE INDEX stock_levels_by_product ON stock_levels (product_id);

-- oms/ --------------------------------------------------------------------------
CREATE TABLE channels (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  created_at_ms BIGINT NOT NULL
);

CREATE TABLE customers (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  phone TEXT,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL
);

CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  channel_id BIGINT NOT NULL REFERENCES channels(id),
  channel_order_id TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  customer_id BIGINT NOT NULL REFERENCES customers(id),
  ship_to_json TEXT NOT NULL,
  ship_to_country TEXT NOT NULL,
  ship_to_latitude DOUBLE PRECISION,
  ship_to_longitude DOUBLE PRECISION,
  priority BIGINT NOT NULL,
  ship_by_ms BIGINT,
  hold_reason TEXT,
  status TEXT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  UNIQUE (channel_id, channel_order_id)
);
CREATE INDEX orders_by_status ON orders (status, id);

-- I6: quantity = Σ fulfillment lines (allocated + picked + packed + shipped)
--                + backordered + cancelled.
CREATE TABLE order_lines (
  id INTEGER PRIMARY KEY,
  order_id BIGINT NOT NULL REFERENCES orders(id),
  line_no BIGINT NOT NULL,
  product_id BIGINT NOT NULL REFERENCES products(id),
  quantity BIGINT NOT NULL CHECK (quantity > 0),
  unit_price_minor BIGINT,
  currency TEXT,
  backordered BIGINT NOT NULL CHECK (backordered >= 0),
  cancelled BIGINT NOT NULL CHECK (cancelled >= 0)
);
CREATE INDEX order_lines_by_order ON order_lines (order_id);
CREATE INDEX order_lines_backordered ON order_lines (product_id) WHERE backordered > 0;

-- wms/ fulfillment -------------------------------------------------------------
CREATE TABLE fulfillments (
  id INTEGER PRIMARY KEY,
  order_id BIGINT NOT NULL,
  warehouse_id BIGINT NOT NULL REFERENCES warehouses(id),
  status TEXT NOT NULL,
  priority BIGINT NOT NULL,
  ship_by_ms BIGINT,
  wave_id BIGINT,
  carrier TEXT,
  service TEXT,
  tracking_number TEXT,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  shipped_at_ms BIGINT,
  delivered_at_ms BIGINT
);
CREATE INDEX fulfillments_by_order ON fulfillments (order_id);
CREATE INDEX fulfillments_by_status ON fulfillments (warehouse_id, status, priority, ship_by_ms);

-- Per line: quantity = allocated + picked + packed + shipped.
CREATE TABLE fulfillment_lines (
  id INTEGER PRIMARY KEY,
  fulfillment_id BIGINT NOT NULL REFERENCES fulfillments(id),
  order_line_id BIGINT NOT NULL,
  product_id BIGINT NOT NULL REFERENCES products(id),
  quantity BIGINT NOT NULL CHECK (quantity >= 0),
  allocated BIGINT NOT NULL CHECK (allocated >= 0),
  picked BIGINT NOT NULL CHECK (picked >= 0),
  packed BIGINT NOT NULL CHECK (packed >= 0),
  shipped BIGINT NOT NULL CHECK (shipped >= 0)
);
CREATE INDEX fulfillment_lines_by_fulfillment ON fulfillment_lines (fulfillment_id);
CREATE INDEX fulfillment_lines_by_order_line ON fulfillment_lines (order_line_id);

CREATE TABLE waves (
  id INTEGER PRIMARY KEY,
  warehouse_id BIGINT NOT NULL REFERENCES warehouses(id),
  created_at_ms BIGINT NOT NULL
);

CREATE TABLE pick_lists (
  id INTEGER PRIMARY KEY,
  wave_id BIGINT NOT NULL REFERENCES waves(id),
  warehouse_id BIGINT NOT NULL,
  status TEXT NOT NULL,
  created_at_ms BIGINT NOT NULL
);
CREATE INDEX pick_lists_by_wave ON pick_lists (wave_id);

-- A pick list line reserves `quantity` at one location and lot for one
-- fulfillment line; reserved there = quantity - picked - short while open.
CREATE TABLE pick_lines (
  id INTEGER PRIMARY KEY,
  pick_list_id BIGINT NOT NULL REFERENCES pick_lists(id),
  sequence BIGINT NOT NULL,
  fulfillment_line_id BIGINT NOT NULL REFERENCES fulfillment_lines(id),
  fulfillment_id BIGINT NOT NULL,
  product_id BIGINT NOT NULL,
  location_id BIGINT NOT NULL REFERENCES locations(id),
  lot TEXT NOT NULL,
  -- where picked units go (the packing location), and leave from when shipped
  to_location_id BIGINT NOT NULL REFERENCES locations(id),
  quantity BIGINT NOT NULL CHECK (quantity > 0),
  picked BIGINT NOT NULL CHECK (picked >= 0),
  short BIGINT NOT NULL CHECK (short >= 0),
  status TEXT NOT NULL
);
CREATE INDEX pick_lines_by_list ON pick_lines (pick_list_id, sequence);
CREATE INDEX pick_lines_by_fulfillment ON pick_lines (fulfillment_id);

CREATE TABLE packages (
  id INTEGER PRIMARY KEY,
  fulfillment_id BIGINT NOT NULL REFERENCES fulfillments(id),
  box TEXT,
  weight_g BIGINT,
  created_at_ms BIGINT NOT NULL
);
CREATE INDEX packages_by_fulfillment ON packages (fulfillment_id);

CREATE TABLE package_items (
  package_id BIGINT NOT NULL REFERENCES packages(id),
  product_id BIGINT NOT NULL,
  quantity BIGINT NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (package_id, product_id)
);

-- events/ -------------------------------------------------------------------------
-- The transactional outbox: seq is gap-free, assigned in commit order.
CREATE TABLE events (
  seq INTEGER PRIMARY KEY,
  at_ms BIGINT NOT NULL,
  type TEXT NOT NULL,
  subject TEXT NOT NULL,
  data_json TEXT NOT NULL
);

-- auth/ ---------------------------------------------------------------------------
-- Only the SHA-256 of a token is kept.
CREATE TABLE api_tokens (
  token_hash TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  revoked_at_ms BIGINT
);

-- api/ idempotency for POSTs with an Idempotency-Key header.
CREATE TABLE idempotency_keys (
  token_name TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status BIGINT NOT NULL,
  response_body TEXT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  PRIMARY KEY (token_name, idempotency_key)
);

-- I5: the ledger is append-only; corrections are new moves.
CREATE TRIGGER stock_moves_append_only_update BEFORE UPDATE ON stock_moves
BEGIN SELECT RAISE(ABORT, 'stock_moves is append-only'); END;
CREATE TRIGGER stock_moves_append_only_delete BEFORE DELETE ON stock_moves
BEGIN SELECT RAISE(ABORT, 'stock_moves is append-only'); END;
