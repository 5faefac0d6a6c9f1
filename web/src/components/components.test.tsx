import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProblemError } from '../api/client';
import { api, session, signOutReason } from '../session';
import { FeedbackPanel, ScanInput } from '../handheld/common';
import { PickScreen } from '../handheld/Pick';
import { TrackingPage } from '../screens/Tracking';
import { SignIn } from '../screens/SignIn';
import { BarChart, niceMax } from './BarChart';
import { Badge, ProblemBox } from './ui';
import { json, mockFetch, problem } from '../test/fetchMock';

function scan(text: string) {
  const input = screen.getByTestId<HTMLInputElement>('scan');
  fireEvent.input(input, { target: { value: text } });
  fireEvent.submit(input.closest('form')!);
}

describe('components', () => {
  beforeEach(() => session.set({ token: 't', me: { name: 'ana', role: 'viewer' } }));
  afterEach(() => session.set(null));

  it('ProblemBox says what the role may not do on 403, with the code', () => {
    render(<ProblemBox error={new ProblemError({ status: 403, code: 'forbidden', detail: 'role viewer may not call POST /waves' })} action="waves.create" />);
    expect(screen.getByRole('alert').textContent).toContain('Your role (viewer) may not create waves.');
    expect(screen.getByRole('alert').textContent).toContain('forbidden');
  });

  it('ProblemBox shows the detail and code of other problems', () => {
    render(<ProblemBox error={new ProblemError({ status: 409, code: 'invalid_state', detail: 'fulfillment 3 is not packed' })} />);
    expect(screen.getByRole('alert').textContent).toMatch(/fulfillment 3 is not packed.*invalid_state/);
  });

  it('FeedbackPanel marks wrong scans', () => {
    render(<FeedbackPanel fb={{ kind: 'error', text: 'Wrong location', code: 'wrong_location' }} />);
    const fb = screen.getByTestId('feedback');
    expect(fb.getAttribute('data-kind')).toBe('error');
    expect(fb.className).toContain('error');
    expect(fb.textContent).toContain('wrong_location');
  });

  it('ScanInput hands over the scan on Enter, clears itself and keeps the focus', () => {
    const onScan = vi.fn();
    render(<ScanInput onScan={onScan} placeholder="Scan" />);
    const input = screen.getByTestId<HTMLInputElement>('scan');
    expect(document.activeElement).toBe(input);
    scan('A01-001-1');
    expect(onScan).toHaveBeenCalledWith('A01-001-1');
    expect(input.value).toBe('');
    expect(document.activeElement).toBe(input);
  });

  it('Badge and BarChart render', () => {
    render(
      <>
        <Badge status="partially_shipped" />
        <BarChart title="Units picked" bars={[{ label: '10', value: 3 }, { label: '11', value: 7 }]} />
      </>,
    );
    expect(screen.getByText('partially shipped')).toBeTruthy();
    expect(document.querySelectorAll('rect').length).toBe(2);
    expect(niceMax(7)).toBe(10);
    expect(niceMax(3)).toBe(4);
  });
});

describe('screens with a mocked server', () => {
  afterEach(() => {
    session.set(null);
    api.configure({ fetch: (...a: Parameters<typeof fetch>) => globalThis.fetch(...a) });
  });

  it('the tracking page shows the status and tracking number without a token', async () => {
    const m = mockFetch(() =>
      json(200, {
        order: { channel_order_id: 'DEMO-7', status: 'shipped', created_at: '2026-01-01T00:00:00Z', lines: [{ sku: 'S', name: 'Tea tin', quantity: 1, shipped: 1 }] },
        shipments: [{ status: 'shipped', carrier: 'PARCEL', service: 'standard', tracking_number: 'TN123', tracking_status: null, shipped_at: '2026-01-01T10:00:00Z', delivered_at: null }],
      }),
    );
    api.configure({ fetch: m.fetch });
    render(<TrackingPage token="abc" />);
    await waitFor(() => expect(screen.getByTestId('tracking-number').textContent).toBe('TN123'));
    expect(screen.getByTestId('tracking-status').textContent).toContain('shipped');
    expect(m.calls[0].url).toBe('/api/v1/tracking/abc');
    expect(m.calls[0].headers.Authorization).toBeUndefined();
  });

  it('a token revoked during work signs out with a message', async () => {
    session.set({ token: 't', me: { name: 'ana', role: 'manager' } });
    api.configure({ fetch: mockFetch(() => problem(401, 'unauthorized', 'a valid bearer token is required')).fetch });
    await api.get('/orders').catch(() => undefined);
    expect(session.get()).toBeNull();
    expect(signOutReason.get()).toMatch(/revoked/);
  });

  it('the tracking page says when a link is unknown', async () => {
    api.configure({ fetch: mockFetch(() => problem(404, 'not_found', 'no order has this tracking link')).fetch });
    render(<TrackingPage token="nope" />);
    await waitFor(() => expect(screen.getByTestId('tracking-unknown')).toBeTruthy());
  });

  it('sign-in explains a refused token', async () => {
    api.configure({ fetch: mockFetch(() => problem(401, 'unauthorized', 'a valid bearer token is required')).fetch });
    render(<SignIn />);
    fireEvent.input(screen.getByPlaceholderText('wf_…'), { target: { value: 'bad' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('not accepted'));
    expect(session.get()).toBeNull();
  });

  it('the pick screen refuses a wrong scan locally and confirms a right one once', async () => {
    session.set({ token: 't', me: { name: 'ana', role: 'operator' } });
    const list = (picked: number) => ({
      id: 5,
      wave_id: 1,
      warehouse: 'MAIN',
      status: picked ? 'done' : 'open',
      route: null,
      lines: [{ id: 9, sequence: 1, location: 'A01-001-1', sku: 'SKU-1', lot: '', quantity: 1, picked, short: 0, status: picked ? 'done' : 'open', fulfillment_id: 3 }],
    });
    const m = mockFetch((c) => {
      if (c.url.startsWith('/api/v1/pick-lists/5/picks')) return json(200, list(1));
      if (c.url.startsWith('/api/v1/pick-lists/5')) return json(200, list(0));
      if (c.url.startsWith('/api/v1/products/SKU-1')) return json(200, { sku: 'SKU-1', name: 'Tea tin', barcodes: ['4000000000013'] });
      return problem(404, 'not_found', c.url);
    });
    api.configure({ fetch: m.fetch });
    render(<PickScreen id={5} />);
    await waitFor(() => expect(screen.getByTestId('pick-location').textContent).toContain('A01-001-1'));
    scan('A09-009-9');
    expect(screen.getByTestId('feedback').getAttribute('data-kind')).toBe('error');
    scan('A01-001-1');
    expect(screen.getByTestId('feedback').getAttribute('data-kind')).toBe('ok');
    scan('4000000000013');
    scan('4000000000013'); // the repeat arrives while the first is in flight
    await waitFor(() => expect(screen.getByTestId('pick-done')).toBeTruthy());
    const posts = m.calls.filter((c) => c.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0].body).toEqual({ line_id: 9, location: 'A01-001-1', barcode: '4000000000013', quantity: 1 });
    expect(posts[0].headers['Idempotency-Key']).toBeTruthy();
  });
});
