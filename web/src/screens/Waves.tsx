import { useState } from 'preact/hooks';
import { seg } from '../api/client';
import type { Fulfillment, Order, PickList, Task, Wave } from '../api/types';
import { fmtNum, fmtRelative } from '../lib/format';
import { useAction, useResource } from '../lib/hooks';
import { can } from '../lib/permissions';
import { useStore } from '../lib/store';
import { previewTotals, releasedFulfillments, type PreviewItem } from '../logic/wavePreview';
import { Link, navigate } from '../router';
import { api, session, warehouse } from '../session';
import { Async, Card, Empty, Field, ProblemBox } from '../components/ui';

const BATCHING = ['auto', 'fcfs', 'seed', 'savings', 'ils', 'alns'];
const RECENT_KEY = 'wareflow.recentWaves';

export function recentWaves(): number[] {
  try {
    return JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]') as number[];
  } catch {
    return [];
  }
}
function rememberWave(id: number) {
  try {
    localStorage.setItem(RECENT_KEY, JSON.stringify([id, ...recentWaves().filter((x) => x !== id)].slice(0, 10)));
  } catch {
    /* storage unavailable */
  }
}

async function ordersWithStatus(status: string, signal: AbortSignal): Promise<Order[]> {
  const out: Order[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const p: { orders: Order[]; next_cursor: string | null } = await api.get('/orders', { query: { status, limit: 500, cursor }, signal });
    out.push(...p.orders);
    cursor = p.next_cursor;
  } while (cursor && ++pages < 20);
  return out;
}

async function loadPreview(wh: string, signal: AbortSignal): Promise<PreviewItem[]> {
  const lists = await Promise.all(['allocated', 'backordered', 'in_fulfillment', 'partially_shipped'].map((s) => ordersWithStatus(s, signal)));
  return releasedFulfillments(lists.flat(), wh);
}

export function Waves() {
  const wh = useStore(warehouse);
  const role = useStore(session)?.me.role;
  const [openId, setOpenId] = useState('');
  return (
    <div class="page">
      <div class="page-head">
        <h1>Waves {wh && <span class="muted">· {wh}</span>}</h1>
        <form
          class="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (/^\d+$/.test(openId.trim())) navigate(`/waves/${openId.trim()}`);
          }}
        >
          <input placeholder="Wave #" inputMode="numeric" size={8} value={openId} onInput={(e) => setOpenId((e.target as HTMLInputElement).value)} aria-label="Wave number" />
          <button class="btn small" type="submit">
            Open
          </button>
        </form>
      </div>
      {wh && can(role, 'waves.create') && <PlanWave wh={wh} />}
      {wh && <ActiveWaves wh={wh} />}
    </div>
  );
}

function PlanWave({ wh }: { wh: string }) {
  const [maxOrders, setMaxOrders] = useState('20');
  const [useCart, setUseCart] = useState(false);
  const [cart, setCart] = useState({ max_items: '40', max_volume_cm3: '', max_orders: '8' });
  const [batching, setBatching] = useState('auto');
  const preview = useResource((signal) => loadPreview(wh, signal), [wh]);
  const n = Math.max(1, Math.min(1000, Number(maxOrders) || 100));
  const chosen = preview.data?.slice(0, n) ?? [];
  const totals = previewTotals(chosen);

  const body = () => {
    const b: Record<string, unknown> = { warehouse: wh, max_orders: n };
    if (useCart) {
      const c: Record<string, number> = { max_items: Number(cart.max_items) };
      if (cart.max_volume_cm3) c.max_volume_cm3 = Number(cart.max_volume_cm3);
      if (cart.max_orders) c.max_orders = Number(cart.max_orders);
      b.cart = c;
      b.batching = batching;
    }
    return b;
  };
  const create = useAction((key, b: Record<string, unknown>) => api.post<Wave>('/waves', b, { idempotencyKey: key, timeoutMs: 60000 }), {
    onDone: (w) => {
      rememberWave(w.id);
      navigate(`/waves/${w.id}`);
    },
  });

  return (
    <Card title="Plan a wave">
      <form
        class="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          create.run(body());
        }}
      >
        <Field label="Most fulfillments (1–1000)">
          <input type="number" min={1} max={1000} name="max_orders" value={maxOrders} onInput={(e) => setMaxOrders((e.target as HTMLInputElement).value)} />
        </Field>
        <label class="field check">
          <input type="checkbox" name="use_cart" checked={useCart} onChange={(e) => setUseCart((e.target as HTMLInputElement).checked)} />
          <span>Pick on carts (batching)</span>
        </label>
        {useCart && (
          <>
            <Field label="Cart: most units">
              <input type="number" min={1} value={cart.max_items} onInput={(e) => setCart({ ...cart, max_items: (e.target as HTMLInputElement).value })} required />
            </Field>
            <Field label="Cart: most orders">
              <input type="number" min={1} value={cart.max_orders} onInput={(e) => setCart({ ...cart, max_orders: (e.target as HTMLInputElement).value })} />
            </Field>
            <Field label="Cart: volume (cm³)">
              <input type="number" min={1} value={cart.max_volume_cm3} placeholder="any" onInput={(e) => setCart({ ...cart, max_volume_cm3: (e.target as HTMLInputElement).value })} />
            </Field>
            <Field label="Batching">
              <select value={batching} onChange={(e) => setBatching((e.target as HTMLSelectElement).value)}>
                {BATCHING.map((b) => (
                  <option key={b}>{b}</option>
                ))}
              </select>
            </Field>
          </>
        )}
        <div class="form-actions">
          <button class="btn primary" type="submit" disabled={create.busy || preview.data?.length === 0} data-testid="create-wave">
            {create.busy ? 'Creating…' : 'Create wave'}
          </button>
        </div>
      </form>
      <ProblemBox error={create.error} action="waves.create" onRetry={() => create.run(body())} onClose={create.clear} />
      <h3>Preview</h3>
      <Async r={preview} label="Reading released fulfillments…">
        {(items) =>
          items.length === 0 ? (
            <Empty>No released fulfillment in {wh}: nothing to wave.</Empty>
          ) : (
            <>
              <p data-testid="wave-preview">
                <strong>{totals.fulfillments}</strong> of {items.length} released fulfillments ({totals.orders} orders), <strong>{fmtNum(totals.units)}</strong> units on {fmtNum(totals.lines)} lines
                {totals.unknown ? ` (+ ${totals.unknown} split orders counted separately)` : ''}.
              </p>
              <div class="scroll-y short">
                <table class="table">
                  <thead>
                    <tr>
                      <th>Fulfillment</th>
                      <th>Order</th>
                      <th class="num">Priority</th>
                      <th>Ship by</th>
                      <th class="num">Units</th>
                    </tr>
                  </thead>
                  <tbody>
                    {chosen.map((i) => (
                      <tr key={i.fulfillment_id}>
                        <td>#{i.fulfillment_id}</td>
                        <td>
                          <Link href={`/orders/${i.order_id}`}>{i.channel_order_id}</Link>
                        </td>
                        <td class="num">{i.priority}</td>
                        <td>{i.ship_by ? fmtRelative(i.ship_by) : '—'}</td>
                        <td class="num">{i.units ?? '?'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p class="muted small">Computed here from the orders (the API has no wave preview): the server takes released fulfillments by priority, ship-by and age, and may differ if orders change meanwhile.</p>
            </>
          )
        }
      </Async>
    </Card>
  );
}

interface ActiveList {
  list: PickList;
  task: Task;
}

async function loadActive(wh: string, signal: AbortSignal): Promise<Map<number, ActiveList[]>> {
  const tasks: Task[] = [];
  for (const status of ['open', 'in_progress']) {
    let cursor: string | null = null;
    do {
      const p: { tasks: Task[]; next_cursor: string | null } = await api.get('/tasks', { query: { warehouse: wh, type: 'pick', status, limit: 500, cursor }, signal });
      tasks.push(...p.tasks);
      cursor = p.next_cursor;
    } while (cursor);
  }
  const byWave = new Map<number, ActiveList[]>();
  const picks = tasks.filter((t) => t.ref?.type === 'pick_list').slice(0, 100);
  for (let i = 0; i < picks.length; i += 6) {
    const lists = await Promise.all(picks.slice(i, i + 6).map((t) => api.get<PickList>(`/pick-lists/${t.ref!.id}`, { signal })));
    lists.forEach((list, j) => {
      const arr = byWave.get(list.wave_id) ?? [];
      arr.push({ list, task: picks[i + j] });
      byWave.set(list.wave_id, arr);
    });
  }
  return byWave;
}

function ActiveWaves({ wh }: { wh: string }) {
  const r = useResource((signal) => loadActive(wh, signal), [wh], { pollMs: 10000 });
  const recent = recentWaves();
  return (
    <Card title="Waves being picked">
      <Async r={r} label="Reading open pick tasks…">
        {(byWave) =>
          byWave.size === 0 ? (
            <Empty>No pick list is open.</Empty>
          ) : (
            <table class="table" data-testid="active-waves">
              <thead>
                <tr>
                  <th>Wave</th>
                  <th>Pick lists</th>
                  <th>Progress</th>
                </tr>
              </thead>
              <tbody>
                {[...byWave.entries()]
                  .sort((a, b) => b[0] - a[0])
                  .map(([wave, lists]) => {
                    const all = lists.flatMap((l) => l.list.lines);
                    const done = all.filter((l) => l.status !== 'open').length;
                    return (
                      <tr key={wave}>
                        <td>
                          <Link href={`/waves/${wave}`}>Wave #{wave}</Link>
                        </td>
                        <td>
                          {lists.map((l) => (
                            <span key={l.list.id} class="chip">
                              #{l.list.id} {l.task.assigned_to ? `· ${l.task.assigned_to}` : '· unclaimed'}
                            </span>
                          ))}
                        </td>
                        <td>
                          <Progress done={done} total={all.length} /> {done}/{all.length} lines
                        </td>
                      </tr>
                    );
                  })}
              </tbody>
            </table>
          )
        }
      </Async>
      {recent.length > 0 && (
        <p class="muted small">
          Created in this browser:{' '}
          {recent.map((id) => (
            <Link key={id} href={`/waves/${id}`} class="chip">
              #{id}
            </Link>
          ))}
        </p>
      )}
    </Card>
  );
}

export function Progress({ done, total }: { done: number; total: number }) {
  const pct = total ? Math.round((done / total) * 100) : 0;
  return (
    <span class="progress" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}>
      <span style={{ width: `${pct}%` }} />
    </span>
  );
}

export async function fulfillmentsOf(ids: number[], signal: AbortSignal): Promise<Fulfillment[]> {
  const out: Fulfillment[] = [];
  for (let i = 0; i < ids.length; i += 6) {
    out.push(...(await Promise.all(ids.slice(i, i + 6).map((id) => api.get<Fulfillment>(`/fulfillments/${seg(id)}`, { signal })))));
  }
  return out;
}

