import { afterEach, describe, expect, it } from 'vitest';
import { api } from '../session';
import { json, mockFetch } from '../test/fetchMock';
import {
  bottlenecks,
  claimAndComplete,
  createPlannedPurchaseOrder,
  createReturn,
  decideCount,
  inspectReturn,
  listFulfillments,
  listOrders,
  listWaves,
  receiveReturn,
  reportCsv,
  salesReport,
  searchProducts,
  subjectEvents,
  warehouseStock,
} from './endpoints';
import { orderTimeline } from '../lib/events';
import type { Order, Task, WfEvent } from './types';

function use(handler: Parameters<typeof mockFetch>[0]) {
  const m = mockFetch(handler);
  api.configure({ fetch: m.fetch });
  return m;
}

afterEach(() => api.configure({ fetch: (...a: Parameters<typeof fetch>) => globalThis.fetch(...a) }));

const ev = (seq: number, subject: string, type: WfEvent['type'], data: Record<string, unknown> = {}): WfEvent => ({ seq, subject, type, at: '2026-01-01T00:00:00Z', data });

describe('API calls', () => {
  it('searches products and orders on the server', async () => {
    const m = use(() => json(200, { products: [], orders: [], next_cursor: null }));
    await searchProducts('board game', { limit: 50, cursor: 'c1' });
    await listOrders({ q: 'ana@example.com', status: 'shipped', limit: 20 });
    expect(m.calls.map((c) => c.url)).toEqual([
      '/api/v1/products?q=board%20game&limit=50&cursor=c1',
      '/api/v1/orders?q=ana%40example.com&status=shipped&limit=20',
    ]);
  });

  it('reads all events of a subject page by page', async () => {
    const m = use((c) => {
      const after = Number(new URL(c.url, 'http://x').searchParams.get('after'));
      const n = after === 0 ? 500 : 3;
      return json(200, { events: Array.from({ length: n }, (_, i) => ev(after + i + 1, 'order:42', 'order.created')), next_after: after + n });
    });
    const evs = await subjectEvents('order:42');
    expect(evs).toHaveLength(503);
    expect(m.calls.map((c) => c.url)).toEqual(['/api/v1/events?subject=order%3A42&after=0&limit=500', '/api/v1/events?subject=order%3A42&after=500&limit=500']);
  });

  it('lists fulfillments, waves and the stock of a warehouse', async () => {
    const m = use(() => json(200, {}));
    await listFulfillments({ warehouse: 'MAIN', status: 'picked', limit: 100 });
    await listWaves({ warehouse: 'MAIN', limit: 20 });
    await warehouseStock('MAIN 2');
    expect(m.calls.map((c) => c.url)).toEqual(['/api/v1/fulfillments?warehouse=MAIN&status=picked&limit=100', '/api/v1/waves?warehouse=MAIN&limit=20', '/api/v1/warehouses/MAIN%202/stock']);
  });

  it('asks reports for a window, and CSV as a blob', async () => {
    const m = use((c) => (c.url.includes('format=csv') ? new Response('key,units\n2026-01-01,3\n', { status: 200, headers: { 'Content-Type': 'text/csv' } }) : json(200, { rows: [] })));
    await salesReport({ from: '2026-01-01', warehouse: 'MAIN', group: 'day' });
    const blob = await reportCsv('/reports/sales', { from: '2026-01-01', group: 'channel' });
    expect(await blob.text()).toContain('key,units');
    expect(m.calls.map((c) => c.url)).toEqual(['/api/v1/reports/sales?from=2026-01-01&warehouse=MAIN&group=day', '/api/v1/reports/sales?from=2026-01-01&group=channel&format=csv']);
    expect(m.calls[1].headers.Authorization).toBeUndefined(); // no session in this test
  });

  it('runs the simulation with the form values and makes purchase orders with a key', async () => {
    const m = use(() => json(200, {}));
    await bottlenecks({ warehouse: 'MAIN', hours: 8, pickers: 3, packers: 2, pickups: '17:00,21:00' });
    await createPlannedPurchaseOrder('MAIN', 'ACME', 'k-1');
    expect(m.calls[0].url).toBe('/api/v1/planning/bottlenecks?warehouse=MAIN&hours=8&pickers=3&packers=2&pickups=17%3A00%2C21%3A00');
    expect(m.calls[1]).toMatchObject({ method: 'POST', url: '/api/v1/planning/purchase-orders', body: { warehouse: 'MAIN', supplier: 'ACME' } });
    expect(m.calls[1].headers['Idempotency-Key']).toBe('k-1');
  });

  it('authorises, receives and inspects returns, and decides counts', async () => {
    const m = use(() => json(200, {}));
    await createReturn({ order_id: 7, reason: 'damaged', lines: [{ order_line_id: 3, quantity: 1 }] }, 'k1');
    await receiveReturn(4, { lines: [{ sku: 'TEA', quantity: 1 }] }, 'k2');
    await inspectReturn(4, { lines: [{ sku: 'TEA', quantity: 1, disposition: 'restock', location: 'A01-001-1' }] }, 'k3');
    await decideCount(9, 'reject', 'k4');
    expect(m.calls.map((c) => `${c.method} ${c.url} ${c.headers['Idempotency-Key']}`)).toEqual([
      'POST /api/v1/returns k1',
      'POST /api/v1/returns/4/receive k2',
      'POST /api/v1/returns/4/inspect k3',
      'POST /api/v1/counts/9/reject k4',
    ]);
    expect(m.calls[2].body).toEqual({ lines: [{ sku: 'TEA', quantity: 1, disposition: 'restock', location: 'A01-001-1' }] });
  });

  it('claims an open task before completing it, each with its own key', async () => {
    const m = use((c) => json(200, { id: 5, status: c.url.endsWith('claim') ? 'in_progress' : 'done' }));
    const t = { id: 5, status: 'open' } as Task;
    const done = await claimAndComplete(t, 'A10-001-2', 'key');
    expect(done.status).toBe('done');
    expect(m.calls.map((c) => [c.url, c.headers['Idempotency-Key']])).toEqual([
      ['/api/v1/tasks/5/claim', 'key-claim'],
      ['/api/v1/tasks/5/complete', 'key-complete'],
    ]);
    expect(m.calls[1].body).toEqual({ location: 'A10-001-2' });
    await claimAndComplete({ ...t, status: 'in_progress' }, 'A10-001-3', 'key2', 2);
    expect(m.calls.slice(2).map((c) => c.url)).toEqual(['/api/v1/tasks/5/complete']);
    expect(m.calls[2].body).toEqual({ location: 'A10-001-3', quantity: 2 });
  });
});

describe('order timeline', () => {
  it("gathers the order's, its fulfillments', its returns' and its picks' events, once each, in order", async () => {
    const events: Record<string, WfEvent[]> = {
      'order:42': [ev(1, 'order:42', 'order.created')],
      'fulfillment:7': [ev(2, 'fulfillment:7', 'fulfillment.created'), ev(4, 'fulfillment:7', 'fulfillment.picking', { wave_id: 3 }), ev(9, 'fulfillment:7', 'fulfillment.shipped')],
      'return:2': [ev(12, 'return:2', 'return.authorized')],
      'pick_list:11': [ev(5, 'pick_list:11', 'pick.confirmed', { fulfillment_id: 7, quantity: 2 }), ev(6, 'pick_list:11', 'pick.confirmed', { fulfillment_id: 8, quantity: 1 })],
    };
    const m = use((c) => {
      const u = new URL(c.url, 'http://x');
      if (u.pathname === '/api/v1/returns') return json(200, { returns: [{ id: 2 }] });
      if (u.pathname === '/api/v1/waves/3') return json(200, { id: 3, pick_lists: [{ id: 11, lines: [{ fulfillment_id: 7 }, { fulfillment_id: 8 }] }, { id: 12, lines: [{ fulfillment_id: 8 }] }] });
      if (u.pathname === '/api/v1/events') return json(200, { events: events[u.searchParams.get('subject')!] ?? [], next_after: 0 });
      return json(404, {});
    });
    const order = { id: 42, fulfillments: [{ id: 7 }], lines: [{ shipped: 1 }] } as Order;
    const tl = await orderTimeline(order);
    expect(tl.map((e) => e.seq)).toEqual([1, 2, 4, 5, 9, 12]); // the other fulfillment's pick is left out
    const subjects = m.calls.filter((c) => c.url.startsWith('/api/v1/events')).map((c) => new URL(c.url, 'http://x').searchParams.get('subject'));
    expect(subjects.sort()).toEqual(['fulfillment:7', 'order:42', 'pick_list:11', 'return:2']);
  });
});
