import { useState } from 'preact/hooks';
import { bottlenecks, createPlannedPurchaseOrder, reorderSuggestions, type SimulationParams } from '../api/endpoints';
import type { Bottlenecks, PlannedPurchaseOrder, SupplierSuggestion } from '../api/types';
import { fmtDate, fmtDateTime, fmtNum, fmtRelative, fmtTime, humanize } from '../lib/format';
import { useAction, useResource } from '../lib/hooks';
import { can } from '../lib/permissions';
import { useStore } from '../lib/store';
import { backlogSeries, bottleneckStage, fmtDuration, parsePickups, whatIfRows } from '../logic/planning';
import { fmtRate } from '../logic/reports';
import { Link, navigate } from '../router';
import { session, warehouse } from '../session';
import { LineChart } from '../components/LineChart';
import { Table } from '../components/Table';
import { Async, Badge, Card, Empty, Field, ProblemBox, Stat } from '../components/ui';

export function Planning() {
  const wh = useStore(warehouse);
  const [sku, setSku] = useState('');
  return (
    <div class="page">
      <div class="page-head">
        <h1>Planning {wh && <span class="muted">· {wh}</span>}</h1>
        <form
          class="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (sku.trim()) navigate(`/inventory/${encodeURIComponent(sku.trim())}`);
          }}
        >
          <input placeholder="SKU" aria-label="SKU to forecast" value={sku} onInput={(e) => setSku((e.target as HTMLInputElement).value)} size={12} />
          <button class="btn small" type="submit">
            Demand forecast
          </button>
        </form>
      </div>
      {wh ? (
        <>
          <Simulation wh={wh} />
          <Reorder wh={wh} />
        </>
      ) : (
        <Empty>Choose a warehouse.</Empty>
      )}
    </div>
  );
}

interface SimForm {
  hours: string;
  pickers: string;
  packers: string;
  loaders: string;
  pickups: string;
}

function toParams(wh: string, f: SimForm): { params: SimulationParams } | { error: string } {
  const n = (v: string, name: string, min: number, max: number): number | undefined | string => {
    if (!v.trim()) return undefined;
    const x = Number(v);
    if (!Number.isInteger(x) || x < min || x > max) return `${name} is a whole number from ${min} to ${max}.`;
    return x;
  };
  const hours = n(f.hours, 'Hours', 1, 72);
  const pickers = n(f.pickers, 'Pickers', 0, 1000);
  const packers = n(f.packers, 'Packers', 0, 1000);
  const loaders = n(f.loaders, 'Loaders', 0, 1000);
  for (const v of [hours, pickers, packers, loaders]) if (typeof v === 'string') return { error: v };
  const p = parsePickups(f.pickups);
  if ('error' in p) return { error: p.error };
  return {
    params: {
      warehouse: wh,
      hours: hours as number | undefined,
      pickers: pickers as number | undefined,
      packers: packers as number | undefined,
      loaders: loaders as number | undefined,
      pickups: p.value || undefined,
    },
  };
}

const DEFAULTS: SimForm = { hours: '8', pickers: '3', packers: '2', loaders: '', pickups: '17:00, 21:00' };

function Simulation({ wh }: { wh: string }) {
  const [form, setForm] = useState<SimForm>(DEFAULTS);
  const [params, setParams] = useState<SimulationParams>(() => (toParams(wh, DEFAULTS) as { params: SimulationParams }).params);
  const [invalid, setInvalid] = useState<string | null>(null);
  const r = useResource((signal) => bottlenecks({ ...params, warehouse: wh }, signal), [wh, params]);
  const set = (k: keyof SimForm) => (e: Event) => setForm({ ...form, [k]: (e.target as HTMLInputElement).value });
  return (
    <Card title="Bottlenecks: the coming hours simulated">
      <form
        class="form-grid sim-form"
        onSubmit={(e) => {
          e.preventDefault();
          const p = toParams(wh, form);
          if ('error' in p) return setInvalid(p.error);
          setInvalid(null);
          setParams(p.params);
          if (JSON.stringify(p.params) === JSON.stringify(params)) r.reload();
        }}
      >
        <Field label="Hours (1–72)">
          <input type="number" name="hours" min={1} max={72} value={form.hours} onInput={set('hours')} />
        </Field>
        <Field label="Pickers">
          <input type="number" name="pickers" min={0} value={form.pickers} onInput={set('pickers')} />
        </Field>
        <Field label="Packers">
          <input type="number" name="packers" min={0} value={form.packers} onInput={set('packers')} />
        </Field>
        <Field label="Loaders" hint="empty: loading is a delay">
          <input type="number" name="loaders" min={0} value={form.loaders} onInput={set('loaders')} />
        </Field>
        <Field label="Carrier pickups (UTC)" hint="daily HH:MM, comma-separated">
          <input name="pickups" value={form.pickups} onInput={set('pickups')} placeholder="17:00, 21:00" />
        </Field>
        <div class="form-actions">
          <button class="btn primary" type="submit" disabled={r.loading} data-testid="simulate">
            {r.loading ? 'Simulating…' : 'Simulate'}
          </button>
        </div>
      </form>
      {invalid && <div class="notice warn">{invalid}</div>}
      <Async r={r} label="Simulating…">
        {(b) => <SimulationResult b={b} />}
      </Async>
    </Card>
  );
}

const STAGE_COLOUR: Record<string, string> = { pick: '#2f6fdb', pack: '#13838f', ship: '#1c9a5b' };

function SimulationResult({ b }: { b: Bottlenecks }) {
  const worst = bottleneckStage(b);
  const rows = whatIfRows(b);
  const openTotal = b.open.released + b.open.picking + b.open.picked + b.open.packed;
  const timeLabel = (x: number) => new Date(x).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return (
    <div data-testid="simulation">
      <div class="stats">
        <Stat label="open fulfillments" value={fmtNum(openTotal)} hint={`released ${b.open.released}, picking ${b.open.picking}, picked ${b.open.picked}, packed ${b.open.packed}`} testid="sim-open" />
        <Stat label="predicted late" value={fmtNum(b.late_orders)} hint={`of ${b.orders_with_cutoff} with a ship-by`} tone={b.late_orders ? 'amber' : 'green'} testid="sim-late" />
        <Stat label="on time" value={fmtRate(b.on_time_rate)} />
        <Stat label="not shipped in the window" value={fmtNum(b.unshipped_orders)} tone={b.unshipped_orders ? 'amber' : undefined} />
        <Stat label="all work done in" value={fmtDuration(b.makespan_ms)} testid="sim-makespan" />
        <Stat label="bottleneck" value={worst ? humanize(worst.stage) : '—'} hint="the stage that clears last" />
      </div>
      <p class="muted small">
        From {fmtDateTime(b.start)}. Task times:{' '}
        {(['pick', 'pack', 'ship'] as const).map((s, i) => {
          const t = b.task_times[s];
          const bits = [t.per_order_ms ? `${fmtDuration(t.per_order_ms)} per order` : '', t.per_line_ms ? `${fmtDuration(t.per_line_ms)} per line` : '', t.per_unit_ms ? `${fmtDuration(t.per_unit_ms)} per unit` : ''].filter(Boolean);
          return (
            <span key={s}>
              {i ? '; ' : ''}
              {s} {bits.join(' + ') || '—'} ({t.source}
              {t.source === 'history' ? `, ${t.samples} tasks` : ''})
            </span>
          );
        })}
        .
      </p>
      <div class="grid3">
        {b.stages.map((s) => {
          const ser = backlogSeries(s);
          return (
            <LineChart
              key={s.stage}
              testid={`backlog-${s.stage}`}
              height={150}
              title={
                <>
                  {humanize(s.stage)} backlog{' '}
                  <span class="muted">· {s.clear_at ? `clear ${fmtTime(s.clear_at)}` : `${s.unfinished} left at the end`}</span>
                </>
              }
              xLabel={timeLabel}
              series={[
                { name: 'waiting', color: STAGE_COLOUR[s.stage] ?? '#666', points: ser.queued, area: true },
                { name: 'waiting + in progress', color: '#6b4fc8', points: ser.total, dashed: true },
              ]}
              markers={ser.clearAt !== null ? [{ x: ser.clearAt, label: 'clear', color: '#1c9a5b' }] : []}
            />
          );
        })}
      </div>
      <div class="grid2">
        <div>
          <h3>Stages</h3>
          <Table
            testid="sim-stages"
            columns={[
              { header: 'Stage', cell: (s) => humanize(s.stage) },
              { header: 'Orders', num: true, cell: (s) => fmtNum(s.orders) },
              { header: 'Unfinished', num: true, class: (s) => s.unfinished > 0 && 'risk', cell: (s) => fmtNum(s.unfinished) },
              {
                header: 'Clears',
                title: (s) => fmtDateTime(s.clear_at),
                cell: (s) => (s.clear_at ? `${fmtTime(s.clear_at)} (${fmtRelative(s.clear_at, Date.parse(b.start))})` : 'not in the window'),
              },
              { header: 'Busy', num: true, cell: (s) => fmtRate(s.utilisation, 0) },
            ]}
            rows={b.stages}
            rowKey={(s) => s.stage}
            rowClass={(s) => worst?.stage === s.stage && 'row-risk'}
          />
        </div>
        <div>
          <h3>What if</h3>
          <Table
            testid="what-if"
            columns={[
              { cell: (w) => w.name },
              {
                header: 'Late',
                num: true,
                cell: (w, i) => (
                  <>
                    {fmtNum(w.late)} {i > 0 && w.lateDelta !== 0 && <span class={w.lateDelta < 0 ? 'change up' : 'change down'}>({w.lateDelta > 0 ? '+' : '−'}{Math.abs(w.lateDelta)})</span>}
                  </>
                ),
              },
              { header: 'Unshipped', num: true, cell: (w) => fmtNum(w.unshipped) },
              { header: 'Pick clear', cell: (w) => (w.pickClear ? fmtTime(w.pickClear) : '—') },
              { header: 'Pack clear', cell: (w) => (w.packClear ? fmtTime(w.packClear) : '—') },
              {
                header: 'All done in',
                cell: (w, i) => (
                  <>
                    {fmtDuration(w.makespanMs)}{' '}
                    {i > 0 && w.makespanDeltaMs !== null && w.makespanDeltaMs !== 0 && (
                      <span class={w.makespanDeltaMs < 0 ? 'change up' : 'change down'}>({w.makespanDeltaMs < 0 ? '' : '+'}{fmtDuration(w.makespanDeltaMs)})</span>
                    )}
                  </>
                ),
              },
            ]}
            rows={rows}
            rowKey={(w) => w.name}
            rowClass={(_w, i) => i === 0 && 'base'}
          />
        </div>
      </div>
      {b.late.length > 0 && (
        <>
          <h3>Predicted to miss their ship-by ({b.late.length})</h3>
          <Table
            wrap="scroll-y short"
            columns={[
              { header: 'Order', cell: (l) => <Link href={`/orders/${l.order_id}`}>#{l.order_id}</Link> },
              { header: 'Fulfillment', cell: (l) => `#${l.fulfillment_id}` },
              { header: 'Ship by', cell: (l) => fmtDateTime(l.ship_by) },
              { header: 'Predicted shipment', class: 'late', cell: (l) => (l.predicted_ship_at ? fmtDateTime(l.predicted_ship_at) : 'not in the window') },
            ]}
            rows={b.late.slice(0, 100)}
            rowKey={(l) => l.fulfillment_id}
          />
        </>
      )}
    </div>
  );
}

const minor = (n: number | null | undefined) => (n === null || n === undefined ? '—' : (n / 100).toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 }));

function Reorder({ wh }: { wh: string }) {
  const r = useResource((signal) => reorderSuggestions(wh, signal), [wh]);
  const [made, setMade] = useState<PlannedPurchaseOrder[]>([]);
  return (
    <Card title="Reorder suggestions" actions={<button type="button" class="btn small ghost" onClick={r.reload}>Refresh</button>}>
      {made.map((m) => (
        <div key={m.purchase_order.number} class="notice ok" role="status" data-testid="po-made">
          Purchase order <strong>{m.purchase_order.number}</strong> made for {m.purchase_order.supplier}: {m.purchase_order.lines.length} lines, {fmtNum(m.purchase_order.lines.reduce((n, l) => n + l.expected, 0))} units, expected {fmtDate(m.purchase_order.expected_at)}.{' '}
          <Link href={`/handheld/receive/${encodeURIComponent(m.purchase_order.number)}`}>Receive it</Link>
        </div>
      ))}
      <Async r={r} label="Planning the reorders…">
        {(d) =>
          d.suppliers.length === 0 ? (
            <Empty>Nothing is due: every product with supplier terms has enough stock and stock on order.</Empty>
          ) : (
            <>
              {d.suppliers.map((s) => (
                <SupplierCard
                  key={s.supplier}
                  wh={wh}
                  s={s}
                  onMade={(m) => {
                    setMade((x) => [m, ...x]);
                    r.reload();
                  }}
                />
              ))}
            </>
          )
        }
      </Async>
    </Card>
  );
}

function SupplierCard({ wh, s, onMade }: { wh: string; s: SupplierSuggestion; onMade: (m: PlannedPurchaseOrder) => void }) {
  const role = useStore(session)?.me.role;
  const make = useAction((key) => createPlannedPurchaseOrder(wh, s.supplier, key), { onDone: onMade });
  return (
    <section class="supplier" data-supplier={s.supplier}>
      <header class="count-head">
        <strong>{s.supplier}</strong>
        <span class="muted small">
          {s.lines.length} products · {fmtNum(s.total_units)} units · value {minor(s.total_value_minor)}
        </span>
        <span class="grow" />
        {can(role, 'planning.order') && (
          <button type="button" class="btn small primary" disabled={make.busy} onClick={() => void make.run()} data-testid={`make-po-${s.supplier}`}>
            {make.busy ? 'Making…' : 'Create purchase order'}
          </button>
        )}
      </header>
      <ProblemBox error={make.error} action="planning.order" onRetry={() => void make.run()} onClose={make.clear} />
      <Table
        testid="reorder-lines"
        wrap="scroll-x"
        columns={[
          { header: 'SKU', cell: (l) => <Link href={`/inventory/${encodeURIComponent(l.sku)}`}>{l.sku}</Link> },
          {
            header: 'Order',
            num: true,
            cell: (l) => (
              <>
                <strong>{fmtNum(l.quantity)}</strong>
                {l.plan.capped_at_maximum && <span class="muted small" title="capped at the supplier's maximum"> max</span>}
              </>
            ),
          },
          { header: 'Unit cost', num: true, cell: (l) => minor(l.unit_cost_minor) },
          { header: 'Value', num: true, cell: (l) => minor(l.value_minor) },
          { header: 'Class', cell: (l) => l.abc_class ?? '—' },
          { header: 'Position', num: true, class: (l) => l.plan.inventory_position < 0 && 'late', cell: (l) => fmtNum(l.plan.inventory_position) },
          { header: 'Reorder point', num: true, cell: (l) => fmtNum(l.plan.reorder_point) },
          { header: 'Order up to', num: true, cell: (l) => fmtNum(l.plan.order_up_to) },
          {
            header: 'Runs out',
            class: (l) => !!l.plan.stockout_date && Date.parse(l.plan.stockout_date) <= Date.now() && 'late',
            cell: (l) => (l.plan.stockout_date ? fmtDate(l.plan.stockout_date) : '—'),
          },
          { header: 'Why', cell: (l) => <Badge status={l.plan.reason} tone="amber" /> },
          { header: 'Forecast', class: 'muted', cell: (l) => l.forecast_model ?? '—' },
        ]}
        rows={s.lines}
        rowKey={(l) => l.sku}
      />
    </section>
  );
}
