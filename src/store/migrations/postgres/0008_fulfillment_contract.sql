-- The fulfillment is the contract between the OMS and the WMS: what the WMS
-- needs of an order is copied onto the fulfillment when the OMS creates it
-- (wms/fulfillment.h), so no WMS code reads orders or order_lines. The OMS
-- never changes these fields of an order after capture.
--   channel_order_id: the order's reference on packing slips and labels;
--   ship_to_json: where it goes (labels, packing slips, rating, manifests);
--   deliver_by_ms: the promised delivery day (rate shopping);
--   fulfillment_lines.line_no: the order line's number (returns by SKU).
ALTER TABLE fulfillments ADD COLUMN channel_order_id TEXT;
ALTER TABLE fulfillments ADD COLUMN ship_to_json TEXT;
ALTER TABLE fulfillments ADD COLUMN deliver_by_ms BIGINT;
ALTER TABLE fulfillment_lines ADD COLUMN line_no BIGINT;

-- Existing fulfillments get the copy from their orders.
UPDATE fulfillments SET
  channel_order_id = (SELECT o.channel_order_id FROM orders o WHERE o.id = fulfillments.order_id),
  ship_to_json = (SELECT o.ship_to_json FROM orders o WHERE o.id = fulfillments.order_id),
  deliver_by_ms = (SELECT o.deliver_by_ms FROM orders o WHERE o.id = fulfillments.order_id);
UPDATE fulfillment_lines SET
  line_no = (SELECT ol.line_no FROM order_lines ol WHERE ol.id = fulfillment_lines.order_line_id);
