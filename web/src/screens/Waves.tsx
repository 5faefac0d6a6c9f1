import { useState } from 'preact/hooks';
import { seg } from '../api/client';
import { allFulfillments, listOrders, listTasks, listWaves, type OrdersPage } from '../api/endpoints';
import type { Fulfillment, Order, Wave, RequestBody } from '../api/types';
import { fmtDateTime, fmtNum, fmtRelative } from '../lib/format';
import { useAction, useResource } from '../lib/hooks';
import { can } from '../lib/permissions';
import { useStore } from '../lib/store';
import { previewTotals, releasedFulfillments, waveProgress, type PreviewItem } from '../logic/wavePreview';
import { Link, navigate } from '../router';
import { api, session, warehouse } from '../session';
import { Async, Badge, Card, Empty, Field, Pager, ProblemBox } from '../components/ui';
import { Table } from '../components/Table';


async function ordersWithStatus(status: string, signal: AbortSignal): Promise<Order[]> {
  const out: Order[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const p: OrdersPage = await listOrders({ status, limit: 500, cursor }, signal);
    out.push(...p.orders);
    cursor = p.next_cursor;
  } while (cursor && ++pages < 20);
  return out;
}

/** The released fulfillments (exact units), ordered by their orders' priority, ship-by and age. */
async function loadPreview(wh: string, signal: AbortSignal): Promise<PreviewItem[]> {
  const [released, ...lists] = await Promise.all([
    allFulfillments(wh, 'released', signal),
    ...['allocated', 'backordered', 'in_fulfillment', 'partially_shipped'].map((s) => ordersWithStatus(s, signal)),
  ]);
  return releasedFulfillments(lists.flat(), wh, released.fulfillments);
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
      {wh && <WaveList wh={wh} />}
    </div>
  );
}

type WaveInput = RequestBody<'/api/v1/waves', 'post'>;
type Batching = NonNullable<WaveInput['batching']>;
const BATCHING: Batching[] = ['auto', 'fcfs', 'seed', 'savings', 'ils', 'alns'];

function PlanWave({ wh }: { wh: string }) {
  const [maxOrders, setMaxOrders] = useState('20');
  const [useCart, setUseCart] = useState(false);
  const [cart, setCart] = useState({ max_items: '40', max_volume_cm3: '', max_orders: '8' });
  const [batching, setBatching] = useState<Batching>('auto');
  const preview = useResource((signal) => loadPreview(wh, signal), [wh]);
  const n = Math.max(1, Math.min(1000, Number(maxOrders) || 100));
  const chosen = preview.data?.slice(0, n) ?? [];
  const totals = previewTotals(chosen);

  const body = () => {
    const b: WaveInput = { warehouse: wh, max_orders: n };
    if (useCart) {
      const c: NonNullable<WaveInput['cart']> = { max_items: Number(cart.max_items) };
      if (cart.max_volume_cm3) c.max_volume_cm3 = Number(cart.max_volume_cm3);
      if (cart.max_orders) c.max_orders = Number(cart.max_orders);
      b.cart = c;
      b.batching = batching;
    }
    return b;
  };
  const create = useAction((key, b: WaveInput) => api.post<Wave>('/waves', b, { idempotencyKey: key, timeoutMs: 60000 }), {
    onDone: (w) => navigate(`/waves/${w.id}`),
  });

  return (
    <Card title="Plan a wave">
      <form
        class="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void create.run(body());
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
              <select value={batching} onChange={(e) => setBatching((e.target as HTMLSelectElement).value as Batching)}>
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
      <ProblemBox error={create.error} action="waves.create" onRetry={() => void create.run(body())} onClose={create.clear} />
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
              <Table
                wrap="scroll-y short"
                columns={[
                  { header: 'Fulfillment', cell: (i) => `#${i.fulfillment_id}` },
                  { header: 'Order', cell: (i) => <Link href={`/orders/${i.order_id}`}>{i.channel_order_id}</Link> },
                  { header: 'Priority', num: true, cell: (i) => i.priority },
                  { header: 'Ship by', cell: (i) => (i.ship_by ? fmtRelative(i.ship_by) : '—') },
                  { header: 'Units', num: true, cell: (i) => i.units ?? '?' },
                ]}
                rows={chosen}
                rowKey={(i) => i.fulfillment_id}
              />
              <p class="muted small">Computed here (the API has no wave preview): the released fulfillments, ordered by their orders' priority, ship-by and age as the server takes them; the wave may differ if orders change meanwhile.</p>
            </>
          )
        }
      </Async>
    </Card>
  );
}

interface WaveRows {
  waves: Wave[];
  next_cursor: string | null;
  /** Who holds each pick list being picked. */
  pickers: Map<number, string>;
}

async function loadWaves(wh: string, cursor: string | null, signal: AbortSignal): Promise<WaveRows> {
  const [page, tasks] = await Promise.all([
    listWaves({ warehouse: wh, limit: 20, cursor }, signal),
    listTasks({ warehouse: wh, type: 'pick', status: 'in_progress', limit: 500 }, signal),
  ]);
  const pickers = new Map<number, string>();
  for (const t of tasks.tasks) if (t.ref?.type === 'pick_list' && t.ref.id !== null && t.assigned_to) pickers.set(t.ref.id, t.assigned_to);
  return { waves: page.waves, next_cursor: page.next_cursor, pickers };
}

function WaveList({ wh }: { wh: string }) {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1];
  const r = useResource((signal) => loadWaves(wh, cursor, signal), [wh, cursor], { pollMs: 10000 });
  return (
    <Card title="Waves (newest first)">
      <Async r={r} label="Loading waves…">
        {(d) =>
          d.waves.length === 0 ? (
            <Empty>No wave yet in {wh}.</Empty>
          ) : (
            <>
              <Table
                testid="wave-list"
                wrap="scroll-x"
                columns={[
                  {
                    header: 'Wave',
                    cell: ({ w, p }) => (
                      <>
                        <Link href={`/waves/${w.id}`}>Wave #{w.id}</Link> <Badge status={p.done ? 'done' : 'open'} />
                      </>
                    ),
                  },
                  { header: 'Created', title: ({ w }) => fmtDateTime(w.created_at), cell: ({ w }) => fmtRelative(w.created_at) },
                  { header: 'Fulfillments', num: true, cell: ({ w }) => w.fulfillments.length },
                  {
                    header: 'Pick lists',
                    cell: ({ w }) =>
                      w.pick_lists.map((pl) => (
                        <span key={pl.id} class={`chip ${pl.status === 'done' ? 'muted' : ''}`}>
                          #{pl.id} {pl.status === 'done' ? '· done' : d.pickers.has(pl.id) ? `· ${d.pickers.get(pl.id)}` : '· unclaimed'}
                        </span>
                      )),
                  },
                  {
                    header: 'Lines picked',
                    cell: ({ p }) => (
                      <>
                        <Progress done={p.linesDone} total={p.lines} /> {p.linesDone}/{p.lines}
                      </>
                    ),
                  },
                  { header: 'Units', num: true, cell: ({ p }) => `${fmtNum(p.unitsPicked)}/${fmtNum(p.units)}` },
                  { header: 'Short', num: true, class: ({ p }) => p.short > 0 && 'risk', cell: ({ p }) => p.short || '' },
                  { header: 'Batching', class: 'muted', cell: ({ w }) => (w.batching ? w.batching.method : 'one list') },
                ]}
                rows={d.waves.map((w) => ({ w, p: waveProgress(w.pick_lists) }))}
                rowKey={({ w }) => w.id}
                rowData={({ w }) => ({ 'data-wave': w.id })}
              />
              <Pager
                page={cursors.length}
                busy={r.loading}
                hasPrev={cursors.length > 1}
                hasNext={!!d.next_cursor}
                onPrev={() => setCursors(cursors.slice(0, -1))}
                onNext={() => d.next_cursor && setCursors([...cursors, d.next_cursor])}
              />
            </>
          )
        }
      </Async>
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

