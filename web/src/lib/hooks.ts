import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { AbortedError } from '../api/client';
import { reconnected } from '../session';
import { KeyKeeper } from './keys';

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  setData: (d: T) => void;
}

/**
 * Loads something and keeps it fresh: reloads when `deps` change, when the server comes
 * back after an outage, and every `pollMs` while the page is visible.
 */
export function useResource<T>(
  fn: (signal: AbortSignal) => Promise<T>,
  deps: unknown[],
  opts: { pollMs?: number; enabled?: boolean } = {},
): Resource<T> {
  const enabled = opts.enabled ?? true;
  const [state, setState] = useState<{ data?: T; error: unknown; loading: boolean }>({ error: null, loading: enabled });
  const [nonce, setNonce] = useState(0);
  const depsKey = JSON.stringify(deps);
  const lastKey = useRef(depsKey);
  const fnRef = useRef(fn);
  fnRef.current = fn;

  useEffect(() => {
    if (!enabled) {
      setState({ error: null, loading: false });
      return;
    }
    const ctl = new AbortController();
    let alive = true;
    const changed = lastKey.current !== depsKey;
    lastKey.current = depsKey;
    setState((s) => ({ data: changed ? undefined : s.data, error: changed ? null : s.error, loading: true }));
    fnRef.current(ctl.signal).then(
      (data) => alive && setState({ data, error: null, loading: false }),
      (error) => {
        if (!alive || error instanceof AbortedError) return;
        setState((s) => ({ data: s.data, error, loading: false }));
      },
    );
    return () => {
      alive = false;
      ctl.abort();
    };
  }, [depsKey, nonce, enabled]);

  useEffect(() => reconnected.on(() => setNonce((n) => n + 1)), []);

  useEffect(() => {
    if (!opts.pollMs || !enabled) return;
    const t = setInterval(() => {
      if (typeof document === 'undefined' || !document.hidden) setNonce((n) => n + 1);
    }, opts.pollMs);
    return () => clearInterval(t);
  }, [opts.pollMs, enabled]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  const setData = useCallback((data: T) => setState({ data, error: null, loading: false }), []);
  return { data: state.data, error: state.error, loading: state.loading, reload, setData };
}

export interface ActionState<A extends unknown[], R> {
  /** Never rejects (a failure lands in `error`), so handlers may start it with `void run()`. */
  run: (...args: A) => Promise<R | undefined>;
  busy: boolean;
  error: unknown;
  clear: () => void;
}

/**
 * A write the user starts (a button, a scan). While it is in flight a second call does
 * nothing; it gets an Idempotency-Key that is reused when the same action is retried
 * after a network error or a timeout.
 */
export function useAction<A extends unknown[], R>(
  fn: (key: string, ...args: A) => Promise<R>,
  opts: { onDone?: (r: R, ...args: A) => void; onError?: (e: unknown) => void } = {},
): ActionState<A, R> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const busyRef = useRef(false);
  const keys = useRef(new KeyKeeper());
  const fnRef = useRef(fn);
  fnRef.current = fn;
  const optsRef = useRef(opts);
  optsRef.current = opts;
  const mounted = useRef(true);
  useEffect(() => () => void (mounted.current = false), []);

  const run = useCallback(async (...args: A): Promise<R | undefined> => {
    if (busyRef.current) return undefined;
    busyRef.current = true;
    setBusy(true);
    setError(null);
    try {
      const key = keys.current.keyFor(JSON.stringify(args));
      const r = await fnRef.current(key, ...args);
      keys.current.settle();
      if (mounted.current) optsRef.current.onDone?.(r, ...args);
      return r;
    } catch (e) {
      keys.current.settle(e);
      if (mounted.current) {
        setError(e);
        optsRef.current.onError?.(e);
      }
      return undefined;
    } finally {
      busyRef.current = false;
      if (mounted.current) setBusy(false);
    }
  }, []);
  const clear = useCallback(() => setError(null), []);
  return { run, busy, error, clear };
}

export function useInterval(fn: () => void, ms: number | null) {
  const ref = useRef(fn);
  ref.current = fn;
  useEffect(() => {
    if (ms === null) return;
    const t = setInterval(() => ref.current(), ms);
    return () => clearInterval(t);
  }, [ms]);
}
