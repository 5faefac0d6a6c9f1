// What a wave would take: the API has no preview, so the released fulfillments are read
// from the orders and ordered as the server does (priority, then ship-by, then age).
import type { Order } from '../api/types';

export interface PreviewItem {
  fulfillment_id: number;
  order_id: number;
  channel_order_id: string;
  priority: number;
  ship_by: string | null;
  created_at: string;
  /** Units to pick; null when the order has several fulfillments (read separately). */
  units: number | null;
  lines: number | null;
}

export function releasedFulfillments(orders: Order[], wh: string): PreviewItem[] {
  const out: PreviewItem[] = [];
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

export function waveOrder(a: PreviewItem, b: PreviewItem): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  const sa = a.ship_by ? Date.parse(a.ship_by) : Infinity;
  const sb = b.ship_by ? Date.parse(b.ship_by) : Infinity;
  if (sa !== sb) return sa - sb;
  const ca = Date.parse(a.created_at);
  const cb = Date.parse(b.created_at);
  if (ca !== cb) return ca - cb;
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
