// HTTP client for the Wareflow JSON API: bearer auth, timeouts, problem+json errors,
// Idempotency-Key on POSTs (reused when a request is retried), and a wait-and-retry
// when the server says it is busy (429/503 with Retry-After).

export interface ProblemDoc {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code: string;
  field?: string;
  [k: string]: unknown;
}

export type ApiErrorKind = 'problem' | 'network' | 'timeout' | 'aborted';

export abstract class ApiError extends Error {
  abstract readonly kind: ApiErrorKind;
  /** True when sending the same request again may succeed (server down, slow). */
  get retryable(): boolean {
    return this.kind === 'network' || this.kind === 'timeout';
  }
}

/** The server answered with an error status; `code` is the stable problem code. */
export class ProblemError extends ApiError {
  readonly kind = 'problem' as const;
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly title: string;
  readonly field?: string;
  readonly problem: ProblemDoc;
  /** The answer's Retry-After in milliseconds, when it had one. */
  readonly retryAfterMs?: number;
  constructor(problem: ProblemDoc, retryAfterMs?: number) {
    super(problem.detail || problem.title || problem.code);
    this.name = 'ProblemError';
    this.problem = problem;
    this.status = problem.status;
    this.code = problem.code;
    this.detail = problem.detail ?? '';
    this.title = problem.title ?? '';
    this.field = problem.field;
    this.retryAfterMs = retryAfterMs;
  }
  override get retryable(): boolean {
    // A read stopped at the server's time budget would run as long again:
    // the user has to ask for less, not retry.
    if (this.code === 'read_timeout') return false;
    // Gateways and an overloaded server: the same request may pass later.
    return this.status === 502 || this.status === 503 || this.status === 504;
  }
}

/** The server could not be reached (refused, reset, DNS, offline). */
export class NetworkError extends ApiError {
  readonly kind = 'network' as const;
  constructor(message = 'The server cannot be reached') {
    super(message);
    this.name = 'NetworkError';
  }
}

/** No answer within the time limit. */
export class TimeoutError extends ApiError {
  readonly kind = 'timeout' as const;
  readonly timeoutMs: number;
  constructor(timeoutMs: number) {
    super(`No answer from the server within ${Math.round(timeoutMs / 1000)} s`);
    this.name = 'TimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

/** The caller cancelled the request (navigation, unmount). */
export class AbortedError extends ApiError {
  readonly kind = 'aborted' as const;
  constructor() {
    super('Request cancelled');
    this.name = 'AbortedError';
  }
}

export function isProblem(e: unknown, code?: string): e is ProblemError {
  return e instanceof ProblemError && (code === undefined || e.code === code);
}

export function newIdempotencyKey(): string {
  const c = (globalThis as { crypto?: Crypto }).crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  let s = '';
  for (let i = 0; i < 32; i++) s += Math.floor(Math.random() * 16).toString(16);
  return s;
}

/**
 * Retry-After as milliseconds: delay-seconds, or an HTTP date (then relative to `now`);
 * undefined when missing or unreadable.
 */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * The server refused the request before doing it and said when to come back: 429
 * too_many_requests (this token's reads are queued) or 503 with Retry-After (server_busy,
 * too_many_connections, database_unavailable). A gateway's 503 without Retry-After is not
 * one: that server may be gone.
 */
export function isBusyRefusal(e: unknown): e is ProblemError & { retryAfterMs: number } {
  return e instanceof ProblemError && (e.status === 429 || e.status === 503) && e.retryAfterMs !== undefined;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** For POST/PUT: the key to send; one is made when missing (set `false` to send none). */
  idempotencyKey?: string | false;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Send the bearer token (default true). */
  auth?: boolean;
  /** How many times to resend after a network error or a timeout (same idempotency key). */
  retries?: number;
  /**
   * How many times to resend after a busy refusal (429/503 with Retry-After); default
   * `busyRetries` of the client. A write is resent only with its Idempotency-Key.
   */
  busyRetries?: number;
  /** Answer as a Blob (documents) instead of JSON. */
  blob?: boolean;
  /** Use this token instead of the configured one (signing in). */
  token?: string;
}

/** `busy`: a request waits to be sent again because the server said it is busy. */
export type ConnState = 'ok' | 'slow' | 'busy' | 'down';

export interface ClientConfig {
  baseUrl?: string;
  getToken?: () => string | null;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Time after which a request in flight counts as slow. */
  slowMs?: number;
  retryDelayMs?: number;
  /** Resends after a busy refusal: 2, so at most 3 attempts. */
  busyRetries?: number;
  /** The longest wait before a resend, whatever Retry-After says. */
  maxBusyWaitMs?: number;
  /** Jitter source in [0, 1): spreads the clients a busy server sent away at once. */
  random?: () => number;
  onUnauthorized?: (err: ProblemError, path: string) => void;
  onConnection?: (state: ConnState) => void;
}

export function buildQuery(q?: Query): string {
  if (!q) return '';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === null || v === '') continue;
    parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

/** Encode one path segment (SKUs, barcodes, location codes, tokens). */
export const seg = (s: string | number) => encodeURIComponent(String(s));

export class ApiClient {
  private cfg: Required<Omit<ClientConfig, 'onUnauthorized' | 'onConnection' | 'getToken'>> &
    Pick<ClientConfig, 'onUnauthorized' | 'onConnection' | 'getToken'>;
  private inflight = 0;
  private slowTimers = new Set<ReturnType<typeof setTimeout>>();
  private slowCount = 0;
  private busyCount = 0;
  private lastState: ConnState = 'ok';

  constructor(cfg: ClientConfig = {}) {
    this.cfg = {
      baseUrl: cfg.baseUrl ?? '/api/v1',
      fetch: cfg.fetch ?? ((...a: Parameters<typeof fetch>) => globalThis.fetch(...a)),
      timeoutMs: cfg.timeoutMs ?? 15000,
      slowMs: cfg.slowMs ?? 3000,
      retryDelayMs: cfg.retryDelayMs ?? 500,
      busyRetries: cfg.busyRetries ?? 2,
      maxBusyWaitMs: cfg.maxBusyWaitMs ?? 10000,
      random: cfg.random ?? Math.random,
      getToken: cfg.getToken,
      onUnauthorized: cfg.onUnauthorized,
      onConnection: cfg.onConnection,
    };
  }

  configure(patch: Partial<ClientConfig>) {
    Object.assign(this.cfg, patch);
  }

  get<T>(path: string, opts: RequestOptions = {}): Promise<T> {
    return this.request<T>('GET', path, opts);
  }

  post<T>(path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
    return this.request<T>('POST', path, { ...opts, body: body ?? {} });
  }

  put<T>(path: string, body: unknown, opts: RequestOptions = {}): Promise<T> {
    return this.request<T>('PUT', path, { ...opts, body });
  }

  async request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const write = method !== 'GET' && method !== 'HEAD';
    const key =
      write && opts.idempotencyKey !== false ? opts.idempotencyKey || newIdempotencyKey() : undefined;
    // Writes with a key are safe to resend: the server answers a replay from its store.
    const retries = opts.retries ?? (write ? (key ? 1 : 0) : 0);
    // A busy refusal means the read was not done, and for a write (docs/api.md) that
    // nothing was written or that a resend with the same key is safe; without a key
    // the outcome of a 503 database_unavailable may be unknown, so it is not resent.
    const busyRetries = !write || key ? opts.busyRetries ?? this.cfg.busyRetries : 0;
    let attempt = 0;
    let busyAttempt = 0;
    for (;;) {
      try {
        return await this.once<T>(method, path, opts, key, busyAttempt < busyRetries);
      } catch (e) {
        if (e instanceof ApiError && e.retryable && e.kind !== 'problem' && attempt < retries) {
          attempt++;
          await sleep(this.cfg.retryDelayMs * attempt, opts.signal);
          continue;
        }
        if (isBusyRefusal(e) && busyAttempt < busyRetries) {
          busyAttempt++;
          await this.waitWhileBusy(this.busyWaitMs(e.retryAfterMs), opts.signal);
          continue;
        }
        throw e;
      }
    }
  }

  /** Retry-After plus up to half of it (at most 1 s) of jitter, capped. */
  private busyWaitMs(retryAfterMs: number): number {
    const jitter = this.cfg.random() * Math.min(retryAfterMs / 2, 1000);
    return Math.min(retryAfterMs + jitter, this.cfg.maxBusyWaitMs);
  }

  /** Sleeps with the connection state `busy` (the banner says the server is busy). */
  private async waitWhileBusy(ms: number, signal?: AbortSignal) {
    this.busyCount++;
    this.setState('busy');
    try {
      await sleep(ms, signal);
    } finally {
      this.busyCount--;
    }
  }

  /** One attempt; `willRetryBusy`: a busy refusal will be waited out and resent. */
  private async once<T>(method: string, path: string, opts: RequestOptions, key: string | undefined, willRetryBusy: boolean): Promise<T> {
    const url = path.startsWith('/healthz') ? path : this.cfg.baseUrl + path + buildQuery(opts.query);
    const headers: Record<string, string> = { Accept: opts.blob ? '*/*' : 'application/json' };
    const token = opts.auth === false ? null : opts.token ?? this.cfg.getToken?.() ?? null;
    if (token) headers.Authorization = `Bearer ${token}`;
    if (key) headers['Idempotency-Key'] = key;
    let body: string | undefined;
    if (opts.body !== undefined && method !== 'GET') {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    const ctl = new AbortController();
    const timeoutMs = opts.timeoutMs ?? this.cfg.timeoutMs;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      ctl.abort();
    }, timeoutMs);
    const onAbort = () => ctl.abort();
    if (opts.signal) {
      if (opts.signal.aborted) ctl.abort();
      else opts.signal.addEventListener('abort', onAbort, { once: true });
    }
    const done = this.begin();
    let res: Response;
    try {
      res = await this.cfg.fetch(url, { method, headers, body, signal: ctl.signal });
    } catch {
      done();
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      if (timedOut) {
        this.setState('slow');
        throw new TimeoutError(timeoutMs);
      }
      if (opts.signal?.aborted) throw new AbortedError();
      this.setState('down');
      throw new NetworkError();
    }
    try {
      if (!res.ok) {
        const problem = await readProblem(res);
        const err = new ProblemError(problem, parseRetryAfter(res.headers.get('Retry-After')));
        done();
        // A proxy in front of a stopped server answers 502/503/504. A busy refusal about
        // to be resent is not a server down: request() shows `busy` while it waits.
        if (!(willRetryBusy && isBusyRefusal(err))) this.setState(err.retryable ? 'down' : 'ok');
        if (res.status === 401) this.cfg.onUnauthorized?.(err, path);
        throw err;
      }
      let out: unknown;
      if (opts.blob) out = await res.blob();
      else if (res.status === 204) out = null;
      else {
        const text = await res.text();
        out = text ? JSON.parse(text) : null;
      }
      done();
      this.setState('ok');
      return out as T;
    } catch (e) {
      if (e instanceof ApiError) throw e;
      done();
      if (timedOut) {
        this.setState('slow');
        throw new TimeoutError(timeoutMs);
      }
      if (opts.signal?.aborted) throw new AbortedError();
      if (e instanceof SyntaxError) {
        throw new ProblemError({ status: res.status, code: 'bad_response', title: 'Bad response', detail: 'The server answered with something that is not JSON' });
      }
      this.setState('down');
      throw new NetworkError();
    } finally {
      done();
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Tracks requests in flight to report a slow server. */
  private begin(): () => void {
    this.inflight++;
    let slow = false;
    const t = setTimeout(() => {
      slow = true;
      this.slowCount++;
      this.slowTimers.delete(t);
      if (this.lastState === 'ok') this.setState('slow');
    }, this.cfg.slowMs);
    this.slowTimers.add(t);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.inflight--;
      clearTimeout(t);
      this.slowTimers.delete(t);
      if (slow) this.slowCount--;
    };
  }

  private setState(s: ConnState) {
    // Another request still waiting out a busy server keeps the banner up.
    if (s === 'ok' && this.busyCount > 0) s = 'busy';
    if (s === 'ok' && this.slowCount > 0) s = 'slow';
    if (s === this.lastState) return;
    this.lastState = s;
    this.cfg.onConnection?.(s);
  }

  get connection(): ConnState {
    return this.lastState;
  }
}

async function readProblem(res: Response): Promise<ProblemDoc> {
  let text = '';
  try {
    text = await res.text();
  } catch {
    /* body unreadable */
  }
  try {
    const j = JSON.parse(text) as Partial<ProblemDoc>;
    if (j && typeof j === 'object' && typeof j.code === 'string') {
      return { ...j, status: typeof j.status === 'number' ? j.status : res.status, code: j.code };
    }
  } catch {
    /* not JSON */
  }
  const code = res.status === 502 || res.status === 503 || res.status === 504 ? 'server_unavailable' : `http_${res.status}`;
  return {
    status: res.status,
    code,
    title: res.statusText || `HTTP ${res.status}`,
    detail: text.trim().slice(0, 200) || `The server answered ${res.status}`,
  };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortedError());
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        reject(new AbortedError());
      },
      { once: true },
    );
  });
}
