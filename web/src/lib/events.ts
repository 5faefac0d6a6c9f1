// The events feed: finding its head, noticing changes, and the history of one order.
import { returnsOfOrder, subjectEvents, type EventsPage } from '../api/endpoints';
import type { Order, Wave, WfEvent } from '../api/types';
import { api } from '../session';

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

/** The pick lists of some waves that hold lines of the given fulfillments. */
export function pickListsFor(waves: Wave[], fulfillmentIds: number[]): number[] {
  const fs = new Set(fulfillmentIds);
  const out: number[] = [];
  for (const w of waves) for (const pl of w.pick_lists) if (pl.lines.some((l) => fs.has(l.fulfillment_id))) out.push(pl.id);
  return [...new Set(out)];
}

/** The waves named by `fulfillment.picking` events. */
export function wavesNamed(events: WfEvent[]): number[] {
  const out = new Set<number>();
  for (const e of events) if (e.type === 'fulfillment.picking' && typeof e.data?.wave_id === 'number') out.add(e.data.wave_id);
  return [...out];
}

/**
 * One timeline from several subjects' events: each event once, in feed order. Events of a
 * pick list count only when they concern one of the fulfillments.
 */
export function mergeTimeline(groups: WfEvent[][], fulfillmentIds: number[]): WfEvent[] {
  const fs = new Set(fulfillmentIds);
  const bySeq = new Map<number, WfEvent>();
  for (const g of groups) {
    for (const e of g) {
      if (e.subject.startsWith('pick_list:') && !(typeof e.data?.fulfillment_id === 'number' && fs.has(e.data.fulfillment_id))) continue;
      bySeq.set(e.seq, e);
    }
  }
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/**
 * The history of an order: its own events, its fulfillments', its returns', and the pick
 * confirmations of its fulfillments (on the pick lists of the waves that took them).
 */
export async function orderTimeline(order: Order, signal?: AbortSignal): Promise<WfEvent[]> {
  const fids = order.fulfillments.map((f) => f.id);
  const shipped = order.lines.some((l) => l.shipped > 0);
  const returns = shipped ? await returnsOfOrder(order.id, signal).catch(() => [] as { id: number }[]) : [];
  const subjects = [`order:${order.id}`, ...fids.map((f) => `fulfillment:${f}`), ...returns.map((r) => `return:${r.id}`)];
  const groups = await Promise.all(subjects.map((s) => subjectEvents(s, signal)));
  const waveIds = wavesNamed(groups.flat()).slice(0, 10);
  if (waveIds.length > 0) {
    const waves = await Promise.all(waveIds.map((w) => api.get<Wave>(`/waves/${w}`, { signal })));
    const lists = pickListsFor(waves, fids).slice(0, 20);
    groups.push(...(await Promise.all(lists.map((pl) => subjectEvents(`pick_list:${pl}`, signal)))));
  }
  return mergeTimeline(groups, fids);
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
  if (Array.isArray(d.items)) {
    for (const it of d.items as { sku?: unknown; quantity?: unknown; disposition?: unknown }[]) {
      if (typeof it?.sku !== 'string' || typeof it.quantity !== 'number') continue;
      bits.push(`${it.quantity} × ${it.sku}${typeof it.disposition === 'string' ? ` (${it.disposition})` : ''}`);
    }
  }
  return bits.length ? `${base} — ${bits.join(', ')}` : base;
}
