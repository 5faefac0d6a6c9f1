import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiClient, ApiError, NetworkError, ProblemError, TimeoutError, buildQuery, parseRetryAfter } from './client';
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

  it('does not offer to retry a read the server stopped at its time budget', async () => {
    const m = mockFetch(() => problem(503, 'read_timeout', 'the read ran longer than the server allows (30000 ms)'));
    const states: string[] = [];
    const err = (await client(m.fetch, { onConnection: (s) => states.push(s) }).get('/reports/orders').catch((e: unknown) => e)) as ProblemError;
    expect(err).toBeInstanceOf(ProblemError);
    expect(err.code).toBe('read_timeout');
    expect(err.retryable).toBe(false);
    expect(m.calls).toHaveLength(1);
    expect(states).not.toContain('down');
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

/** A refusal as the server sends it: problem+json with Retry-After. */
function busy(status: number, code: string, retryAfter: string | null): Response {
  const headers: Record<string, string> = { 'Content-Type': 'application/problem+json' };
  if (retryAfter !== null) headers['Retry-After'] = retryAfter;
  return new Response(JSON.stringify({ type: `https://wareflow.dev/problems/${code}`, title: code, status, code, detail: 'retry shortly' }), { status, headers });
}

describe('ApiClient on a busy server (429/503 with Retry-After)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits Retry-After, says so, and resends a GET answered 429', async () => {
    vi.useFakeTimers();
    let n = 0;
    const m = mockFetch(() => (n++ === 0 ? busy(429, 'too_many_requests', '1') : json(200, { orders: [] })));
    const states: string[] = [];
    const p = client(m.fetch, { random: () => 0, onConnection: (s) => states.push(s) }).get<{ orders: unknown[] }>('/orders');
    await vi.advanceTimersByTimeAsync(999);
    expect(m.calls).toHaveLength(1); // not before Retry-After
    expect(states).toEqual(['busy']);
    await vi.advanceTimersByTimeAsync(1);
    await expect(p).resolves.toEqual({ orders: [] });
    expect(m.calls).toHaveLength(2);
    expect(states).toEqual(['busy', 'ok']);
  });

  it('adds at most half a second of jitter to one second', async () => {
    vi.useFakeTimers();
    let n = 0;
    const m = mockFetch(() => (n++ === 0 ? busy(503, 'server_busy', '1') : json(200, {})));
    const p = client(m.fetch, { random: () => 0.999 }).get('/orders');
    await vi.advanceTimersByTimeAsync(1400);
    expect(m.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(100);
    await p;
    expect(m.calls).toHaveLength(2);
  });

  it('gives up after 3 attempts, waiting at most 10 s whatever Retry-After says', async () => {
    vi.useFakeTimers();
    const m = mockFetch(() => busy(503, 'server_busy', '3600'));
    const states: string[] = [];
    const out = client(m.fetch, { random: () => 0, onConnection: (s) => states.push(s) })
      .get('/orders')
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(9999);
    expect(m.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(m.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(10000);
    const err = (await out) as ProblemError;
    expect(m.calls).toHaveLength(3);
    expect(err).toBeInstanceOf(ProblemError);
    expect(err.code).toBe('server_busy');
    expect(err.retryAfterMs).toBe(3600 * 1000);
    expect(states[states.length - 1]).toBe('down'); // as before: the banner and the /healthz probe take over
  });

  it('resends a write answered 503 with its Idempotency-Key, the same key each time', async () => {
    vi.useFakeTimers();
    let n = 0;
    const m = mockFetch(() => (n++ === 0 ? busy(503, 'database_unavailable', '1') : json(201, { id: 3 })));
    const p = client(m.fetch, { random: () => 0 }).post<{ id: number }>('/waves', { warehouse: 'MAIN' });
    await vi.advanceTimersByTimeAsync(1000);
    await expect(p).resolves.toEqual({ id: 3 });
    expect(m.calls).toHaveLength(2);
    const k = m.calls[0].headers['Idempotency-Key'];
    expect(k).toMatch(/.{8,}/);
    expect(m.calls[1].headers['Idempotency-Key']).toBe(k);
    expect(m.calls[1].body).toEqual({ warehouse: 'MAIN' });
  });

  it('does not resend a write without an Idempotency-Key: a 503 may leave its outcome unknown', async () => {
    vi.useFakeTimers();
    const m = mockFetch(() => busy(503, 'database_unavailable', '1'));
    const out = client(m.fetch).post('/waves', { warehouse: 'MAIN' }, { idempotencyKey: false }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(30000);
    expect(await out).toMatchObject({ status: 503, code: 'database_unavailable' });
    expect(m.calls).toHaveLength(1);
    expect(m.calls[0].headers['Idempotency-Key']).toBeUndefined();
  });

  it('does not wait out a 503 without Retry-After (a gateway whose server is gone)', async () => {
    const m = mockFetch(() => busy(503, 'server_unavailable', null));
    await expect(client(m.fetch).get('/orders')).rejects.toMatchObject({ status: 503 });
    expect(m.calls).toHaveLength(1);
  });

  it('stops waiting when the caller aborts', async () => {
    vi.useFakeTimers();
    const m = mockFetch(() => busy(429, 'too_many_requests', '1'));
    const ctl = new AbortController();
    const out = client(m.fetch).get('/orders', { signal: ctl.signal }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10);
    ctl.abort();
    expect((await out) as ApiError).toMatchObject({ kind: 'aborted' });
    await vi.advanceTimersByTimeAsync(5000);
    expect(m.calls).toHaveLength(1);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('1')).toBe(1000);
    expect(parseRetryAfter(' 0 ')).toBe(0);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:05 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(5000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 08:00:00 GMT'))).toBe(0);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
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
