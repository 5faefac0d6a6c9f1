-- How a wave's fulfillments were grouped onto carts (optimize/batching.h):
-- the method that made the batches, the cart they were made for, and the
-- total walk of the wave's pick lists against first-come-first-served
-- batching of the same fulfillments. NULL batch_method: one pick list for
-- the whole wave (no cart given).
ALTER TABLE waves ADD COLUMN batch_method TEXT;
ALTER TABLE waves ADD COLUMN batch_construction TEXT;
ALTER TABLE waves ADD COLUMN cart_max_items BIGINT;
ALTER TABLE waves ADD COLUMN cart_max_volume_cm3 BIGINT;
ALTER TABLE waves ADD COLUMN cart_max_orders BIGINT;
ALTER TABLE waves ADD COLUMN route_length_mm BIGINT;
ALTER TABLE waves ADD COLUMN fcfs_route_length_mm BIGINT;
