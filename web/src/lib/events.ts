// The events feed: finding its head, noticing changes, and the events of one order.
import type { WfEvent } from '../api/types';
import { api } from '../session';

interface EventsPage {
  events: WfEvent[];
  next_after: number;
}

export function eventsPage(after: number, limit: number, signal?: AbortSignal): Promise<EventsPage> {
  return api.get<EventsPage>('/events', { query: { after, limit }, signal });
}

let headHint = 0;

/**
 * The sequence number of the newest event. The feed only reads forwards from `after`,
 * so the head is found by doubling, then halving, then one page.
 */
export async function findHead(signal?: AbortSignal): Promise<number> {
  const has = async (n: number) => (await eventsPage(n, 1, signal)).events.length > 0;
  let lo = headHint; // head >= lo
  if (lo > 0 && !(await has(lo - 1))) lo = 0;
  let step = 1024;
  let hi = lo + step;
  while (await has(hi)) {
    lo = hi;
    step *= 2;
    hi = lo + step;
  }
  // head is in [lo, hi]
  while (hi - lo > 500) {
    const mid = Math.floor((lo + hi) / 2);
    if (await has(mid)) lo = mid;
    else hi = mid;
  }
  let after = lo;
  for (;;) {
    const p = await eventsPage(after, 500, signal);
    if (p.events.length === 0) break;
    after = p.events[p.events.length - 1].seq;
  }
  headHint = after;
  return after;
}

/** Events after `after` (up to `limit`), for change detection. */
export async function changesSince(after: number, signal?: AbortSignal): Promise<{ events: WfEvent[]; next: number }> {
  const p = await eventsPage(after, 500, signal);
  const next = p.events.length ? p.events[p.events.length - 1].seq : Math.max(after, p.next_after ?? after);
  if (next > headHint) headHint = next;
  return { events: p.events, next };
}

// The feed cannot be filtered by subject: the app keeps the order-related events of the
// latest WINDOW events in memory and reads new ones as they come.
export const WINDOW = 20000;
const log: { from: number; next: number; events: WfEvent[]; loaded: boolean } = { from: 0, next: 0, events: [], loaded: false };

function orderRelated(e: WfEvent): boolean {
  if (e.subject.startsWith('order:') || e.subject.startsWith('fulfillment:')) return true;
  const d = e.data ?? {};
  return 'order_id' in d || 'fulfillment_id' in d;
}

export async function orderEventLog(signal?: AbortSignal, onProgress?: (done: number, total: number) => void): Promise<{ events: WfEvent[]; from: number }> {
  if (!log.loaded) {
    const head = await findHead(signal);
    log.from = Math.max(0, head - WINDOW);
    log.next = log.from;
    log.events = [];
    log.loaded = true;
  }
  const target = Math.max(headHint, log.next);
  for (;;) {
    const p = await eventsPage(log.next, 500, signal);
    if (p.events.length === 0) break;
    for (const e of p.events) if (orderRelated(e)) log.events.push(e);
    log.next = p.events[p.events.length - 1].seq;
    onProgress?.(log.next - log.from, Math.max(target, log.next) - log.from);
  }
  return { events: log.events, from: log.from };
}

export function eventsOfOrder(events: WfEvent[], orderId: number, fulfillmentIds: number[]): WfEvent[] {
  const fs = new Set(fulfillmentIds);
  return events.filter((e) => {
    if (e.subject === `order:${orderId}`) return true;
    if (fulfillmentIds.some((f) => e.subject === `fulfillment:${f}`)) return true;
    const d = e.data ?? {};
    if (d.order_id === orderId) return true;
    return typeof d.fulfillment_id === 'number' && fs.has(d.fulfillment_id);
  });
}

const TEXT: Record<string, string> = {
  'order.created': 'Order received',
  'order.allocated': 'Backorder allocated',
  'order.backordered': 'Backordered',
  'order.held': 'Put on hold',
  'order.released': 'Released',
  'order.cancelled': 'Cancelled',
  'fulfillment.created': 'Fulfillment created',
  'fulfillment.released': 'Fulfillment released',
  'fulfillment.picking': 'Taken into a wave',
  'pick.confirmed': 'Units picked',
  'pick.short': 'Short pick',
  'fulfillment.picked': 'Picked',
  'fulfillment.packed': 'Packed',
  'fulfillment.shipped': 'Shipped',
  'fulfillment.rated': 'Rated by the carrier',
  'fulfillment.tracking': 'Carrier tracking event',
  'fulfillment.delivered': 'Delivered',
  'fulfillment.cancelled': 'Fulfillment cancelled',
  'return.authorized': 'Return authorised',
  'return.received': 'Return received',
  'return.inspected': 'Return inspected',
  'return.closed': 'Return closed',
};

const units = (n: number) => `${n} unit${n === 1 ? '' : 's'}`;

export function describeEvent(e: WfEvent): string {
  const base = TEXT[e.type] ?? e.type;
  const d = e.data ?? {};
  const bits: string[] = [];
  if (typeof d.fulfillment_id === 'number' && !e.type.startsWith('order.')) bits.push(`fulfillment #${d.fulfillment_id}`);
  if (typeof d.wave_id === 'number') bits.push(`wave #${d.wave_id}`);
  if (typeof d.quantity === 'number') bits.push(units(d.quantity));
  if (typeof d.reason === 'string') bits.push(`“${d.reason}”`);
  if (typeof d.tracking_number === 'string') bits.push(d.tracking_number);
  if (typeof d.status === 'string' && e.type === 'fulfillment.tracking') bits.push(d.status);
  if (typeof d.units === 'number') bits.push(units(d.units));
  return bits.length ? `${base} — ${bits.join(', ')}` : base;
}
