// Typed calls of the API routes the screens use (docs/api.md). Each takes an AbortSignal
// for reads and an Idempotency-Key for writes (see useAction).
import { seg, type Query } from './client';
import type {
  Bottlenecks,
  Count,
  Demand,
  DockToStockReport,
  Forecast,
  Fulfillment,
  FulfillmentStatus,
  OrdersReport,
  PlannedPurchaseOrder,
  ReorderSuggestions,
  Return,
  SalesReport,
  SpaceReport,
  Task,
  ThroughputReport,
  WarehouseStock,
  WfEvent,
  QueryParams,
  ResponseBody,
  RequestBody,
} from './types';
import { api } from '../session';

export interface Paged {
  limit?: number;
  cursor?: string | null;
}

export type ProductsPage = ResponseBody<'/api/v1/products', 'get'>;

/** `GET /products?q=`: a SKU prefix (exact case) or a part of the name (any case). */
export function searchProducts(q: string, page: Paged = {}, signal?: AbortSignal): Promise<ProductsPage> {
  return api.get<ProductsPage>('/products', { query: { q, limit: page.limit ?? 50, cursor: page.cursor }, signal });
}

export type OrdersPage = ResponseBody<'/api/v1/orders', 'get'>;

/** `GET /orders` (newest first); `q` finds an order id, the start of a channel order id or a customer's e-mail. */
export function listOrders(f: { q?: string; status?: string; channel?: string } & Paged = {}, signal?: AbortSignal): Promise<OrdersPage> {
  return api.get<OrdersPage>('/orders', { query: { q: f.q, status: f.status, channel: f.channel, limit: f.limit ?? 50, cursor: f.cursor }, signal });
}

export type EventsPage = ResponseBody<'/api/v1/events', 'get'>;

/** Every event of one subject (`order:42`, `fulfillment:7`, `pick_list:3`, `return:1`), oldest first. */
export async function subjectEvents(subject: string, signal?: AbortSignal, max = 5000): Promise<WfEvent[]> {
  const out: WfEvent[] = [];
  let after = 0;
  for (;;) {
    const p = await api.get<EventsPage>('/events', { query: { subject, after, limit: 500 }, signal });
    out.push(...p.events);
    if (p.events.length < 500 || out.length >= max) break;
    after = p.events[p.events.length - 1].seq;
  }
  return out;
}

export type FulfillmentsPage = ResponseBody<'/api/v1/fulfillments', 'get'>;

/** `GET /fulfillments` (oldest first). */
export function listFulfillments(f: { warehouse?: string | null; status?: FulfillmentStatus } & Paged = {}, signal?: AbortSignal): Promise<FulfillmentsPage> {
  return api.get<FulfillmentsPage>('/fulfillments', { query: { warehouse: f.warehouse, status: f.status, limit: f.limit ?? 100, cursor: f.cursor }, signal });
}

/** All fulfillments of a status (pages of 500, at most `max`). */
export async function allFulfillments(warehouse: string, status: FulfillmentStatus, signal?: AbortSignal, max = 5000): Promise<{ fulfillments: Fulfillment[]; complete: boolean }> {
  const out: Fulfillment[] = [];
  let cursor: string | null = null;
  do {
    const p: FulfillmentsPage = await listFulfillments({ warehouse, status, limit: 500, cursor }, signal);
    out.push(...p.fulfillments);
    cursor = p.next_cursor;
  } while (cursor && out.length < max);
  return { fulfillments: out, complete: !cursor };
}

export type WavesPage = ResponseBody<'/api/v1/waves', 'get'>;

/** `GET /waves` (newest first), each with its pick lists and their lines. */
export function listWaves(f: { warehouse?: string | null } & Paged = {}, signal?: AbortSignal): Promise<WavesPage> {
  return api.get<WavesPage>('/waves', { query: { warehouse: f.warehouse, limit: f.limit ?? 20, cursor: f.cursor }, signal });
}

/** What each location of a warehouse holds now. */
export function warehouseStock(wh: string, signal?: AbortSignal): Promise<WarehouseStock> {
  return api.get<WarehouseStock>(`/warehouses/${seg(wh)}/stock`, { signal, timeoutMs: 30000 });
}

// Reports. The window is `from` (inclusive) and `to` (exclusive); the default is the last 30 days.
export interface Window {
  from?: string;
  to?: string;
  warehouse?: string | null;
}

const windowQuery = (w: Window): Query => ({ from: w.from, to: w.to, warehouse: w.warehouse });

export function ordersReport(w: Window, signal?: AbortSignal): Promise<OrdersReport> {
  return api.get<OrdersReport>('/reports/orders', { query: windowQuery(w), signal });
}

export function throughputReport(w: Window & { bucket?: 'hour' | 'day' }, signal?: AbortSignal): Promise<ThroughputReport> {
  return api.get<ThroughputReport>('/reports/throughput', { query: { ...windowQuery(w), bucket: w.bucket ?? 'day' }, signal });
}

export function salesReport(w: Window & { group: 'day' | 'channel' | 'sku'; limit?: number }, signal?: AbortSignal): Promise<SalesReport> {
  return api.get<SalesReport>('/reports/sales', { query: { ...windowQuery(w), group: w.group, limit: w.limit }, signal });
}

export function spaceReport(warehouse: string, signal?: AbortSignal): Promise<SpaceReport> {
  return api.get<SpaceReport>('/reports/space', { query: { warehouse }, signal });
}

export function dockToStockReport(w: Window, signal?: AbortSignal): Promise<DockToStockReport> {
  return api.get<DockToStockReport>('/reports/dock-to-stock', { query: windowQuery(w), signal });
}

/** A report as CSV (`format=csv`), fetched with the token. */
export function reportCsv(path: string, query: Query, signal?: AbortSignal): Promise<Blob> {
  return api.get<Blob>(path, { query: { ...query, format: 'csv' }, blob: true, signal, timeoutMs: 30000 });
}

// Planning.
export type SimulationParams = QueryParams<'/api/v1/planning/bottlenecks', 'get'>;

export function bottlenecks(p: SimulationParams, signal?: AbortSignal): Promise<Bottlenecks> {
  return api.get<Bottlenecks>('/planning/bottlenecks', { query: { ...p }, signal, timeoutMs: 60000 });
}

export function reorderSuggestions(warehouse: string, signal?: AbortSignal): Promise<ReorderSuggestions> {
  return api.get<ReorderSuggestions>('/planning/reorder-suggestions', { query: { warehouse }, signal, timeoutMs: 60000 });
}

/** A supplier's suggestion made a purchase order (manager). */
export function createPlannedPurchaseOrder(warehouse: string, supplier: string, key: string): Promise<PlannedPurchaseOrder> {
  const body: RequestBody<'/api/v1/planning/purchase-orders', 'post'> = { warehouse, supplier };
  return api.post<PlannedPurchaseOrder>('/planning/purchase-orders', body, { idempotencyKey: key, timeoutMs: 60000 });
}

export function forecast(sku: string, warehouse: string | null, signal?: AbortSignal, horizon = 28): Promise<Forecast> {
  return api.get<Forecast>('/planning/forecasts', { query: { sku, warehouse, horizon }, signal, timeoutMs: 30000 });
}

export function demand(sku: string, warehouse: string | null, days: number, signal?: AbortSignal): Promise<Demand> {
  return api.get<Demand>('/planning/demand', { query: { sku, warehouse, days }, signal });
}

// Returns.
export async function returnsOfOrder(orderId: number, signal?: AbortSignal): Promise<Return[]> {
  return (await api.get<ResponseBody<'/api/v1/returns', 'get'>>('/returns', { query: { order_id: orderId }, signal })).returns;
}

export function getReturn(id: number, signal?: AbortSignal): Promise<Return> {
  return api.get<Return>(`/returns/${seg(id)}`, { signal });
}

export type ReturnRequest = RequestBody<'/api/v1/returns', 'post'>;

export function createReturn(body: ReturnRequest, key: string): Promise<Return> {
  return api.post<Return>('/returns', body, { idempotencyKey: key });
}

export function receiveReturn(id: number, body: RequestBody<'/api/v1/returns/{id}/receive', 'post'>, key: string): Promise<Return> {
  return api.post<Return>(`/returns/${seg(id)}/receive`, body, { idempotencyKey: key });
}

export function inspectReturn(id: number, body: RequestBody<'/api/v1/returns/{id}/inspect', 'post'>, key: string): Promise<Return> {
  return api.post<Return>(`/returns/${seg(id)}/inspect`, body, { idempotencyKey: key });
}

// Counts.
export type CountsPage = ResponseBody<'/api/v1/counts', 'get'>;

export function listCounts(f: { warehouse?: string | null; status?: string } & Paged, signal?: AbortSignal): Promise<CountsPage> {
  return api.get<CountsPage>('/counts', { query: { warehouse: f.warehouse, status: f.status, limit: f.limit ?? 50, cursor: f.cursor }, signal });
}

export function decideCount(id: number, decision: 'approve' | 'reject', key: string): Promise<Count> {
  return api.post<Count>(`/counts/${seg(id)}/${decision}`, {}, { idempotencyKey: key });
}

// Tasks.
export function getTask(id: number, signal?: AbortSignal): Promise<Task> {
  return api.get<Task>(`/tasks/${seg(id)}`, { signal });
}

export function listTasks(f: { warehouse?: string | null; type?: string; status?: string; assigned_to?: string } & Paged, signal?: AbortSignal): Promise<ResponseBody<'/api/v1/tasks', 'get'>> {
  return api.get('/tasks', { query: { warehouse: f.warehouse, type: f.type, status: f.status, assigned_to: f.assigned_to, limit: f.limit ?? 50, cursor: f.cursor }, signal });
}

/**
 * Claims a task when it is still open, then completes it at the scanned location. Two
 * requests, two keys derived from one: a retry of the whole action replays both.
 */
export async function claimAndComplete(task: Task, location: string, key: string, quantity?: number): Promise<Task> {
  if (task.status === 'open') await api.post<Task>(`/tasks/${seg(task.id)}/claim`, {}, { idempotencyKey: `${key}-claim` });
  const body: RequestBody<'/api/v1/tasks/{id}/complete', 'post'> = { location };
  if (quantity !== undefined) body.quantity = quantity;
  return api.post<Task>(`/tasks/${seg(task.id)}/complete`, body, { idempotencyKey: `${key}-complete` });
}
