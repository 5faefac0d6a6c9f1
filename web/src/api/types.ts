// Shapes of the API's JSON, taken from the server's OpenAPI document (src/api/openapi.json,
// generated into schema.gen.ts by `npm run gen:api`): the names the screens use for them.
import type { components, paths } from './schema.gen';

type Schemas = components['schemas'];

/** The JSON body of a route's success answer (200 or 201). */
export type ResponseBody<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: infer R;
}
  ? R extends { 200: { content: { 'application/json': infer T } } }
    ? T
    : R extends { 201: { content: { 'application/json': infer T } } }
      ? T
      : never
  : never;

/** The JSON body a route takes. */
export type RequestBody<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer T } };
}
  ? T
  : never;

/** The query parameters a route takes. */
export type QueryParams<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  parameters: { query?: infer Q };
}
  ? NonNullable<Q>
  : never;

export type Me = Schemas['Me'];
export type Role = Me['role'];
export type Money = Schemas['Money'];
export type Address = Schemas['Address'];
export type Warehouse = Schemas['Warehouse'];
export type Channel = Schemas['Channel'];
export type Product = Schemas['Product'];

export type OrderStatus = Schemas['OrderStatus'];
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
export type OrderLine = Schemas['OrderLine'];
export type FulfillmentStatus = Schemas['FulfillmentStatus'];
export type OrderFulfillment = Schemas['FulfillmentSummary'];
export type Order = Schemas['Order'];

export type FulfillmentLine = Schemas['FulfillmentLine'];
export type Package = Schemas['Package'];
export type Fulfillment = Schemas['Fulfillment'];

export type Route = Schemas['PickRoute'];
export type PickLine = Schemas['PickLine'];
export type PickList = Schemas['PickList'];
export type Wave = Schemas['Wave'];

export type LocationType = Schemas['LocationType'];
export type Location = Schemas['Location'];
export type InventoryLocation = Schemas['InventoryLocation'];
export type Inventory = Schemas['Inventory'];
export type Move = Schemas['Move'];

export type WfEvent = Schemas['Event'];

export type Box = Schemas['Box'];
export type CartonAdvice = Schemas['CartonAdvice'];
export type Carton = CartonAdvice['cartons'][number];

export type Task = Schemas['Task'];
export type PurchaseOrderLine = Schemas['PurchaseOrderLine'];
export type PurchaseOrder = Schemas['PurchaseOrder'];
export type Receipt = Schemas['Receipt'];

export type CountLine = Schemas['CountLine'];
export type Count = Schemas['Count'];
export type PickFace = Schemas['PickFace'];

export type Dashboard = Schemas['Dashboard'];
export type PipelineStage = Dashboard['pipeline'][number]['stage'];

export type Tracking = Schemas['TrackingView'];

export type WarehouseStock = ResponseBody<'/api/v1/warehouses/{code}/stock', 'get'>;
export type StockLocation = WarehouseStock['locations'][number];

export type ReturnStatus = Schemas['ReturnStatus'];
export type Disposition = Schemas['Disposition'];
export type ReturnLine = Schemas['ReturnLine'];
export type Return = Schemas['Return'];

export type OrdersReport = Schemas['OrderKpis'];
export type CycleTime = NonNullable<OrdersReport['ship_cycle_time']>;
export type ThroughputReport = Schemas['Throughput'];
export type SalesReport = Schemas['Sales'];
export type SalesRow = SalesReport['rows'][number];
export type SpaceReport = Schemas['Space'];
export type SpaceZone = SpaceReport['zones'][number];
export type DockToStockReport = Schemas['DockToStock'];

export type Bottlenecks = Schemas['BottleneckForecast'];
export type StageForecast = Bottlenecks['stages'][number];
export type SimStage = StageForecast['stage'];
export type TaskTime = Bottlenecks['task_times'][SimStage];
export type BacklogPoint = StageForecast['backlog'][number];
export type WhatIf = Bottlenecks['what_if'][number];

export type ReorderSuggestions = Schemas['ReorderSuggestions'];
export type SupplierSuggestion = Schemas['SupplierSuggestion'];
export type ReorderLine = SupplierSuggestion['lines'][number];
export type ReorderPlan = ReorderLine['plan'];
export type PlannedPurchaseOrder = ResponseBody<'/api/v1/planning/purchase-orders', 'post'>;

export type Forecast = Schemas['DemandForecast'];
export type Demand = Schemas['DemandHistory'];
