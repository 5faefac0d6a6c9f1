-- Wareflow schema, version 2: the warehouse day around the pick. Inbound
-- (suppliers, purchase orders, receipts), the task queue (putaway,
-- replenishment, pick, count, move), pick faces, cycle counts, returns,
-- boxes, carriers, package labels and tracking. Same conventions as version 1.

-- settings: site-wide values (the GS1 company prefix for SSCCs, ...).
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
-- GS1's documented example prefix; a real site sets its own.
INSERT INTO settings (key, value) VALUES ('gs1_company_prefix', '0614141');

-- Products may carry a standard unit cost (minor units) for valuing losses,
-- and the zone they must be stored in.
ALTER TABLE products ADD COLUMN unit_cost_minor BIGINT;
ALTER TABLE products ADD COLUMN storage_zone TEXT;

-- Locations may carry an ABC velocity class used by putaway.
ALTER TABLE locations ADD COLUMN velocity_class TEXT;
ALTER TABLE locations ADD COLUMN last_counted_at_ms BIGINT;

-- wms/ inbound ---------------------------------------------------------------------
CREATE TABLE suppliers (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  -- how much more than ordered a line may receive, in permille of the line
  over_receipt_tolerance_permille BIGINT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL
);

CREATE TABLE purchase_orders (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  supplier_id BIGINT NOT NULL REFERENCES suppliers(id),
  warehouse_id BIGINT NOT NULL REFERENCES warehouses(id),
  status TEXT NOT NULL CHECK (status IN ('open', 'receiving', 'closed', 'cancelled')),
  expected_at_ms BIGINT,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL
);

CREATE TABLE purchase_order_lines (
  id INTEGER PRIMARY KEY,
  purchase_order_id BIGINT NOT NULL REFERENCES purchase_orders(id),
  line_no BIGINT NOT NULL,
  product_id BIGINT NOT NULL REFERENCES products(id),
  expected BIGINT NOT NULL CHECK (expected > 0),
  received BIGINT NOT NULL CHECK (received >= 0),
  damaged BIGINT NOT NULL CHECK (damaged >= 0),
  unit_cost_minor BIGINT,
  closed BIGINT NOT NULL,
  UNIQUE (purchase_order_id, line_no)
);
CREATE INDEX purchase_order_lines_by_po ON purchase_order_lines (purchase_order_id);

CREATE TABLE receipts (
  id INTEGER PRIMARY KEY,
  purchase_order_id BIGINT NOT NULL REFERENCES purchase_orders(id),
  purchase_order_line_id BIGINT NOT NULL REFERENCES purchase_order_lines(id),
  product_id BIGINT NOT NULL,
  lot TEXT NOT NULL,
  expiry_ms BIGINT,
  serial TEXT,
  sscc TEXT,
  quantity BIGINT NOT NULL CHECK (quantity > 0),
  damaged BIGINT NOT NULL,
  location_id BIGINT NOT NULL REFERENCES locations(id),
  received_by TEXT NOT NULL,
  received_at_ms BIGINT NOT NULL
);
CREATE INDEX receipts_by_po ON receipts (purchase_order_id);

-- wms/ pick faces: a product's fixed pick location with its min/max for
-- replenishment (at most one face per location).
CREATE TABLE pick_faces (
  location_id BIGINT PRIMARY KEY REFERENCES locations(id),
  warehouse_id BIGINT NOT NULL,
  product_id BIGINT NOT NULL REFERENCES products(id),
  min_quantity BIGINT NOT NULL CHECK (min_quantity >= 0),
  max_quantity BIGINT NOT NULL CHECK (max_quantity > 0)
);
CREATE INDEX pick_faces_by_product ON pick_faces (warehouse_id, product_id);

-- wms/ tasks: one queue of work for people. A task is open, then claimed by a
-- worker (in_progress), then done or cancelled. `version` makes claims and
-- confirmations conditional, so two workers never both win one task.
CREATE TABLE tasks (
  id INTEGER PRIMARY KEY,
  warehouse_id BIGINT NOT NULL REFERENCES warehouses(id),
  type TEXT NOT NULL CHECK (type IN ('putaway', 'replenishment', 'pick', 'count', 'move')),
  status TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'done', 'cancelled')),
  priority BIGINT NOT NULL,
  due_at_ms BIGINT,
  zone TEXT,
  product_id BIGINT,
  lot TEXT,
  quantity BIGINT,
  from_location_id BIGINT,
  to_location_id BIGINT,
  done_location_id BIGINT,
  done_quantity BIGINT,
  ref_type TEXT,
  ref_id BIGINT,
  assigned_to TEXT,
  created_at_ms BIGINT NOT NULL,
  started_at_ms BIGINT,
  finished_at_ms BIGINT,
  travel_mm BIGINT
);
CREATE INDEX tasks_open ON tasks (warehouse_id, status, priority, due_at_ms);
CREATE INDEX tasks_by_ref ON tasks (ref_type, ref_id);
CREATE INDEX tasks_by_worker ON tasks (assigned_to, finished_at_ms);

-- Where each worker last finished something (for task interleaving).
CREATE TABLE worker_positions (
  worker TEXT NOT NULL,
  warehouse_id BIGINT NOT NULL,
  location_id BIGINT NOT NULL,
  at_ms BIGINT NOT NULL,
  PRIMARY KEY (worker, warehouse_id)
);

-- wms/ cycle counts: one count per location; each attempt records what the
-- counter saw per (product, lot) and what the ledger said at the count's start.
CREATE TABLE counts (
  id INTEGER PRIMARY KEY,
  warehouse_id BIGINT NOT NULL,
  location_id BIGINT NOT NULL REFERENCES locations(id),
  status TEXT NOT NULL CHECK (status IN ('open', 'counting', 'recount', 'needs_approval',
                                         'accepted', 'approved', 'rejected', 'cancelled')),
  attempt BIGINT NOT NULL,
  plan_date TEXT,
  -- the ledger position when the current attempt started: moves after it are
  -- picks and putaways the counter's figure does not include
  start_move_id BIGINT,
  tolerance_units BIGINT NOT NULL,
  tolerance_permille BIGINT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  started_at_ms BIGINT,
  submitted_at_ms BIGINT,
  counted_by TEXT,
  decided_by TEXT,
  decided_at_ms BIGINT
);
CREATE INDEX counts_by_location ON counts (location_id, status);

CREATE TABLE count_lines (
  count_id BIGINT NOT NULL REFERENCES counts(id),
  attempt BIGINT NOT NULL,
  product_id BIGINT NOT NULL,
  lot TEXT NOT NULL,
  expected BIGINT NOT NULL,
  counted BIGINT NOT NULL,
  PRIMARY KEY (count_id, attempt, product_id, lot)
);

-- wms/ returns ----------------------------------------------------------------------
CREATE TABLE returns (
  id INTEGER PRIMARY KEY,
  order_id BIGINT NOT NULL,
  warehouse_id BIGINT NOT NULL REFERENCES warehouses(id),
  status TEXT NOT NULL CHECK (status IN ('authorized', 'received', 'closed', 'cancelled')),
  reason TEXT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL
);
CREATE INDEX returns_by_order ON returns (order_id);

-- Per line: received = restocked + quarantined + scrapped + awaiting inspection.
CREATE TABLE return_lines (
  id INTEGER PRIMARY KEY,
  return_id BIGINT NOT NULL REFERENCES returns(id),
  order_line_id BIGINT NOT NULL,
  product_id BIGINT NOT NULL,
  lot TEXT NOT NULL,
  authorized BIGINT NOT NULL CHECK (authorized > 0),
  received BIGINT NOT NULL CHECK (received >= 0),
  restocked BIGINT NOT NULL CHECK (restocked >= 0),
  quarantined BIGINT NOT NULL CHECK (quarantined >= 0),
  scrapped BIGINT NOT NULL CHECK (scrapped >= 0),
  reason TEXT NOT NULL
);
CREATE INDEX return_lines_by_return ON return_lines (return_id);
CREATE INDEX return_lines_by_order_line ON return_lines (order_line_id);

-- wms/ packing and shipping -----------------------------------------------------------
CREATE TABLE boxes (
  code TEXT PRIMARY KEY,
  inner_length_mm BIGINT NOT NULL,
  inner_width_mm BIGINT NOT NULL,
  inner_height_mm BIGINT NOT NULL,
  max_weight_g BIGINT NOT NULL,
  tare_weight_g BIGINT NOT NULL,
  cost_minor BIGINT NOT NULL
);

-- A carrier's services and rate tables, as the JSON shipping::parse_carrier reads.
CREATE TABLE carriers (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  definition_json TEXT NOT NULL,
  updated_at_ms BIGINT NOT NULL
);

ALTER TABLE packages ADD COLUMN sscc TEXT;
ALTER TABLE packages ADD COLUMN expected_weight_g BIGINT;
ALTER TABLE packages ADD COLUMN length_mm BIGINT;
ALTER TABLE packages ADD COLUMN width_mm BIGINT;
ALTER TABLE packages ADD COLUMN height_mm BIGINT;
ALTER TABLE fulfillments ADD COLUMN price_minor BIGINT;
ALTER TABLE fulfillments ADD COLUMN currency TEXT;
ALTER TABLE fulfillments ADD COLUMN tracking_status TEXT;

CREATE TABLE tracking_events (
  id INTEGER PRIMARY KEY,
  fulfillment_id BIGINT NOT NULL REFERENCES fulfillments(id),
  status TEXT NOT NULL CHECK (status IN ('in_transit', 'out_for_delivery', 'delivered',
                                         'exception')),
  at_ms BIGINT NOT NULL,
  detail TEXT,
  recorded_at_ms BIGINT NOT NULL
);
CREATE INDEX tracking_events_by_fulfillment ON tracking_events (fulfillment_id);
CREATE INDEX fulfillments_shipped ON fulfillments (carrier, shipped_at_ms);

-- ABC class of each product per warehouse by pick velocity, as the last count
-- plan computed it; putaway prefers locations of the same class.
CREATE TABLE product_classes (
  warehouse_id BIGINT NOT NULL,
  product_id BIGINT NOT NULL,
  abc_class TEXT NOT NULL CHECK (abc_class IN ('A', 'B', 'C')),
  units_picked BIGINT NOT NULL,
  computed_at_ms BIGINT NOT NULL,
  PRIMARY KEY (warehouse_id, product_id)
);

-- The route a pick list was ordered by (optimize/routing.h), shown on the
-- pick list and printed on its document.
ALTER TABLE pick_lists ADD COLUMN route_method TEXT;
ALTER TABLE pick_lists ADD COLUMN route_algorithm TEXT;
ALTER TABLE pick_lists ADD COLUMN route_length_mm BIGINT;
ALTER TABLE pick_lists ADD COLUMN route_optimal BIGINT;

-- The delivery date promised to the customer, which rate shopping must meet.
ALTER TABLE orders ADD COLUMN deliver_by_ms BIGINT;
