-- How each supplier sells each product (oms/purchasing.h): lead time and its
-- spread, pack size, order minimum and maximum, cost. `priority` 1 is the
-- first choice when several suppliers sell one product.
CREATE TABLE supplier_products (
  supplier_id BIGINT NOT NULL REFERENCES suppliers(id),
  product_id BIGINT NOT NULL REFERENCES products(id),
  supplier_sku TEXT,
  lead_time_days DOUBLE PRECISION NOT NULL CHECK (lead_time_days >= 0),
  lead_time_sigma_days DOUBLE PRECISION NOT NULL CHECK (lead_time_sigma_days >= 0),
  pack_size BIGINT NOT NULL CHECK (pack_size >= 1),
  min_order_qty BIGINT NOT NULL CHECK (min_order_qty >= 0),
  max_order_qty BIGINT,
  unit_cost_minor BIGINT,
  priority BIGINT NOT NULL CHECK (priority >= 1),
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  PRIMARY KEY (supplier_id, product_id)
);
CREATE INDEX supplier_products_by_product ON supplier_products (product_id, priority);

-- The last forecast of each product's demand at each warehouse, kept by the
-- nightly refresh (POST /planning/forecasts/refresh, `wareflow planning
-- refresh`) for the reorder suggestions. values/sigma: JSON arrays of daily
-- means and one-step error standard deviations, day 0 = first_day_ms.
CREATE TABLE demand_forecasts (
  product_id BIGINT NOT NULL REFERENCES products(id),
  warehouse_id BIGINT NOT NULL REFERENCES warehouses(id),
  computed_at_ms BIGINT NOT NULL,
  first_day_ms BIGINT NOT NULL,
  history_days BIGINT NOT NULL,
  stock_out_days BIGINT NOT NULL,
  model TEXT NOT NULL,
  variant TEXT NOT NULL,
  backtest_mase DOUBLE PRECISION,
  values_json TEXT NOT NULL,
  sigma_json TEXT NOT NULL,
  PRIMARY KEY (warehouse_id, product_id)
);
