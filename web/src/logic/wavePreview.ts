// What a wave would take: the API has no preview, so the released fulfillments are listed
// (GET /fulfillments) and ordered as the server does (priority, then ship-by, then age),
// with the priority and ship-by of their orders.
import type { Fulfillment, Order } from '../api/types';

export interface PreviewItem {
  fulfillment_id: number;
  order_id: number;
  channel_order_id: string;
  priority: number;
  ship_by: string | null;
  created_at: string;
  /** Units to pick; null when not known (an order's split read without its fulfillments). */
  units: number | null;
  lines: number | null;
}

export type FulfillmentLike = Pick<Fulfillment, 'id' | 'order_id' | 'warehouse' | 'status' | 'lines'>;

/**
 * The released fulfillments of a warehouse in wave order. With `fulfillments` (the
 * released list of the API) their units are exact; else they are read off the orders,
 * which is exact only for orders with one fulfillment.
 */
export function releasedFulfillments(orders: Order[], wh: string, fulfillments?: FulfillmentLike[]): PreviewItem[] {
  const out: PreviewItem[] = [];
  if (fulfillments) {
    const byId = new Map(orders.map((o) => [o.id, o]));
    for (const f of fulfillments) {
      if (f.status !== 'released' || f.warehouse !== wh) continue;
      const o = byId.get(f.order_id);
      const lines = f.lines.filter((l) => l.allocated > 0);
      out.push({
        fulfillment_id: f.id,
        order_id: f.order_id,
        channel_order_id: o?.channel_order_id ?? `#${f.order_id}`,
        priority: o?.priority ?? 0,
        ship_by: o?.ship_by ?? null,
        created_at: o?.created_at ?? '',
        units: lines.reduce((n, l) => n + l.allocated, 0),
        lines: lines.length,
      });
    }
    return out.sort(waveOrder);
  }
  const seen = new Set<number>();
  for (const o of orders) {
    for (const f of o.fulfillments) {
      if (f.status !== 'released' || f.warehouse !== wh || seen.has(f.id)) continue;
      seen.add(f.id);
      const single = o.fulfillments.filter((x) => x.status !== 'cancelled').length === 1;
      const allocated = o.lines.filter((l) => l.allocated > 0);
      out.push({
        fulfillment_id: f.id,
        order_id: o.id,
        channel_order_id: o.channel_order_id,
        priority: o.priority,
        ship_by: o.ship_by,
        created_at: o.created_at,
        units: single ? allocated.reduce((n, l) => n + l.allocated, 0) : null,
        lines: single ? allocated.length : null,
      });
    }
  }
  return out.sort(waveOrder);
}

const time = (s: string | null) => {
  const t = s ? Date.parse(s) : NaN;
  return Number.isNaN(t) ? Infinity : t;
};

export function waveOrder(a: PreviewItem, b: PreviewItem): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  const sa = time(a.ship_by);
  const sb = time(b.ship_by);
  if (sa !== sb) return sa < sb ? -1 : 1;
  const ca = time(a.created_at);
  const cb = time(b.created_at);
  if (ca !== cb) return ca < cb ? -1 : 1;
  return a.fulfillment_id - b.fulfillment_id;
}

export function previewTotals(items: PreviewItem[]) {
  return {
    fulfillments: items.length,
    orders: new Set(items.map((i) => i.order_id)).size,
    units: items.reduce((n, i) => n + (i.units ?? 0), 0),
    lines: items.reduce((n, i) => n + (i.lines ?? 0), 0),
    unknown: items.filter((i) => i.units === null).length,
  };
}

export interface WaveProgress {
  lists: number;
  openLists: number;
  lines: number;
  linesDone: number;
  units: number;
  unitsPicked: number;
  short: number;
  done: boolean;
}

/** How far the pick lists of a wave are. */
export function waveProgress(pickLists: { status: string; lines: { status: string; quantity: number; picked: number; short: number }[] }[]): WaveProgress {
  const lines = pickLists.flatMap((p) => p.lines);
  const openLists = pickLists.filter((p) => p.status === 'open').length;
  return {
    lists: pickLists.length,
    openLists,
    lines: lines.length,
    linesDone: lines.filter((l) => l.status !== 'open').length,
    units: lines.reduce((n, l) => n + l.quantity, 0),
    unitsPicked: lines.reduce((n, l) => n + l.picked, 0),
    short: lines.reduce((n, l) => n + l.short, 0),
    done: openLists === 0,
  };
}
