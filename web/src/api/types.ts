// Shapes of the API's JSON (docs/api.md). Only the fields the app reads are typed strictly.

export type Role = 'viewer' | 'integration' | 'operator' | 'manager' | 'admin';

export interface Me {
  name: string;
  role: Role;
}

export interface Money {
  amount_minor: number;
  currency: string;
}

export interface Page {
  next_cursor: string | null;
}

export interface Address {
  line1?: string;
  line2?: string;
  city?: string;
  postal_code?: string;
  country?: string;
}

export interface Warehouse {
  code: string;
  name: string;
  address: Address | null;
  latitude: number | null;
  longitude: number | null;
}

export interface Channel {
  code: string;
  name: string;
}

export interface Product {
  sku: string;
  name: string;
  barcodes: string[];
  weight_g: number;
  length_mm: number;
  width_mm: number;
  height_mm: number;
  tracking: 'none' | 'lot';
  shelf_life_days: number | null;
  storage_zone: string | null;
  created_at: string;
  updated_at: string;
}

export type OrderStatus =
  | 'allocated'
  | 'backordered'
  | 'in_fulfillment'
  | 'partially_shipped'
  | 'shipped'
  | 'delivered'
  | 'on_hold'
  | 'cancelled';

export const ORDER_STATUSES: OrderStatus[] = [
  'allocated',
  'backordered',
  'in_fulfillment',
  'partially_shipped',
  'shipped',
  'delivered',
  'on_hold',
  'cancelled',
];

export interface OrderLine {
  id: number;
  sku: string;
  quantity: number;
  unit_price: Money | null;
  allocated: number;
  picked: number;
  packed: number;
  shipped: number;
  backordered: number;
  cancelled: number;
  returned: number;
}

export type FulfillmentStatus =
  | 'pending'
  | 'released'
  | 'picking'
  | 'picked'
  | 'packed'
  | 'shipped'
  | 'delivered'
  | 'cancelled';

export interface OrderFulfillment {
  id: number;
  warehouse: string;
  status: FulfillmentStatus;
  carrier: string | null;
  service: string | null;
  tracking_number: string | null;
  tracking_status: string | null;
}

export interface Order {
  id: number;
  channel: string;
  channel_order_id: string;
  status: OrderStatus;
  customer: { id: number; email: string; name: string; phone: string | null };
  ship_to: Address & { name: string; latitude?: number | null; longitude?: number | null };
  priority: number;
  ship_by: string | null;
  deliver_by: string | null;
  hold_reason: string | null;
  created_at: string;
  lines: OrderLine[];
  fulfillments: OrderFulfillment[];
  tracking_token?: string;
}

export interface FulfillmentLine {
  sku: string;
  quantity: number;
  allocated: number;
  picked: number;
  packed: number;
  shipped: number;
}

export interface Package {
  id: number;
  box: string | null;
  weight_g: number | null;
  expected_weight_g: number | null;
  sscc: string;
  items: { sku: string; quantity: number }[];
}

export interface Fulfillment {
  id: number;
  order_id: number;
  warehouse: string;
  status: FulfillmentStatus;
  lines: FulfillmentLine[];
  packages: Package[];
  carrier: string | null;
  service: string | null;
  tracking_number: string | null;
  tracking_status: string | null;
  price: Money | null;
  shipped_at: string | null;
  delivered_at: string | null;
}

export interface Route {
  method: string;
  algorithm: string;
  length_mm: number | null;
  optimal: boolean;
}

export interface PickLine {
  id: number;
  sequence: number;
  location: string;
  sku: string;
  lot: string;
  quantity: number;
  picked: number;
  short: number;
  status: 'open' | 'done' | 'short';
  fulfillment_id: number;
}

export interface PickList {
  id: number;
  wave_id: number;
  warehouse: string;
  status: 'open' | 'done';
  route: Route | null;
  lines: PickLine[];
}

export interface Wave {
  id: number;
  warehouse: string;
  created_at: string;
  fulfillments: number[];
  pick_lists: PickList[];
  batching: null | {
    method: string;
    construction: string;
    cart: unknown;
    route_length_mm: number | null;
    fcfs_route_length_mm: number | null;
  };
}

export type LocationType =
  | 'receiving'
  | 'storage'
  | 'pick'
  | 'staging'
  | 'packing'
  | 'shipping'
  | 'quarantine';

export interface Location {
  code: string;
  warehouse: string;
  type: LocationType;
  zone: string | null;
  aisle: number | null;
  bay: number | null;
  level: number | null;
  x_mm: number | null;
  y_mm: number | null;
  max_volume_cm3: number | null;
  max_weight_g: number | null;
  allocatable: boolean;
  velocity_class?: string | null;
}

export interface InventoryLocation {
  location: string;
  lot: string;
  expiry: string | null;
  on_hand: number;
  reserved: number;
}

export interface Inventory {
  sku: string;
  warehouses: {
    warehouse: string;
    on_hand: number;
    allocated: number;
    available: number;
    locations: InventoryLocation[];
  }[];
}

export interface Move {
  id: number;
  at: string;
  warehouse: string;
  from_location: string;
  to_location: string;
  sku: string;
  lot: string;
  quantity: number;
  reason: string;
  ref: { type: string; id: number | null } | null;
}

export interface WfEvent {
  seq: number;
  type: string;
  at: string;
  subject: string;
  data: Record<string, unknown>;
}

export interface Box {
  code: string;
  inner_length_mm: number;
  inner_width_mm: number;
  inner_height_mm: number;
  max_weight_g: number;
  tare_weight_g: number;
  cost_minor: number;
}

export interface Carton {
  box: string;
  items: { sku: string; quantity: number }[];
  fill_volume_permille: number;
  gross_weight_g: number;
}

export interface CartonAdvice {
  fulfillment_id: number;
  items_weight_g: number;
  /** The one carton when one holds everything. */
  suggestion: Carton | null;
  cartons: Carton[];
  fill_volume_permille: number | null;
  lower_bound_cartons: number | null;
  method: string;
  unpackable: string | null;
}

export interface Task {
  id: number;
  warehouse: string;
  type: 'putaway' | 'replenishment' | 'pick' | 'count' | 'move';
  status: 'open' | 'in_progress' | 'done' | 'cancelled';
  priority: number;
  due_at: string | null;
  zone: string | null;
  sku: string | null;
  lot: string;
  quantity: number | null;
  from_location: string | null;
  to_location: string | null;
  done_location: string | null;
  done_quantity: number | null;
  ref: { type: string; id: number } | null;
  assigned_to: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export interface PurchaseOrderLine {
  line_no: number;
  sku: string;
  expected: number;
  received: number;
  damaged: number;
  open: number;
  unit_cost_minor: number | null;
  closed: boolean;
}

export interface PurchaseOrder {
  number: string;
  supplier: string;
  warehouse: string;
  status: 'open' | 'receiving' | 'closed' | 'cancelled';
  expected_at: string | null;
  created_at: string;
  lines: PurchaseOrderLine[];
}

export interface Receipt {
  id: number;
  purchase_order: string;
  line_no: number;
  sku: string;
  lot: string | null;
  expiry: string | null;
  serial: string | null;
  sscc: string | null;
  quantity: number;
  damaged: boolean;
  location: string;
  putaway_task_id: number | null;
  suggested_location: string | null;
  purchase_order_after: PurchaseOrder;
}

export interface CountLine {
  sku: string;
  lot: string;
  counted: number;
  expected?: number | null;
  variance?: number | null;
}

export interface Count {
  id: number;
  warehouse: string;
  location: string;
  status: 'open' | 'counting' | 'accepted' | 'recount' | 'needs_approval' | 'approved' | 'rejected';
  attempt: number;
  plan_date: string | null;
  counted_by: string | null;
  decided_by: string | null;
  created_at: string;
  started_at: string | null;
  submitted_at: string | null;
  decided_at: string | null;
  task_id: number | null;
  lines: CountLine[];
}

export interface PickFace {
  location: string;
  sku: string;
  min_quantity: number;
  max_quantity: number;
  on_hand: number;
  reserved: number;
}

export type PipelineStage = 'released' | 'picking' | 'picked' | 'packed';

export interface Dashboard {
  as_of: string;
  warehouse: string | null;
  orders_by_status: Partial<Record<OrderStatus, number>>;
  pipeline: { stage: PipelineStage; fulfillments: number; units: number; late: number; at_risk: number }[];
  late: { fulfillment_id: number; order_id: number; warehouse: string; status: string; ship_by: string; late: boolean }[];
  today: { from: string; hours: { hour: string; units_picked: number; orders_shipped: number }[] };
  alerts: {
    backorders: { sku: string; units: number }[];
    pick_faces_below_min: { warehouse: string; location: string; sku: string; on_hand: number; min: number; max: number }[];
  };
}

export interface Tracking {
  order: {
    channel_order_id: string;
    status: OrderStatus;
    created_at: string;
    lines: { sku: string; name: string; quantity: number; shipped: number }[];
  };
  shipments: {
    status: string;
    carrier: string | null;
    service: string | null;
    tracking_number: string | null;
    tracking_status: string | null;
    shipped_at: string | null;
    delivered_at: string | null;
  }[];
}

export interface StockLocation {
  location: string;
  on_hand: number;
  reserved: number;
  /** How many products lie there. */
  products: number;
  /** The product with most units there. */
  top_sku: string | null;
  used_cm3: number;
  max_volume_cm3: number | null;
}

export interface WarehouseStock {
  warehouse: string;
  locations: StockLocation[];
}

export type ReturnStatus = 'authorized' | 'received' | 'closed';
export type Disposition = 'restock' | 'quarantine' | 'scrap';

export interface ReturnLine {
  id: number;
  order_line_id: number;
  sku: string;
  lot: string;
  authorized: number;
  received: number;
  restocked: number;
  quarantined: number;
  scrapped: number;
  awaiting_inspection: number;
  reason: string | null;
}

export interface Return {
  id: number;
  order_id: number;
  warehouse: string;
  status: ReturnStatus;
  reason: string;
  created_at: string;
  lines: ReturnLine[];
}

export interface CycleTime {
  mean_ms: number;
  p50_ms: number;
  p90_ms: number;
}

export interface OrdersReport {
  from: string;
  to: string;
  channel: string | null;
  orders_placed: number;
  orders_cancelled: number;
  orders_shipped: number;
  orders_delivered: number;
  ship_cycle_time: CycleTime | null;
  delivery_cycle_time: CycleTime | null;
  fulfillments_shipped_with_ship_by: number;
  fulfillments_shipped_on_time: number;
  on_time_ship_rate: number | null;
  units_ordered: number;
  units_backordered_at_capture: number;
  orders_backordered: number;
  backorder_rate: number | null;
  fill_rate_at_capture: number | null;
  perfect_orders: number;
  perfect_order_rate: number | null;
}

export interface ThroughputReport {
  from: string;
  to: string;
  bucket: 'hour' | 'day';
  units_picked: number;
  units_shipped: number;
  orders_shipped: number;
  units_picked_per_hour: number | null;
  orders_shipped_per_hour: number | null;
  buckets: { start: string; units_picked: number; pick_lines: number; units_shipped: number; orders_shipped: number }[];
}

export interface SalesRow {
  key: string;
  orders: number;
  units: number;
  revenue_minor: Record<string, number>;
  prior_units: number;
  change: number | null;
}

export interface SalesReport {
  from: string;
  to: string;
  group: 'day' | 'channel' | 'sku';
  channel: string | null;
  units: number;
  prior_units: number;
  change: number | null;
  rows: SalesRow[];
}

export interface SpaceZone {
  zone: string;
  locations: number;
  occupied: number;
  capacity_cm3: number;
  used_cm3: number;
  utilisation: number | null;
}

export interface SpaceReport {
  warehouse: string;
  as_of: string;
  capacity_cm3: number;
  used_cm3: number;
  utilisation: number | null;
  zones: SpaceZone[];
}

export interface DockToStockReport {
  from: string;
  to: string;
  receipts: number;
  units: number;
  dock_to_stock: CycleTime | null;
}

export type SimStage = 'pick' | 'pack' | 'ship';

export interface TaskTime {
  per_order_ms: number;
  per_line_ms: number;
  per_unit_ms: number;
  cv: number;
  source: 'history' | 'default' | 'request';
  samples: number;
}

export interface BacklogPoint {
  at: string;
  queued: number;
  in_progress: number;
}

export interface StageForecast {
  stage: SimStage;
  orders: number;
  unfinished: number;
  clear_at: string | null;
  utilisation: number | null;
  backlog: BacklogPoint[];
}

export interface WhatIf {
  name: string;
  extra_pickers: number;
  extra_packers: number;
  extra_loaders: number;
  late_orders: number;
  unshipped_orders: number;
  pick_clear_at: string | null;
  pack_clear_at: string | null;
  ship_clear_at: string | null;
  makespan_ms: number | null;
}

export interface Bottlenecks {
  warehouse: string;
  start: string;
  task_times: Record<SimStage, TaskTime>;
  open: { released: number; picking: number; picked: number; packed: number };
  late_orders: number;
  orders_with_cutoff: number;
  on_time_rate: number | null;
  unshipped_orders: number;
  makespan_ms: number | null;
  stages: StageForecast[];
  late: { fulfillment_id: number; order_id: number; ship_by: string; predicted_ship_at: string | null }[];
  what_if: WhatIf[];
}

export interface ReorderPlan {
  policy: string;
  protection_days: number;
  demand_mean: number;
  demand_sigma: number;
  safety_factor: number;
  safety_stock: number;
  reorder_point: number;
  order_up_to: number;
  eoq: number | null;
  inventory_position: number;
  raw_quantity: number;
  capped_at_maximum: boolean;
  days_of_cover: number | null;
  stockout_date: string | null;
  reason: string;
}

export interface ReorderLine {
  sku: string;
  quantity: number;
  unit_cost_minor: number | null;
  value_minor: number | null;
  abc_class: string | null;
  forecast_model: string | null;
  plan: ReorderPlan;
}

export interface SupplierSuggestion {
  supplier: string;
  total_units: number;
  total_value_minor: number;
  lines: ReorderLine[];
}

export interface ReorderSuggestions {
  warehouse: string;
  suppliers: SupplierSuggestion[];
}

export interface PlannedPurchaseOrder {
  purchase_order: PurchaseOrder;
  suggestion: SupplierSuggestion;
}

export interface Forecast {
  sku: string;
  warehouse: string | null;
  channel: string | null;
  history_days: number;
  stock_out_days: number;
  model: string;
  variant: string;
  backtest_mase: number | null;
  dates: string[];
  values: number[];
  lower: number[];
  upper: number[];
  total: number;
}

export interface Demand {
  sku: string;
  warehouse: string | null;
  channel: string | null;
  days: { date: string; units: number; stock_out: boolean }[];
}
