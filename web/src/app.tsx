import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { canSee } from './lib/permissions';
import { useStore } from './lib/store';
import { Link, match, navigate, useLocation } from './router';
import {
  chooseWarehouse,
  connection,
  endSession,
  loadWarehouses,
  retryNow,
  session,
  signIn,
  storedToken,
  warehouse,
  warehouses,
} from './session';
import { Loading, ProblemBox } from './components/ui';
import { SignIn } from './screens/SignIn';
import { Dashboard } from './screens/Dashboard';
import { Orders } from './screens/Orders';
import { OrderDetail } from './screens/OrderDetail';
import { InventoryScreen } from './screens/Inventory';
import { MapScreen } from './screens/MapScreen';
import { Waves } from './screens/Waves';
import { WaveDetail } from './screens/WaveDetail';
import { TrackingPage } from './screens/Tracking';
import { HandheldHome } from './handheld/HandheldHome';
import { PickStart, PickScreen } from './handheld/Pick';
import { PackStart, PackScreen } from './handheld/Pack';
import { ReceiveStart, ReceiveScreen } from './handheld/Receive';
import { CountStart, CountScreen } from './handheld/Count';
import { PutawayScreen, PutawayStart } from './handheld/Putaway';
import { ReturnScreen, ReturnsStart } from './handheld/Returns';
import { Counts } from './screens/Counts';
import { Reports } from './screens/Reports';
import { Planning } from './screens/Planning';
import { ApiError } from './api/client';

export function App() {
  const { pathname } = useLocation();
  const trackingToken = match('/track/:token', pathname);
  if (trackingToken) return <TrackingPage token={trackingToken.token} />;
  return <Operator />;
}

function Operator() {
  const s = useStore(session);
  const [restoring, setRestoring] = useState(() => !session.get() && !!storedToken());
  const [restoreError, setRestoreError] = useState<unknown>(null);

  const restore = () => {
    const t = storedToken();
    if (!t) {
      setRestoring(false);
      return;
    }
    setRestoring(true);
    setRestoreError(null);
    signIn(t).then(
      () => setRestoring(false),
      (e) => {
        if (e instanceof ApiError && e.retryable) {
          setRestoreError(e); // keep the token: the server is down, not the token
        } else {
          endSession('Your stored token is no longer accepted: it was revoked, has expired or is unknown. Sign in again.');
          setRestoring(false);
        }
      },
    );
  };

  useEffect(() => {
    if (restoring) restore();
    // Once, when the app starts with a stored token; later restores are the Retry button's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const token = s?.token;
  useEffect(() => {
    if (token) loadWarehouses().catch(() => undefined);
  }, [token]);

  if (restoring) {
    return (
      <div class="center-page">
        {restoreError ? (
          <div class="card narrow">
            <h1>Wareflow</h1>
            <ProblemBox error={restoreError} onRetry={restore} />
            <button class="btn ghost" type="button" onClick={() => { endSession(); setRestoring(false); }}>
              Sign in with another token
            </button>
          </div>
        ) : (
          <Loading label="Signing in…" />
        )}
      </div>
    );
  }
  if (!s) return <SignIn />;
  return <Shell />;
}

function ConnectionBanner() {
  const c = useStore(connection);
  if (c === 'ok') return null;
  return (
    <div class={`conn-banner ${c}`} role="status" data-testid="connection-banner">
      {c === 'down' ? 'The server cannot be reached. Retrying…' : c === 'busy' ? 'The server is busy, trying again…' : 'The server is slow to answer…'}
      {c === 'down' && (
        <button type="button" class="btn small" onClick={() => void retryNow()}>
          Retry now
        </button>
      )}
    </div>
  );
}

function WarehousePicker() {
  const list = useStore(warehouses);
  const cur = useStore(warehouse);
  if (list.length <= 1) return list[0] ? <span class="wh-code" title={list[0].name}>{list[0].code}</span> : null;
  return (
    <select aria-label="Warehouse" value={cur ?? ''} onChange={(e) => chooseWarehouse((e.target as HTMLSelectElement).value)}>
      {list.map((w) => (
        <option value={w.code} key={w.code}>
          {w.code} — {w.name}
        </option>
      ))}
    </select>
  );
}

function NavLink(props: { href: string; children: ComponentChildren; exact?: boolean }) {
  const { pathname } = useLocation();
  const active = props.exact ? pathname === props.href : pathname === props.href || pathname.startsWith(props.href + '/');
  return (
    <Link href={props.href} class={active ? 'active' : ''} aria-current={active ? 'page' : undefined}>
      {props.children}
    </Link>
  );
}

function Shell() {
  const s = useStore(session)!;
  const { pathname } = useLocation();
  const role = s.me.role;
  const handheld = pathname.startsWith('/handheld');
  const [menu, setMenu] = useState(false);
  useEffect(() => setMenu(false), [pathname]);

  return (
    <div class={`shell ${handheld ? 'handheld' : ''}`}>
      <header class="topbar">
        <Link href={handheld ? '/handheld' : '/'} class="brand">
          Wareflow
        </Link>
        <button type="button" class="btn ghost menu-toggle" aria-label="Menu" aria-expanded={menu} onClick={() => setMenu(!menu)}>
          ☰
        </button>
        <nav class={`nav ${menu ? 'open' : ''}`} aria-label="Main">
          {canSee(role, 'dashboard') && <NavLink href="/" exact>Dashboard</NavLink>}
          {canSee(role, 'orders') && <NavLink href="/orders">Orders</NavLink>}
          {canSee(role, 'inventory') && <NavLink href="/inventory">Inventory</NavLink>}
          {canSee(role, 'map') && <NavLink href="/map">Map</NavLink>}
          {canSee(role, 'waves') && <NavLink href="/waves">Waves</NavLink>}
          {canSee(role, 'counts') && <NavLink href="/counts">Counts</NavLink>}
          {canSee(role, 'reports') && <NavLink href="/reports">Reports</NavLink>}
          {canSee(role, 'planning') && <NavLink href="/planning">Planning</NavLink>}
          {canSee(role, 'handheld') && <NavLink href="/handheld">Handheld</NavLink>}
        </nav>
        <div class="who">
          <WarehousePicker />
          <span class="user" data-testid="whoami">
            {s.me.name} <span class="role">{role}</span>
          </span>
          <button type="button" class="btn small ghost" onClick={() => endSession()}>
            Sign out
          </button>
        </div>
      </header>
      <ConnectionBanner />
      <main class="main">
        <Routes pathname={pathname} />
      </main>
    </div>
  );
}

function Routes(props: { pathname: string }) {
  const p = props.pathname;
  const role = useStore(session)?.me.role;
  let m: Record<string, string> | null;
  if (p === '/' || p === '/signin') return <Dashboard />;
  if (p === '/orders') return <Orders />;
  if ((m = match('/orders/:id', p))) return <OrderDetail id={Number(m.id)} />;
  if (p === '/inventory') return <InventoryScreen />;
  if ((m = match('/inventory/:sku', p))) return <InventoryScreen sku={m.sku} />;
  if (p === '/map') return <MapScreen />;
  if (p === '/waves') return <Waves />;
  if ((m = match('/waves/:id', p))) return <WaveDetail id={Number(m.id)} />;
  if (p === '/counts') return <Counts />;
  if (p === '/reports') return <Reports />;
  if (p === '/planning') return <Planning />;
  if (p.startsWith('/handheld') && !canSee(role, 'handheld')) {
    return <div class="card narrow"><p>Your role ({role}) may not work on the handheld screens (picking, packing, receiving, putting away, counting, returns).</p></div>;
  }
  if (p === '/handheld') return <HandheldHome />;
  if (p === '/handheld/pick') return <PickStart />;
  if ((m = match('/handheld/pick/:id', p))) return <PickScreen id={Number(m.id)} />;
  if (p === '/handheld/pack') return <PackStart />;
  if ((m = match('/handheld/pack/:id', p))) return <PackScreen id={Number(m.id)} />;
  if (p === '/handheld/receive') return <ReceiveStart />;
  if ((m = match('/handheld/receive/:number', p))) return <ReceiveScreen number={m.number} />;
  if (p === '/handheld/count') return <CountStart />;
  if ((m = match('/handheld/count/:id', p))) return <CountScreen id={Number(m.id)} />;
  if (p === '/handheld/putaway') return <PutawayStart />;
  if ((m = match('/handheld/putaway/:id', p))) return <PutawayScreen id={Number(m.id)} />;
  if (p === '/handheld/returns') return <ReturnsStart />;
  if ((m = match('/handheld/returns/:id', p))) return <ReturnScreen id={Number(m.id)} />;
  return (
    <div class="card narrow">
      <h1>Not found</h1>
      <p>There is no page at {p}.</p>
      <button type="button" class="btn" onClick={() => navigate('/')}>
        Go to the dashboard
      </button>
    </div>
  );
}
