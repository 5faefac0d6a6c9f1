-- Demand history (oms/demand.h) reads a product's order lines by day.
CREATE INDEX order_lines_by_product ON order_lines (product_id, order_id);
CREATE INDEX stock_moves_by_product_time ON stock_moves (product_id, at_ms);
