import { useEffect, useState } from 'preact/hooks';
import { isProblem, seg } from '../api/client';
import type { Inventory, Product, ResponseBody, RequestBody } from '../api/types';
import { fmtBook, fmtDate, fmtDateTime, fmtNum, fmtWeight, humanize } from '../lib/format';
import { useAction, useResource } from '../lib/hooks';
import { can } from '../lib/permissions';
import { remember } from '../lib/products';
import { searchProducts } from '../api/endpoints';
import { ForecastCard } from './ForecastCard';
import { useStore } from '../lib/store';
import { Link, navigate, setQuery, useLocation } from '../router';
import { api, session, warehouse, warehouses } from '../session';
import { Async, Card, Empty, Field, Pager, ProblemBox } from '../components/ui';
import { Table } from '../components/Table';

type Found = { kind: 'product'; product: Product; via: 'sku' | 'barcode' } | { kind: 'list'; products: Product[]; next_cursor: string | null; q: string };

/** An exact SKU or barcode opens the product; anything else lists SKUs that start with it and names that hold it. */
async function findProducts(q: string, cursor: string | null, signal: AbortSignal): Promise<Found> {
  const t = q.trim();
  if (!cursor) {
    for (const via of ['sku', 'barcode'] as const) {
      try {
        const p = await api.get<Product>(via === 'sku' ? `/products/${seg(t)}` : `/products/by-barcode/${seg(t)}`, { signal });
        remember(p);
        return { kind: 'product', product: p, via };
      } catch (e) {
        if (!(isProblem(e) && (e.status === 404 || e.code === 'invalid_field'))) throw e;
      }
    }
  }
  let used = t;
  let page = await searchProducts(used, { limit: PAGE, cursor }, signal);
  // SKU prefixes are matched as typed: "sku-001" finds SKU-001… only in capitals.
  if (!cursor && page.products.length === 0 && t !== t.toUpperCase()) {
    used = t.toUpperCase();
    page = await searchProducts(used, { limit: PAGE }, signal);
  }
  for (const p of page.products) remember(p);
  return { kind: 'list', products: page.products, next_cursor: page.next_cursor, q: used };
}

const PAGE = 50;

export function InventoryScreen({ sku }: { sku?: string }) {
  const { query } = useLocation();
  const q = query.get('q') ?? '';
  const [text, setText] = useState(q);
  // Pages of the current search; a new search starts at its first page.
  const [pages, setPages] = useState<{ q: string; cursors: (string | null)[] }>({ q, cursors: [null] });
  const cursors = pages.q === q ? pages.cursors : [null];
  const setCursors = (c: (string | null)[]) => setPages({ q, cursors: c });
  const cursor = cursors[cursors.length - 1];
  const found = useResource((signal) => findProducts(q, cursor, signal), [q, cursor], { enabled: !!q && !sku });

  // A single exact hit opens the product.
  useEffect(() => {
    const d = found.data;
    if (!sku && d?.kind === 'product') navigate(`/inventory/${encodeURIComponent(d.product.sku)}`, { replace: true });
  }, [found.data, sku]);

  return (
    <div class="page">
      <div class="page-head">
        <h1>
          {sku ? (
            <>
              <Link href="/inventory" class="muted">
                Inventory
              </Link>{' '}
              / {sku}
            </>
          ) : (
            'Inventory'
          )}
        </h1>
      </div>
      <Card>
        <form
          class="filters"
          onSubmit={(e) => {
            e.preventDefault();
            const t = text.trim();
            if (!t) return;
            if (sku) navigate(`/inventory?q=${encodeURIComponent(t)}`);
            else setQuery({ q: t });
          }}
        >
          <label class="field inline grow">
            <span class="field-label">Find a product</span>
            <input type="search" name="q" placeholder="SKU, barcode or name" value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} />
          </label>
          <button class="btn primary" type="submit">
            Find
          </button>
        </form>
      </Card>
      {sku ? (
        <ProductStock sku={sku} />
      ) : q ? (
        <Async r={found} label="Searching…">
          {(f) =>
            f.kind === 'product' ? (
              <p class="muted">Opening {f.product.sku}…</p>
            ) : (
              <Card title={`Products matching “${f.q}”`}>
                <Table
                  testid="product-results"
                  columns={[
                    { header: 'SKU', cell: (p) => <Link href={`/inventory/${encodeURIComponent(p.sku)}`}>{p.sku}</Link> },
                    { header: 'Name', cell: (p) => p.name },
                    { header: 'Barcodes', class: 'mono', cell: (p) => p.barcodes.join(', ') },
                  ]}
                  rows={f.products}
                  rowKey={(p) => p.sku}
                  empty="No SKU starts with it, no name holds it, and no barcode is it."
                />
                {(cursors.length > 1 || f.next_cursor) && (
                  <Pager
                    page={cursors.length}
                    busy={found.loading}
                    hasPrev={cursors.length > 1}
                    hasNext={!!f.next_cursor}
                    onPrev={() => setCursors(cursors.slice(0, -1))}
                    onNext={() => f.next_cursor && setCursors([...cursors, f.next_cursor])}
                    prevLabel="← Previous"
                    nextLabel="Next →"
                  />
                )}
              </Card>
            )
          }
        </Async>
      ) : (
        <Empty>Search by SKU, by a barcode (scan it into the box) or by a part of the name.</Empty>
      )}
    </div>
  );
}

function ProductStock({ sku }: { sku: string }) {
  const role = useStore(session)?.me.role;
  const product = useResource((signal) => api.get<Product>(`/products/${seg(sku)}`, { signal }), [sku]);
  const inv = useResource((signal) => api.get<Inventory>(`/inventory/${seg(sku)}`, { signal }), [sku]);
  const [movesKey, setMovesKey] = useState(0);
  return (
    <>
      <Async r={product} label="Loading the product…">
        {(p) => (
          <Card title={p.name}>
            <dl class="facts">
              <dt>SKU</dt>
              <dd>{p.sku}</dd>
              <dt>Barcodes</dt>
              <dd class="mono">{p.barcodes.join(', ') || '—'}</dd>
              <dt>Weight</dt>
              <dd>{fmtWeight(p.weight_g)}</dd>
              <dt>Size</dt>
              <dd>
                {p.length_mm} × {p.width_mm} × {p.height_mm} mm
              </dd>
              <dt>Tracking</dt>
              <dd>
                {p.tracking === 'lot' ? 'by lot' : 'none'}
                {p.shelf_life_days ? ` · shelf life ${p.shelf_life_days} d` : ''}
              </dd>
              {p.storage_zone && (
                <>
                  <dt>Storage zone</dt>
                  <dd>{p.storage_zone}</dd>
                </>
              )}
            </dl>
          </Card>
        )}
      </Async>
      <Async r={inv} label="Loading stock…">
        {(d) => (
          <Card title="Stock">
            {d.warehouses.length === 0 ? (
              <Empty>No stock anywhere.</Empty>
            ) : (
              d.warehouses.map((w) => (
                <div key={w.warehouse} class="wh-stock">
                  <div class="stats small">
                    <div class="stat">
                      <div class="stat-value">{w.warehouse}</div>
                      <div class="stat-label">warehouse</div>
                    </div>
                    <div class="stat">
                      <div class="stat-value" data-testid="on-hand">{fmtBook(w.on_hand, w.hidden)}</div>
                      <div class="stat-label">on hand</div>
                    </div>
                    <div class="stat">
                      <div class="stat-value">{fmtBook(w.allocated, w.hidden)}</div>
                      <div class="stat-label">allocated</div>
                    </div>
                    <div class={`stat ${w.available !== null && w.available <= 0 ? 'tone-amber' : ''}`}>
                      <div class="stat-value">{fmtBook(w.available, w.hidden)}</div>
                      <div class="stat-label">available</div>
                    </div>
                  </div>
                  {w.hidden && <p class="muted small">A location here is being counted blind: its stock and this warehouse's totals show again when the count is closed.</p>}
                  <Table
                    columns={[
                      { header: 'Location', cell: (l) => <Link href={`/map?sku=${encodeURIComponent(sku)}`}>{l.location}</Link> },
                      { header: 'Lot', cell: (l) => l.lot || '—' },
                      { header: 'Expiry', class: (l) => !!l.expiry && new Date(l.expiry).getTime() < Date.now() + 30 * 86400_000 && 'risk', cell: (l) => fmtDate(l.expiry) },
                      { header: 'On hand', num: true, cell: (l) => fmtNum(l.on_hand) },
                      { header: 'Reserved', num: true, cell: (l) => l.reserved || '' },
                    ]}
                    rows={w.locations}
                    rowKey={(l) => `${l.location}/${l.lot}`}
                  />
                </div>
              ))
            )}
            <p class="muted small">On hand counts allocatable locations; the packing, receiving and quarantine areas show as locations too.</p>
          </Card>
        )}
      </Async>
      {can(role, 'inventory.adjust') && (
        <AdjustForm
          sku={sku}
          lotTracked={product.data?.tracking === 'lot'}
          locations={inv.data?.warehouses.flatMap((w) => w.locations.map((l) => l.location)) ?? []}
          onDone={() => {
            inv.reload();
            setMovesKey((k) => k + 1);
          }}
        />
      )}
      <ForecastCard sku={sku} />
      <Moves sku={sku} key={movesKey} />
    </>
  );
}

function Moves({ sku }: { sku: string }) {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1];
  const r = useResource(
    (signal) => api.get<ResponseBody<'/api/v1/inventory/{sku}/moves', 'get'>>(`/inventory/${seg(sku)}/moves`, { query: { limit: 50, cursor }, signal }),
    [sku, cursor],
  );
  return (
    <Card title="Ledger (newest first)">
      <Async r={r} label="Loading moves…">
        {(d) => (
          <>
            <Table
              testid="moves"
              wrap="scroll-x"
              columns={[
                { header: 'When', cell: (m) => fmtDateTime(m.at) },
                { header: 'From', cell: (m) => m.from_location },
                { header: 'To', cell: (m) => m.to_location },
                { header: 'Lot', cell: (m) => m.lot || '—' },
                { header: 'Qty', num: true, cell: (m) => fmtBook(m.quantity, m.hidden) },
                { header: 'Reason', cell: (m) => humanize(m.reason) },
                { header: 'Ref', class: 'muted', cell: (m) => (m.ref ? `${humanize(m.ref.type)}${m.ref.id !== null ? ` #${m.ref.id}` : ''}` : '') },
              ]}
              rows={d.moves}
              rowKey={(m) => m.id}
              empty="No moves."
            />
            <Pager page={cursors.length} busy={r.loading} hasPrev={cursors.length > 1} hasNext={!!d.next_cursor} onPrev={() => setCursors(cursors.slice(0, -1))} onNext={() => d.next_cursor && setCursors([...cursors, d.next_cursor])} />
          </>
        )}
      </Async>
    </Card>
  );
}

type AdjustInput = RequestBody<'/api/v1/inventory/adjustments', 'post'>;
type AdjustResult = ResponseBody<'/api/v1/inventory/adjustments', 'post'>;

function AdjustForm(props: { sku: string; lotTracked: boolean; locations: string[]; onDone: () => void }) {
  const whs = useStore(warehouses);
  const cur = useStore(warehouse);
  const [form, setForm] = useState({ warehouse: cur ?? '', location: '', quantity: '', lot: '', expiry: '', reason: '' });
  const [done, setDone] = useState<AdjustResult | null>(null);
  const set = (k: keyof typeof form) => (e: Event) => setForm({ ...form, [k]: (e.target as HTMLInputElement).value });
  const act = useAction(
    (key, body: AdjustInput) => api.post<AdjustResult>('/inventory/adjustments', body, { idempotencyKey: key }),
    {
      onDone: (r) => {
        setDone(r);
        setForm({ ...form, quantity: '', reason: '' });
        props.onDone();
      },
    },
  );
  const qty = Number(form.quantity);
  const valid = form.location.trim() && Number.isInteger(qty) && qty !== 0 && form.reason.trim() && (form.warehouse || cur);
  const body = () => {
    const b: AdjustInput = { warehouse: form.warehouse || cur || '', location: form.location.trim(), sku: props.sku, quantity: qty, reason: form.reason.trim() };
    if (form.lot.trim()) b.lot = form.lot.trim();
    if (form.expiry) b.expiry = form.expiry;
    return b;
  };
  return (
    <Card title="Adjust stock">
      <form
        class="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) void act.run(body());
        }}
      >
        <Field label="Warehouse">
          <select value={form.warehouse || cur || ''} onChange={set('warehouse')}>
            {whs.map((w) => (
              <option key={w.code} value={w.code}>
                {w.code}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Location">
          <input list="adjust-locations" value={form.location} onInput={set('location')} required placeholder="A01-001-1" />
          <datalist id="adjust-locations">
            {[...new Set(props.locations)].map((l) => (
              <option key={l} value={l} />
            ))}
          </datalist>
        </Field>
        <Field label="Quantity (+ found, − lost)">
          <input type="number" step={1} value={form.quantity} onInput={set('quantity')} required placeholder="-2" />
        </Field>
        {props.lotTracked && (
          <>
            <Field label="Lot">
              <input value={form.lot} onInput={set('lot')} required />
            </Field>
            <Field label="Expiry">
              <input type="date" value={form.expiry} onInput={set('expiry')} />
            </Field>
          </>
        )}
        <Field label="Reason">
          <input value={form.reason} onInput={set('reason')} required placeholder="damaged in handling" />
        </Field>
        <div class="form-actions">
          <button class="btn primary" type="submit" disabled={!valid || act.busy}>
            {act.busy ? 'Posting…' : 'Post adjustment'}
          </button>
        </div>
      </form>
      <ProblemBox error={act.error} action="inventory.adjust" onRetry={() => void act.run(body())} onClose={act.clear} />
      {done && (
        <div class="notice ok" role="status">
          Move #{done.move_id}: {done.quantity > 0 ? '+' : ''}
          {done.quantity} at {done.location}
          {done.lot ? ` lot ${done.lot}` : ''}; {done.on_hand} on hand there now.
        </div>
      )}
    </Card>
  );
}
