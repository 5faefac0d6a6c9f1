import { useMemo, useState } from 'preact/hooks';
import { isProblem, seg } from '../api/client';
import { listFulfillments } from '../api/endpoints';
import type { Box, CartonAdvice, Fulfillment, PickList, Product, ResponseBody, RequestBody } from '../api/types';
import { fmtMoney, fmtWeight } from '../lib/format';
import { useAction, useResource } from '../lib/hooks';
import { can } from '../lib/permissions';
import { getProducts } from '../lib/products';
import { useStore } from '../lib/store';
import {
  addUnits,
  allPacked,
  applyPackScan,
  expectedWeight,
  initialPackState,
  newPackage,
  packBody,
  remainingToPack,
  removePackage,
  updatePackage,
  type PackState,
} from '../logic/packScan';
import { Link, navigate, useLocation } from '../router';
import { api, session, warehouse } from '../session';
import { Async, Badge, Empty, PdfButton, ProblemBox } from '../components/ui';
import { Table } from '../components/Table';
import { FeedbackPanel, HandheldPage, ScanInput } from './common';

type ShipInput = RequestBody<'/api/v1/fulfillments/{id}/ship', 'post'>;

async function readyToPack(wh: string | null, pickList: string | null, signal: AbortSignal) {
  if (pickList) {
    const pl = await api.get<PickList>(`/pick-lists/${seg(pickList)}`, { signal });
    const ids = [...new Set(pl.lines.map((l) => l.fulfillment_id))];
    const fs = await Promise.all(ids.map((id) => api.get<Fulfillment>(`/fulfillments/${id}`, { signal })));
    return fs.map((f) => ({ id: f.id, order: f.order_id, status: f.status }));
  }
  const r = await listFulfillments({ warehouse: wh, status: 'picked', limit: 100 }, signal);
  return r.fulfillments.map((f) => ({ id: f.id, order: f.order_id, status: f.status }));
}

export function PackStart() {
  const wh = useStore(warehouse);
  const { query } = useLocation();
  const pl = query.get('pick_list');
  const [fb, setFb] = useState<{ kind: 'error'; text: string; code?: string } | null>(null);
  const r = useResource((signal) => readyToPack(wh, pl, signal), [wh, pl]);
  return (
    <HandheldPage title="Pack">
      <ScanInput
        placeholder="Scan a fulfillment number"
        inputMode="numeric"
        onScan={(c) => {
          const t = c.trim();
          if (/^\d+$/.test(t)) navigate(`/handheld/pack/${t}`);
          else if (/^PL-?\d+$/i.test(t)) navigate(`/handheld/pack?pick_list=${t.replace(/^PL-?/i, '')}`);
          else setFb({ kind: 'error', text: `${t || 'Nothing'} is not a fulfillment number.`, code: 'invalid_scan' });
        }}
      />
      <FeedbackPanel fb={fb} />
      <h2 class="hh-sub">{pl ? `Fulfillments of pick list #${pl}` : 'Picked, waiting to be packed (oldest first)'}</h2>
      <Async r={r}>
        {(items) =>
          items.length === 0 ? (
            <Empty>Nothing picked is waiting.</Empty>
          ) : (
            <div class="hh-list">
              {items.map((f) => (
                <Link key={f.id} href={`/handheld/pack/${f.id}`} class="hh-item">
                  <strong>Fulfillment #{f.id}</strong>
                  <span>
                    order #{f.order} <Badge status={f.status} />
                  </span>
                </Link>
              ))}
            </div>
          )
        }
      </Async>
    </HandheldPage>
  );
}

interface PackData {
  f: Fulfillment;
  carton: CartonAdvice | null;
  boxes: Box[];
  products: Record<string, Product>;
}

async function loadPack(id: number, signal: AbortSignal): Promise<PackData> {
  const [f, boxes] = await Promise.all([api.get<Fulfillment>(`/fulfillments/${id}`, { signal }), api.get<ResponseBody<'/api/v1/boxes', 'get'>>('/boxes', { signal })]);
  let carton: CartonAdvice | null = null;
  if (f.status === 'picked') {
    try {
      carton = await api.get<CartonAdvice>(`/fulfillments/${id}/carton`, { signal });
    } catch (e) {
      if (!isProblem(e)) throw e;
    }
  }
  const products = await getProducts(f.lines.map((l) => l.sku), signal);
  return { f, carton, boxes: boxes.boxes, products };
}

export function PackScreen({ id }: { id: number }) {
  const r = useResource((signal) => loadPack(id, signal), [id]);
  return (
    <HandheldPage title={`Pack #${id}`} back="/handheld/pack">
      <Async r={r} label="Loading the fulfillment…">
        {(d) => <Packer key={`${d.f.id}-${d.f.status}`} data={d} onChange={(f) => r.setData({ ...d, f })} reload={r.reload} />}
      </Async>
    </HandheldPage>
  );
}

function Packer({ data, onChange, reload }: { data: PackData; onChange: (f: Fulfillment) => void; reload: () => void }) {
  const { f } = data;
  if (f.status === 'picked') return <PackForm data={data} onPacked={onChange} />;
  if (f.status === 'packed') return <ShipForm f={f} onShipped={onChange} />;
  if (f.status === 'shipped' || f.status === 'delivered') return <Shipped f={f} />;
  return (
    <div class="notice warn">
      Fulfillment #{f.id} is <Badge status={f.status} />: {f.status === 'picking' ? 'picking is not finished.' : 'there is nothing to pack.'}{' '}
      <button type="button" class="btn small" onClick={reload}>
        Refresh
      </button>
    </div>
  );
}

function PackForm({ data, onPacked }: { data: PackData; onPacked: (f: Fulfillment) => void }) {
  const { f, carton, boxes, products } = data;
  const role = useStore(session)?.me.role;
  const [st, setSt] = useState<PackState>(() => initialPackState(carton?.suggestion?.box ?? carton?.cartons[0]?.box ?? null));
  const boxByCode = useMemo(() => new Map(boxes.map((b) => [b.code, b])), [boxes]);
  const weights = useMemo(() => Object.fromEntries(Object.values(products).map((p) => [p.sku, p.weight_g])), [products]);
  const lines = f.lines.filter((l) => l.picked > 0);
  const complete = allPacked(st, lines);
  const left = (sku: string) => remainingToPack(st, lines, sku);

  const pack = useAction((key, body: ReturnType<typeof packBody>) => api.post<Fulfillment>(`/fulfillments/${f.id}/pack`, body, { idempotencyKey: key }), {
    onDone: (after) => onPacked(after),
  });

  const useSuggestion = () => {
    if (!carton || carton.cartons.length === 0) return;
    setSt({
      packages: carton.cartons.map((c) => ({ box: c.box, weight: '', items: Object.fromEntries(c.items.map((i) => [i.sku, i.quantity])) })),
      current: 0,
      feedback: { kind: 'ok', text: `Filled ${carton.cartons.length} package(s) as suggested — check the contents.` },
    });
  };

  return (
    <>
      <div class="hh-progress">
        Order <Link href={`/orders/${f.order_id}`}>#{f.order_id}</Link> · <Badge status={f.status} />
      </div>
      <ScanInput placeholder="Scan each item" onScan={(c) => setSt(applyPackScan(st, lines, products, c))} disabled={pack.busy} />
      <FeedbackPanel fb={st.feedback} />
      <Table
        class="pack-lines"
        testid="pack-lines"
        columns={[
          {
            header: 'SKU',
            cell: (l) => (
              <>
                <strong>{l.sku}</strong>
                <div class="muted small">{products[l.sku]?.name}</div>
              </>
            ),
          },
          { header: 'Picked', num: true, cell: (l) => l.picked },
          { header: 'Left', num: true, testid: (l) => `left-${l.sku}`, cell: (l) => left(l.sku) },
          {
            cell: (l) =>
              left(l.sku) > 0 && (
                <button type="button" class="btn small" onClick={() => setSt(addUnits(st, l.sku, left(l.sku)))}>
                  +{left(l.sku)}
                </button>
              ),
          },
        ]}
        rows={lines}
        rowKey={(l) => l.sku}
        rowClass={(l) => left(l.sku) === 0 && 'row-done'}
      />
      {carton && (
        <div class="carton-advice">
          {carton.suggestion ? (
            <>
              Suggested box: <strong data-testid="suggested-box">{carton.suggestion.box}</strong>
              <span class="muted">
                {' '}
                ({(carton.suggestion.fill_volume_permille / 10).toFixed(0)} % full, {fmtWeight(carton.suggestion.gross_weight_g)})
              </span>
            </>
          ) : carton.cartons.length > 0 ? (
            <>Suggested: {carton.cartons.length} cartons ({carton.cartons.map((c) => c.box).join(', ')})</>
          ) : (
            <span class="risk">No box fits: {carton.unpackable ?? 'unknown reason'}</span>
          )}{' '}
          {carton.cartons.length > 0 && (
            <button type="button" class="btn small" onClick={useSuggestion}>
              Use suggestion
            </button>
          )}
        </div>
      )}
      {st.packages.map((p, i) => {
        const tare = p.box ? boxByCode.get(p.box)?.tare_weight_g ?? 0 : 0;
        const exp = expectedWeight(p, weights, tare);
        return (
          <div key={i} class={`package ${i === st.current ? 'current' : ''}`} onClick={() => setSt({ ...st, current: i })} data-testid={`package-${i + 1}`}>
            <div class="package-head">
              <strong>Package {i + 1}</strong>
              {i === st.current && <span class="badge tone-blue">scanning into</span>}
              {st.packages.length > 1 && (
                <button type="button" class="btn small ghost" onClick={(e) => { e.stopPropagation(); setSt(removePackage(st, i)); }}>
                  Remove
                </button>
              )}
            </div>
            <div class="package-fields">
              <label class="field inline">
                <span class="field-label">Box</span>
                <select value={p.box ?? ''} onChange={(e) => setSt(updatePackage(st, i, { box: (e.target as HTMLSelectElement).value || null }))}>
                  <option value="">no box</option>
                  {boxes.map((b) => (
                    <option key={b.code} value={b.code}>
                      {b.code} ({b.inner_length_mm}×{b.inner_width_mm}×{b.inner_height_mm})
                    </option>
                  ))}
                </select>
              </label>
              <label class="field inline">
                <span class="field-label">Weight (g)</span>
                <input type="number" inputMode="numeric" min={1} value={p.weight} placeholder={exp !== null ? String(exp) : ''} onInput={(e) => setSt(updatePackage(st, i, { weight: (e.target as HTMLInputElement).value }))} />
              </label>
            </div>
            <div class="muted small">expected {fmtWeight(exp)} (items + box)</div>
            <ul class="package-items">
              {Object.entries(p.items).map(([sku, q]) => (
                <li key={sku}>
                  {q} × {sku}{' '}
                  <button type="button" class="btn small ghost" aria-label={`One ${sku} less`} onClick={(e) => { e.stopPropagation(); setSt(addUnits({ ...st, current: i }, sku, -1)); }}>
                    −
                  </button>
                </li>
              ))}
              {Object.keys(p.items).length === 0 && <li class="muted">empty</li>}
            </ul>
          </div>
        );
      })}
      <div class="hh-actions">
        <button type="button" class="btn big" onClick={() => setSt(newPackage(st, st.packages[st.current]?.box ?? null))}>
          + Package
        </button>
        {can(role, 'fulfillments.pack') && (
          <button type="button" class="btn primary huge" disabled={!complete || pack.busy} onClick={() => void pack.run(packBody(st))} data-testid="pack-button">
            {pack.busy ? 'Packing…' : complete ? 'Pack' : 'Scan every item first'}
          </button>
        )}
      </div>
      <ProblemBox error={pack.error} action="fulfillments.pack" onRetry={() => void pack.run(packBody(st))} onClose={pack.clear} />
    </>
  );
}

function ShipForm({ f, onShipped }: { f: Fulfillment; onShipped: (f: Fulfillment) => void }) {
  const role = useStore(session)?.me.role;
  const carriers = useResource((signal) => api.get<ResponseBody<'/api/v1/carriers', 'get'>>('/carriers', { signal }), []);
  const [carrier, setCarrier] = useState('');
  const ship = useAction((key, body: ShipInput) => api.post<Fulfillment>(`/fulfillments/${f.id}/ship`, body, { idempotencyKey: key, timeoutMs: 30000 }), {
    onDone: (after) => onShipped(after),
  });
  const body = (): ShipInput => (carrier ? { carrier } : {});
  return (
    <>
      <div class="notice ok" data-testid="packed-notice">
        Packed: {f.packages.length} package(s), {f.packages.map((p) => `${p.box ?? 'no box'} ${fmtWeight(p.weight_g ?? p.expected_weight_g)}`).join(', ')}.
      </div>
      <PdfButton class="btn big" path={`/fulfillments/${f.id}/documents/packing-slip`} label="Packing slip" />
      {can(role, 'fulfillments.ship') && (
        <>
          <label class="field">
            <span class="field-label">Carrier</span>
            <select value={carrier} onChange={(e) => setCarrier((e.target as HTMLSelectElement).value)}>
              <option value="">cheapest service that delivers</option>
              {carriers.data?.carriers.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <button type="button" class="btn primary huge" disabled={ship.busy} onClick={() => void ship.run(body())} data-testid="ship-button">
            {ship.busy ? 'Shipping…' : 'Ship'}
          </button>
          <ProblemBox error={ship.error} action="fulfillments.ship" onRetry={() => void ship.run(body())} onClose={ship.clear} />
        </>
      )}
    </>
  );
}

function Shipped({ f }: { f: Fulfillment }) {
  return (
    <div class="shipped" data-testid="shipped">
      <div class="feedback ok" role="status">
        <span class="feedback-icon">✔</span>
        <span class="feedback-text">
          Shipped with {f.carrier}
          {f.service ? ` ${f.service}` : ''} · tracking <strong class="mono" data-testid="ship-tracking">{f.tracking_number}</strong>
          {f.price ? ` · ${fmtMoney(f.price)}` : ''}
        </span>
      </div>
      <div class="hh-actions">
        {f.packages.map((p, i) => (
          <PdfButton key={p.id} class="btn big primary" path={`/fulfillments/${f.id}/documents/label`} query={{ package: i + 1 }} label={f.packages.length > 1 ? `Label ${i + 1}` : 'Print label'} />
        ))}
        <PdfButton class="btn big" path={`/fulfillments/${f.id}/documents/packing-slip`} label="Packing slip" />
      </div>
      <Link href="/handheld/pack" class="btn big">
        Next fulfillment
      </Link>
    </div>
  );
}
