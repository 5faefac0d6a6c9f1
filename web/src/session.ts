// The signed-in token, the connection state and the chosen warehouse.
import { ApiClient, ProblemError, type ConnState } from './api/client';
import type { Me, Warehouse, ResponseBody } from './api/types';
import { Bus, Store } from './lib/store';

export const TOKEN_KEY = 'wareflow.token';
export const WAREHOUSE_KEY = 'wareflow.warehouse';

export interface Session {
  token: string;
  me: Me;
}

export const session = new Store<Session | null>(null);
/** Why the app went back to the sign-in screen (revoked token, …). */
export const signOutReason = new Store<string | null>(null);
export const connection = new Store<ConnState>('ok');
/** Emitted when the server answers again after being unreachable: screens reload. */
export const reconnected = new Bus();
export const warehouses = new Store<Warehouse[]>([]);
export const warehouse = new Store<string | null>(readStorage(WAREHOUSE_KEY));

function readStorage(k: string): string | null {
  try {
    return localStorage.getItem(k);
  } catch {
    return null;
  }
}
function writeStorage(k: string, v: string | null) {
  try {
    if (v === null) localStorage.removeItem(k);
    else localStorage.setItem(k, v);
  } catch {
    /* storage unavailable */
  }
}

export function storedToken(): string | null {
  return readStorage(TOKEN_KEY);
}

export const api = new ApiClient({
  getToken: () => session.get()?.token ?? null,
  onUnauthorized: (_err: ProblemError, path: string) => {
    if (path === '/me' || !session.get()) return;
    endSession('Your token is no longer accepted: it was revoked, has expired or is unknown. Sign in again.');
  },
  onConnection: (s) => {
    const before = connection.get();
    connection.set(s);
    if (before === 'down' && s === 'ok') reconnected.emit();
    if (s === 'down') watchHealth();
  },
});

let healthTimer: ReturnType<typeof setTimeout> | null = null;
/** While the server is down, probe /healthz every few seconds. */
export function watchHealth(delayMs = 3000) {
  if (healthTimer) return;
  healthTimer = setTimeout(() => {
    healthTimer = null;
    api.get('/healthz', { auth: false, timeoutMs: 5000 }).catch(() => {
      if (connection.get() !== 'ok') watchHealth(Math.min(delayMs * 1.5, 15000));
    });
  }, delayMs);
}

/** Try again now (the banner's button). */
export async function retryNow() {
  if (healthTimer) {
    clearTimeout(healthTimer);
    healthTimer = null;
  }
  try {
    await api.get('/healthz', { auth: false, timeoutMs: 5000 });
    reconnected.emit();
  } catch {
    watchHealth();
  }
}

export async function signIn(token: string): Promise<Me> {
  const t = token.trim();
  const me = await api.get<Me>('/me', { token: t, timeoutMs: 10000 });
  writeStorage(TOKEN_KEY, t);
  signOutReason.set(null);
  session.set({ token: t, me });
  return me;
}

export function endSession(reason: string | null = null) {
  writeStorage(TOKEN_KEY, null);
  signOutReason.set(reason);
  session.set(null);
}

export function chooseWarehouse(code: string) {
  writeStorage(WAREHOUSE_KEY, code);
  warehouse.set(code);
}

export async function loadWarehouses() {
  const r = await api.get<ResponseBody<'/api/v1/warehouses', 'get'>>('/warehouses', { query: { limit: 500 } });
  warehouses.set(r.warehouses);
  const cur = warehouse.get();
  if (!cur || !r.warehouses.some((w) => w.code === cur)) {
    if (r.warehouses[0]) chooseWarehouse(r.warehouses[0].code);
  }
}
