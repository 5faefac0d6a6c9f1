import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, session, warehouse } from '../session';
import { json, mockFetch, problem } from '../test/fetchMock';
import { Reports } from './Reports';
import { lastDays, shiftDay } from '../logic/reports';
import { Counts } from './Counts';
import { ReturnScreen } from '../handheld/Returns';

function use(handler: Parameters<typeof mockFetch>[0]) {
  const m = mockFetch(handler);
  api.configure({ fetch: m.fetch });
  return m;
}

const path = (url: string) => new URL(url, 'http://x').pathname.replace('/api/v1', '');

describe('new screens against a mocked server', () => {
  beforeEach(() => warehouse.set('MAIN'));
  afterEach(() => {
    session.set(null);
    api.configure({ fetch: (...a: Parameters<typeof fetch>) => globalThis.fetch(...a) });
  });

  it('Reports shows the KPIs and the sales of each day against a week before', async () => {
    session.set({ token: 't', me: { name: 'ana', role: 'viewer' } });
    const { from } = lastDays(30);
    const day = (key: string, units: number) => ({ key, orders: 1, units, revenue_minor: { EUR: units * 1000 }, revenue_saturated: false, prior_units: 0, change: null });
    use((c) => {
      switch (path(c.url)) {
        case '/reports/orders':
          return json(200, { orders_placed: 1035, orders_shipped: 520, orders_delivered: 420, perfect_orders: 515, perfect_order_rate: 0.99, on_time_ship_rate: 1, fill_rate_at_capture: 0.995, backorder_rate: 0.01, ship_cycle_time: { mean_ms: 1, p50_ms: 3600_000, p90_ms: 7200_000 }, delivery_cycle_time: null });
        case '/reports/throughput':
          return json(200, { units_picked: 2115, units_shipped: 2000, orders_shipped: 520, units_picked_per_hour: 6.3, buckets: [] });
        case '/reports/dock-to-stock':
          return json(200, { receipts: 0, units: 0, dock_to_stock: null });
        case '/reports/space':
          return json(200, { warehouse: 'MAIN', capacity_cm3: 100, used_cm3: 32, utilisation: 0.32, zones: [] });
        case '/reports/sales':
          if (c.url.includes('group=channel')) return json(200, { units: 9, rows: [{ key: 'web', orders: 2, units: 9, revenue_minor: {}, revenue_saturated: false, prior_units: 3, change: 2 }] });
          return json(200, { units: 0, rows: [day(shiftDay(from, -7), 10), day(from, 15)] });
      }
      return problem(404, 'not_found', c.url);
    });
    render(<Reports />);
    await waitFor(() => expect(screen.getByTestId('kpi-orders-placed').textContent).toContain('1,035'));
    expect(screen.getByTestId('kpi-perfect').textContent).toContain('99.0 %');
    await waitFor(() => expect(screen.getByTestId('sales-by-channel').textContent).toContain('+200.0 %'));
    // The day report is asked from a week before the window; each day meets its prior from those rows.
    await waitFor(() => expect(screen.getByTestId('sales-by-day').textContent).toContain('+50.0 %'));
    expect(screen.getByTestId('sales-by-day').querySelectorAll('tbody tr')).toHaveLength(1);
    expect(screen.getByTestId('sales-total').textContent).toContain('+50.0 %');
  });

  it('Counts lets a manager approve a count that needs it', async () => {
    session.set({ token: 't', me: { name: 'boss', role: 'manager' } });
    const count = (status: string) => ({
      id: 3, warehouse: 'MAIN', location: 'A01-001-1', status, attempt: 2, plan_date: null, counted_by: 'ana', decided_by: status === 'approved' ? 'boss' : null,
      created_at: '', started_at: null, submitted_at: '2026-01-01T10:00:00Z', decided_at: null, task_id: null,
      lines: [{ sku: 'TEA', lot: '', counted: 8, expected: 10, variance: -2 }],
    });
    const m = use((c) => (c.method === 'POST' ? json(200, count('approved')) : json(200, { counts: [count('needs_approval')], next_cursor: null })));
    render(<Counts />);
    await waitFor(() => expect(screen.getByTestId('count-list').textContent).toContain('−2'));
    expect(m.calls[0].url).toBe('/api/v1/counts?warehouse=MAIN&status=needs_approval&limit=50');
    fireEvent.click(screen.getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(screen.getByTestId('count-list').textContent).toContain('approved'));
    const post = m.calls.find((c) => c.method === 'POST')!;
    expect(post.url).toBe('/api/v1/counts/3/approve');
    expect(post.headers['Idempotency-Key']).toBeTruthy();
  });

  it('a viewer sees counts without the decision buttons', async () => {
    session.set({ token: 't', me: { name: 'vic', role: 'viewer' } });
    use(() => json(200, { counts: [{ id: 3, location: 'A01-001-1', status: 'needs_approval', attempt: 2, lines: [{ sku: 'TEA', lot: '', counted: 8 }] }], next_cursor: null }));
    render(<Counts />);
    await waitFor(() => screen.getByTestId('count-list'));
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(screen.getByText(/blind to your role/)).toBeTruthy();
  });

  it('the returns screen receives scanned units in one request', async () => {
    session.set({ token: 't', me: { name: 'ana', role: 'operator' } });
    const ret = (received: number) => ({
      id: 4, order_id: 7, warehouse: 'MAIN', status: received ? 'received' : 'authorized', reason: 'damaged', created_at: '',
      lines: [{ id: 1, order_line_id: 2, sku: 'TEA', lot: '', authorized: 2, received, restocked: 0, quarantined: 0, scrapped: 0, awaiting_inspection: received, reason: null }],
    });
    const m = use((c) => {
      const p = path(c.url);
      if (p === '/returns/4/receive') return json(200, ret(2));
      if (p === '/returns/4') return json(200, ret(0));
      if (p === '/products/TEA') return json(200, { sku: 'TEA', name: 'Tea tin', barcodes: ['4000000000013'], tracking: 'none' });
      if (p.startsWith('/warehouses/MAIN/locations')) return json(200, { locations: [{ code: 'RECV-01' }], next_cursor: null });
      return problem(404, 'not_found', c.url);
    });
    render(<ReturnScreen id={4} />);
    await waitFor(() => screen.getByTestId('scan'));
    const scan = (v: string) => {
      const input = screen.getByTestId<HTMLInputElement>('scan');
      fireEvent.input(input, { target: { value: v } });
      fireEvent.submit(input.closest('form')!);
    };
    scan('4000000000013');
    scan('TEA');
    scan('TEA'); // a third unit was not authorised
    expect(screen.getByTestId('feedback').getAttribute('data-kind')).toBe('error');
    fireEvent.click(screen.getByTestId('receive-return'));
    await waitFor(() => expect(screen.getByTestId('inspect-left-TEA').textContent).toBe('2'));
    const posts = m.calls.filter((c) => c.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0].body).toEqual({ lines: [{ sku: 'TEA', quantity: 2 }] });
  });
});
