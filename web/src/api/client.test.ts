import { describe, expect, it, vi } from 'vitest';
import { ApiClient, ApiError, NetworkError, ProblemError, TimeoutError, buildQuery } from './client';
import { KeyKeeper } from '../lib/keys';
import { hang, json, mockFetch, problem } from '../test/fetchMock';

function client(f: typeof fetch, extra: Partial<ConstructorParameters<typeof ApiClient>[0]> = {}) {
  return new ApiClient({ fetch: f, getToken: () => 'tok-1', retryDelayMs: 1, ...extra });
}

describe('ApiClient', () => {
  it('sends the bearer token and the query, and parses JSON', async () => {
    const m = mockFetch(() => json(200, { orders: [], next_cursor: null }));
    const r = await client(m.fetch).get<{ orders: unknown[] }>('/orders', { query: { status: 'allocated', cursor: null, limit: 50 } });
    expect(r.orders).toEqual([]);
    expect(m.calls[0].url).toBe('/api/v1/orders?status=allocated&limit=50');
    expect(m.calls[0].headers.Authorization).toBe('Bearer tok-1');
    expect(m.calls[0].headers['Idempotency-Key']).toBeUndefined();
  });

  it('sends no token when auth is off (tracking page)', async () => {
    const m = mockFetch(() => json(200, {}));
    await client(m.fetch).get('/tracking/abc', { auth: false });
    expect(m.calls[0].headers.Authorization).toBeUndefined();
  });

  it('turns problem documents into typed ProblemErrors', async () => {
    const m = mockFetch(() => problem(422, 'invalid_field', 'lines[0].quantity must be a positive integer', 'lines[0].quantity'));
    const err = (await client(m.fetch).post('/orders', {}).catch((e: unknown) => e)) as ProblemError;
    expect(err).toBeInstanceOf(ProblemError);
    expect(err.code).toBe('invalid_field');
    expect(err.status).toBe(422);
    expect(err.field).toBe('lines[0].quantity');
    expect(err.detail).toMatch(/positive integer/);
    expect(err.retryable).toBe(false);
    expect(m.calls).toHaveLength(1); // a refusal is not resent
  });

  it('reports 401 to the session and 403 as forbidden', async () => {
    const onUnauthorized = vi.fn();
    const m = mockFetch((c) => (c.url.includes('orders') ? problem(401, 'unauthorized', 'a valid bearer token is required') : problem(403, 'forbidden', 'no')));
    const c = client(m.fetch, { onUnauthorized });
    await expect(c.get('/orders')).rejects.toMatchObject({ code: 'unauthorized', status: 401 });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    await expect(c.post('/waves', {})).rejects.toMatchObject({ code: 'forbidden', status: 403 });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('makes a problem of a non-JSON gateway error and calls it retryable', async () => {
    const m = mockFetch(() => new Response('<html>Bad Gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    const states: string[] = [];
    const err = (await client(m.fetch, { onConnection: (s) => states.push(s) }).get('/orders').catch((e: unknown) => e)) as ProblemError;
    expect(err).toBeInstanceOf(ProblemError);
    expect(err.code).toBe('server_unavailable');
    expect(err.retryable).toBe(true);
    expect(states).toContain('down');
  });

  it('reports a server that cannot be reached', async () => {
    const m = mockFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    const states: string[] = [];
    const err = (await client(m.fetch, { onConnection: (s) => states.push(s) }).get('/orders').catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.retryable).toBe(true);
    expect(states).toEqual(['down']);
  });

  it('times out a request that gets no answer', async () => {
    const m = mockFetch((_c, signal) => hang(signal));
    const err = (await client(m.fetch).get('/orders', { timeoutMs: 20 }).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err.retryable).toBe(true);
  });

  it('puts an Idempotency-Key on POSTs and reuses it when it resends after a network error', async () => {
    let n = 0;
    const m = mockFetch(() => {
      if (n++ === 0) throw new TypeError('connection reset');
      return json(200, { id: 7 });
    });
    const r = await client(m.fetch).post<{ id: number }>('/pick-lists/1/picks', { quantity: 1 });
    expect(r.id).toBe(7);
    expect(m.calls).toHaveLength(2);
    const k1 = m.calls[0].headers['Idempotency-Key'];
    expect(k1).toMatch(/.{8,}/);
    expect(m.calls[1].headers['Idempotency-Key']).toBe(k1);
    expect(m.calls[1].body).toEqual({ quantity: 1 });
  });

  it('reuses the key after a timeout too, and sends the given key', async () => {
    let n = 0;
    const m = mockFetch((_c, signal) => (n++ === 0 ? hang(signal) : json(201, { ok: true })));
    await client(m.fetch).post('/waves', { warehouse: 'MAIN' }, { idempotencyKey: 'key-123', timeoutMs: 20 });
    expect(m.calls.map((c) => c.headers['Idempotency-Key'])).toEqual(['key-123', 'key-123']);
  });

  it('does not resend GETs by itself', async () => {
    const m = mockFetch(() => {
      throw new TypeError('down');
    });
    await client(m.fetch).get('/orders').catch(() => undefined);
    expect(m.calls).toHaveLength(1);
  });

  it('builds queries without empty values', () => {
    expect(buildQuery({ a: 1, b: '', c: null, d: undefined, e: 'x y' })).toBe('?a=1&e=x%20y');
    expect(buildQuery({})).toBe('');
  });
});

describe('KeyKeeper', () => {
  it('keeps the key of an action for a retry after a network error, and only then', () => {
    let i = 0;
    const k = new KeyKeeper(() => `k${++i}`);
    const a = k.keyFor('{"line":1}');
    expect(k.keyFor('{"line":1}')).toBe(a); // pressed twice: same key
    k.settle(new NetworkError());
    expect(k.keyFor('{"line":1}')).toBe(a); // retry after a network error: same key
    k.settle(new ProblemError({ status: 422, code: 'wrong_product' }));
    expect(k.keyFor('{"line":1}')).not.toBe(a); // answered: a new attempt is a new request
    const b = k.pending;
    k.settle();
    expect(k.keyFor('{"line":2}')).not.toBe(b);
  });
});
