import { useMemo, useState } from 'preact/hooks';
import { seg } from '../api/client';
import { warehouseStock } from '../api/endpoints';
import type { Inventory, Location, PickList, StockLocation, ResponseBody } from '../api/types';
import { fmtBook, fmtMm, fmtNum, humanize } from '../lib/format';
import { useResource } from '../lib/hooks';
import { useStore } from '../lib/store';
import { cellsOf, fillOf, geometry, pathLength, ramp, walk, type Cell, type Stop } from '../logic/route';
import { Link, setQuery, useLocation } from '../router';
import { api, warehouse } from '../session';
import { Async, Card, Empty, ProblemBox } from '../components/ui';
import { Table, type Column } from '../components/Table';

type Mode = 'velocity' | 'fill' | 'sku' | 'faces';

async function allLocations(wh: string, signal: AbortSignal): Promise<Location[]> {
  const out: Location[] = [];
  let cursor: string | null = null;
  do {
    const p: { locations: Location[]; next_cursor: string | null } = await api.get(`/warehouses/${seg(wh)}/locations`, { query: { limit: 500, cursor }, signal });
    out.push(...p.locations);
    cursor = p.next_cursor;
  } while (cursor);
  return out;
}

const VELOCITY: Record<string, string> = { A: '#d9534f', B: '#f0ad4e', C: '#5bc0de' };

export function MapScreen() {
  const wh = useStore(warehouse);
  const { query } = useLocation();
  const mode = (query.get('mode') as Mode) || (query.get('sku') ? 'sku' : 'velocity');
  const sku = query.get('sku') ?? '';
  const pickListId = query.get('pick_list') ?? '';
  const locs = useResource((signal) => (wh ? allLocations(wh, signal) : Promise.resolve([])), [wh]);

  return (
    <div class="page">
      <div class="page-head">
        <h1>Warehouse map {wh && <span class="muted">· {wh}</span>}</h1>
      </div>
      <Async r={locs} label="Loading locations…">
        {(l) => (l.length === 0 ? <Empty>This warehouse has no locations.</Empty> : <MapView wh={wh!} locs={l} mode={mode} sku={sku} pickListId={pickListId} />)}
      </Async>
    </div>
  );
}

function MapView(props: { wh: string; locs: Location[]; mode: Mode; sku: string; pickListId: string }) {
  const { wh, locs, mode, sku, pickListId } = props;
  const cells = useMemo(() => cellsOf(locs), [locs]);
  const docks = useMemo(() => locs.filter((l) => l.aisle === null && l.x_mm !== null && l.y_mm !== null), [locs]);
  const g = useMemo(() => geometry(cells, docks.map((d) => ({ x: d.x_mm!, y: d.y_mm! }))), [cells, docks]);
  const byCode = useMemo(() => new Map(locs.map((l) => [l.code, l])), [locs]);
  const [selected, setSelected] = useState<Cell<Location> | null>(null);
  const [skuText, setSkuText] = useState(sku);
  const [plText, setPlText] = useState(pickListId);

  // Stock of one SKU.
  const inv = useResource((signal) => api.get<Inventory>(`/inventory/${seg(sku)}`, { signal }), [sku], { enabled: mode === 'sku' && !!sku });
  // Pick faces (fill against their maximum).
  const faces = useResource((signal) => api.get<ResponseBody<'/api/v1/warehouses/{code}/pick-faces', 'get'>>(`/warehouses/${seg(wh)}/pick-faces`, { signal }), [wh], { enabled: mode === 'faces' });
  // What every location holds (fill).
  const stock = useResource((signal) => warehouseStock(wh, signal), [wh], { enabled: mode === 'fill' });
  const stockAt = useMemo(() => new Map((stock.data?.locations ?? []).map((l) => [l.location, l])), [stock.data]);
  const fill = useMemo(() => (stock.data ? fillOf(cells, stock.data.locations) : null), [cells, stock.data]);
  const plist = useResource((signal) => api.get<PickList>(`/pick-lists/${seg(pickListId)}`, { signal }), [pickListId], { enabled: !!pickListId });

  // Colour of each cell for the chosen mode.
  const colour = useMemo(() => {
    const out = new Map<string, { fill: string; title: string }>();
    if (mode === 'velocity') {
      for (const c of cells) {
        const v = c.locations.find((l) => l.velocity_class)?.velocity_class ?? null;
        out.set(c.key, { fill: v ? VELOCITY[v] ?? '#ccc' : '#d8dde6', title: v ? `velocity class ${v}` : 'no velocity class' });
      }
    } else if (mode === 'sku' && inv.data) {
      const qty = new Map<string, number>();
      for (const w of inv.data.warehouses) if (w.warehouse === wh) for (const l of w.locations) qty.set(l.location, (qty.get(l.location) ?? 0) + l.on_hand);
      const max = Math.max(1, ...qty.values());
      for (const c of cells) {
        const n = c.locations.reduce((s, l) => s + (qty.get(l.code) ?? 0), 0);
        out.set(c.key, { fill: n > 0 ? ramp(0.25 + (0.75 * n) / max, undefined, [200, 60, 20]) : '#eef1f5', title: `${n} units of ${sku}` });
      }
    } else if (mode === 'fill' && fill) {
      for (const c of cells) {
        const f = fill.get(c.key);
        if (f?.counting) {
          out.set(c.key, { fill: '#d8dde6', title: 'counting: a location here is counted blind' });
          continue;
        }
        if (!f || f.fraction === null) continue;
        const pct = (f.fraction * 100).toFixed(1);
        out.set(c.key, {
          fill: f.fraction > 1 ? '#7a1f1b' : ramp(Math.sqrt(Math.min(1, f.fraction))),
          title: `${pct} % of the volume used, ${fmtNum(f.units)} units${f.fraction > 1 ? ' (more than the locations hold by volume)' : ''}`,
        });
      }
    } else if (mode === 'faces' && faces.data) {
      const byLoc = new Map(faces.data.pick_faces.map((f) => [f.location, f]));
      for (const c of cells) {
        const f = c.locations.map((l) => byLoc.get(l.code)).find(Boolean);
        if (!f) continue;
        if (f.on_hand === null) {
          out.set(c.key, { fill: '#d8dde6', title: `${f.sku}: counting` });
          continue;
        }
        const t = f.max_quantity > 0 ? f.on_hand / f.max_quantity : 0;
        out.set(c.key, { fill: f.on_hand < f.min_quantity ? '#d9534f' : ramp(t, undefined, [28, 154, 91]), title: `${f.sku}: ${f.on_hand} (min ${f.min_quantity}, max ${f.max_quantity})` });
      }
    }
    return out;
  }, [mode, cells, inv.data, fill, faces.data, sku, wh]);

  // The pick list's route: from the packing location through its lines in sequence and back.
  const route = useMemo(() => {
    const pl = plist.data;
    if (!pl) return null;
    const pack = locs.find((l) => l.type === 'packing' && l.x_mm !== null);
    const lines = [...pl.lines].sort((a, b) => a.sequence - b.sequence);
    const stops: (Stop & { label: string; seq: number; done: boolean })[] = [];
    const missing: string[] = [];
    for (const l of lines) {
      const loc = byCode.get(l.location);
      if (!loc || loc.x_mm === null || loc.y_mm === null) {
        missing.push(l.location);
        continue;
      }
      stops.push({ x: loc.x_mm, y: loc.y_mm, label: l.location, seq: l.sequence, done: l.status !== 'open' });
    }
    const start: Stop | null = pack ? { x: pack.x_mm!, y: pack.y_mm!, dock: true } : null;
    const all: Stop[] = start ? [start, ...stops, start] : stops;
    const pts = walk(all, g);
    return { pts, stops, missing, length: pathLength(pts), pl };
  }, [plist.data, locs, byCode, g]);

  const pad = Math.max(g.pitchX, 2000);
  const vb = { x: g.minX - pad, y: g.minY - pad, w: g.maxX - g.minX + 2 * pad, h: g.maxY - g.minY + 2 * pad };
  // y grows away from the dock: draw the dock at the bottom.
  const Y = (y: number) => vb.y + vb.h - (y - vb.y);
  const cw = g.pitchX * 0.55;
  const ch = g.pitchY * 0.86;

  return (
    <div class="map-layout">
      <Card class="map-card">
        <div class="map-controls">
          <div class="seg" role="group" aria-label="Colour by">
            {(['velocity', 'fill', 'sku', 'faces'] as Mode[]).map((m) => (
              <button key={m} type="button" class={`btn small ${mode === m ? 'primary' : ''}`} onClick={() => setQuery({ mode: m })}>
                {m === 'velocity' ? 'Velocity class' : m === 'fill' ? 'Fill' : m === 'sku' ? 'Stock of a SKU' : 'Pick faces'}
              </button>
            ))}
          </div>
          {mode === 'sku' && (
            <form
              class="inline-form"
              onSubmit={(e) => {
                e.preventDefault();
                setQuery({ sku: skuText.trim(), mode: 'sku' });
              }}
            >
              <input placeholder="SKU" value={skuText} onInput={(e) => setSkuText((e.target as HTMLInputElement).value)} aria-label="SKU to show" />
              <button class="btn small" type="submit">
                Show
              </button>
            </form>
          )}
          {mode === 'fill' && (
            <span class="muted small" data-testid="fill-status">
              {stock.loading && !stock.data ? 'Reading the stock of every location…' : stock.data ? `${fmtNum(stock.data.locations.length)} locations hold stock` : ''}
            </span>
          )}
          <form
            class="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              setQuery({ pick_list: plText.trim() });
            }}
          >
            <input placeholder="Pick list #" value={plText} inputMode="numeric" onInput={(e) => setPlText((e.target as HTMLInputElement).value)} aria-label="Pick list to draw" size={8} />
            <button class="btn small" type="submit">
              Draw route
            </button>
            {pickListId && (
              <button class="btn small ghost" type="button" onClick={() => { setPlText(''); setQuery({ pick_list: '' }); }}>
                Clear
              </button>
            )}
          </form>
        </div>
        <ProblemBox error={inv.error || faces.error || stock.error || plist.error} compact />
        <svg class="map" viewBox={`${vb.x} ${vb.y} ${vb.w} ${vb.h}`} role="img" aria-label={`Layout of ${wh}`} data-testid="map">
          <rect x={vb.x} y={vb.y} width={vb.w} height={vb.h} class="floor" />
          {cells.map((c) => {
            const col = colour.get(c.key);
            return (
              <rect
                key={c.key}
                x={c.x - cw / 2}
                y={Y(c.y) - ch / 2}
                width={cw}
                height={ch}
                fill={col?.fill ?? '#e3e7ee'}
                class={`cell ${selected?.key === c.key ? 'selected' : ''}`}
                onClick={() => setSelected(c)}
              >
                <title>
                  {c.locations.map((l) => l.code).join(', ')}
                  {col ? ` — ${col.title}` : ''}
                </title>
              </rect>
            );
          })}
          {[...new Set(cells.map((c) => c.aisle))].map((a) => {
            const c = cells.find((x) => x.aisle === a)!;
            return (
              <text key={`a${a}`} x={c.x} y={Y(g.frontY)} class="map-label" text-anchor="middle" dominant-baseline="middle" font-size={g.pitchY * 0.9}>
                {a}
              </text>
            );
          })}
          {[...docks]
            .sort((a, b) => a.x_mm! - b.x_mm!)
            .map((d, i) => (
              <g key={d.code}>
                <rect x={d.x_mm! - g.pitchX * 0.4} y={Y(d.y_mm!) - g.pitchY * 0.6} width={g.pitchX * 0.8} height={g.pitchY * 1.2} class={`dock dock-${d.type}`}>
                  <title>
                    {d.code} ({d.type})
                  </title>
                </rect>
                {/* Neighbouring docks take turns below, so their names do not overlap. */}
                <text x={d.x_mm!} y={Y(d.y_mm!) + g.pitchY * (i % 2 ? 2.5 : 1.5)} class="map-label" text-anchor="middle" font-size={g.pitchY * 0.7}>
                  {d.code}
                </text>
              </g>
            ))}
          {route && route.pts.length > 1 && (
            <g class="route" data-testid="route">
              <polyline points={route.pts.map((p) => `${p.x},${Y(p.y)}`).join(' ')} stroke-width={g.pitchY * 0.22} />
              {route.stops.map((s, i) => (
                <g key={i}>
                  <circle cx={s.x} cy={Y(s.y)} r={g.pitchY * 0.55} class={s.done ? 'stop done' : 'stop'} />
                  <text x={s.x} y={Y(s.y)} text-anchor="middle" dominant-baseline="central" font-size={g.pitchY * 0.6} class="stop-label">
                    {s.seq}
                  </text>
                </g>
              ))}
            </g>
          )}
        </svg>
        <Legend mode={mode} />
      </Card>
      <div class="map-side">
        {route && (
          <Card title={`Pick list #${route.pl.id}`}>
            <p>
              {route.stops.length} stops · drawn walk {fmtMm(route.length)}
              {route.pl.route && (
                <>
                  {' '}
                  · planned {fmtMm(route.pl.route.length_mm)} ({route.pl.route.algorithm}
                  {route.pl.route.optimal ? ', optimal' : ''})
                </>
              )}
            </p>
            {route.missing.length > 0 && <p class="risk">No coordinates for {route.missing.join(', ')}.</p>}
            <ol class="stops">
              {route.stops.map((s, i) => (
                <li key={i} class={s.done ? 'muted' : ''}>
                  {s.label}
                </li>
              ))}
            </ol>
            <Link href={`/handheld/pick/${route.pl.id}`} class="btn small">
              Pick it
            </Link>
          </Card>
        )}
        <Card title={selected ? `Bay ${selected.locations[0]?.code.replace(/-\d+$/, '')}` : 'Locations'}>
          {selected ? (
            <Table
              columns={[
                { header: 'Location', cell: (l) => l.code },
                { header: 'Type', cell: (l) => humanize(l.type) },
                { header: 'Class', cell: (l) => l.velocity_class ?? '—' },
                ...(stock.data ? stockColumns((l) => stockAt.get(l.code)) : []),
              ]}
              rows={selected.locations}
              rowKey={(l) => l.code}
            />
          ) : (
            <p class="muted">
              {fmtNum(locs.length)} locations in {fmtNum(cells.length)} bays. Click a bay for its locations.
            </p>
          )}
        </Card>
      </div>
    </div>
  );
}

/** What a location holds, by its stock (none: empty). */
function stockColumns(stockOf: (l: Location) => StockLocation | undefined): Column<Location>[] {
  return [
    { header: 'Units', num: true, class: (l) => !stockOf(l) && 'muted', cell: (l) => fmtBook(stockOf(l)?.on_hand ?? 0, stockOf(l)?.hidden) },
    {
      header: 'Holds',
      class: (l) => !stockOf(l) && 'muted',
      cell: (l) => {
        const s = stockOf(l);
        if (!s) return 'empty';
        if (s.hidden) return 'counting';
        return (
          <>
            {s.top_sku ? <Link href={`/inventory/${encodeURIComponent(s.top_sku)}`}>{s.top_sku}</Link> : '—'}
            {(s.products ?? 0) > 1 ? <span class="muted"> +{(s.products ?? 0) - 1} more</span> : null}
          </>
        );
      },
    },
    {
      header: 'Volume',
      num: true,
      cell: (l) => {
        const s = stockOf(l);
        if (!s) return null;
        if (s.hidden || s.used_cm3 === null) return 'counting';
        return s.max_volume_cm3 ? `${Math.round((s.used_cm3 / s.max_volume_cm3) * 100)} %` : '—';
      },
    },
  ];
}

function Legend({ mode }: { mode: Mode }) {
  if (mode === 'velocity') {
    return (
      <div class="legend">
        {Object.entries(VELOCITY).map(([k, v]) => (
          <span key={k}>
            <i style={{ background: v }} /> class {k}
          </span>
        ))}
        <span>
          <i style={{ background: '#d8dde6' }} /> none
        </span>
      </div>
    );
  }
  if (mode === 'fill') {
    return (
      <div class="legend">
        <span>
          <i style={{ background: ramp(0) }} /> empty
        </span>
        <span>
          <i style={{ background: ramp(0.5) }} /> 25 %
        </span>
        <span>
          <i style={{ background: ramp(1) }} /> full (volume)
        </span>
        <span>
          <i style={{ background: '#7a1f1b' }} /> over capacity
        </span>
      </div>
    );
  }
  if (mode === 'faces') {
    return (
      <div class="legend">
        <span>
          <i style={{ background: '#d9534f' }} /> below minimum
        </span>
        <span>
          <i style={{ background: ramp(1, undefined, [28, 154, 91]) }} /> at maximum
        </span>
      </div>
    );
  }
  return (
    <div class="legend">
      <span>
        <i style={{ background: ramp(1, undefined, [200, 60, 20]) }} /> most units of the SKU
      </span>
    </div>
  );
}
