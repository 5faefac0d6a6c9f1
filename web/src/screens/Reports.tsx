import { dockToStockReport, ordersReport, salesReport, spaceReport, throughputReport, type Window } from '../api/endpoints';
import type { DockToStockReport, OrdersReport, SalesReport, SalesRow, SpaceReport, ThroughputReport } from '../api/types';
import { fmtBook, fmtMoney, fmtNum } from '../lib/format';
import { useResource } from '../lib/hooks';
import { useStore } from '../lib/store';
import { fmtDuration } from '../logic/planning';
import { changeTone, fmtChange, fmtRate, fmtVolume, lastDays, revenueText, shiftDay, totalChange, trimLeadingEmpty, weekOverWeek } from '../logic/reports';
import { setQuery, useLocation } from '../router';
import { warehouse } from '../session';
import { BarChart } from '../components/BarChart';
import { Table, type Column } from '../components/Table';
import { Async, Card, CsvButton, Empty, Stat } from '../components/ui';

const WINDOWS = [7, 14, 30, 56, 90];

type CsvQuery = { from: string; warehouse: string | null };

interface Kpis {
  orders: OrdersReport;
  throughput: ThroughputReport;
  dock: DockToStockReport;
  space: SpaceReport | null;
}

async function loadKpis(w: Window, signal: AbortSignal): Promise<Kpis> {
  const [orders, throughput, dock, space] = await Promise.all([
    ordersReport(w, signal),
    throughputReport({ ...w, bucket: 'day' }, signal),
    dockToStockReport(w, signal),
    w.warehouse ? spaceReport(w.warehouse, signal) : Promise.resolve(null),
  ]);
  return { orders, throughput, dock, space };
}

const money = (amount_minor: number, currency: string) => fmtMoney({ amount_minor, currency });
const dayLabel = (d: string) => new Date(`${d.slice(0, 10)}T00:00:00Z`).toLocaleDateString(undefined, { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' });

export function Reports() {
  const wh = useStore(warehouse);
  const { query } = useLocation();
  const days = Number(query.get('days')) || 30;
  const { from } = lastDays(days);
  const w: Window = { from, warehouse: wh };
  const kpis = useResource((signal) => loadKpis(w, signal), [w.from, wh]);
  // A week more than shown: each day is compared with the same weekday a week before.
  const byDay = useResource((signal) => salesReport({ ...w, from: shiftDay(from, -7), group: 'day' }, signal), [w.from, wh]);
  const byChannel = useResource((signal) => salesReport({ ...w, group: 'channel' }, signal), [w.from, wh]);
  const csvQuery: CsvQuery = { from, warehouse: wh };

  return (
    <div class="page">
      <div class="page-head">
        <h1>Reports {wh && <span class="muted">· {wh}</span>}</h1>
        <label class="field inline">
          <span class="field-label">Window</span>
          <select name="days" value={String(days)} onChange={(e) => setQuery({ days: (e.target as HTMLSelectElement).value })}>
            {WINDOWS.map((d) => (
              <option key={d} value={d}>
                last {d} days
              </option>
            ))}
          </select>
        </label>
      </div>
      <Async r={kpis} label="Reading the reports…">
        {(k) => <KpiTiles k={k} csvQuery={csvQuery} />}
      </Async>
      <Async r={byDay} label="Reading sales by day…">
        {(s) => <SalesByDay rows={weekOverWeek(s.rows, from)} days={days} csvQuery={csvQuery} />}
      </Async>
      <div class="grid2">
        <Async r={byChannel} label="Reading sales by channel…">
          {(s) => <SalesByChannel s={s} csvQuery={csvQuery} />}
        </Async>
        <Async r={kpis} label="Reading throughput…">
          {(k) => <Throughput t={k.throughput} days={days} csvQuery={csvQuery} />}
        </Async>
      </div>
      <Async r={kpis} label="Reading space…">
        {(k) => (k.space ? <Space s={k.space} /> : null)}
      </Async>
    </div>
  );
}

function KpiTiles({ k, csvQuery }: { k: Kpis; csvQuery: CsvQuery }) {
  const o = k.orders;
  return (
    <Card
      title="Orders and service"
      actions={
        <>
          <CsvButton path="/reports/orders" query={csvQuery} filename={`orders-${csvQuery.from}.csv`} label="Orders CSV" testid="csv-orders" />
          <CsvButton path="/reports/dock-to-stock" query={csvQuery} filename={`dock-to-stock-${csvQuery.from}.csv`} label="Dock-to-stock CSV" />
        </>
      }
    >
      <div class="stats" data-testid="kpis">
        <Stat label="orders placed" value={fmtNum(o.orders_placed)} testid="kpi-orders-placed" />
        <Stat label="orders shipped" value={fmtNum(o.orders_shipped)} testid="kpi-orders-shipped" />
        <Stat label="orders delivered" value={fmtNum(o.orders_delivered)} />
        <Stat label="perfect order rate" value={fmtRate(o.perfect_order_rate)} hint={`${fmtNum(o.perfect_orders)} of ${fmtNum(o.orders_shipped)} shipped orders: nothing cancelled, backordered, short-picked, late or returned`} tone={rateTone(o.perfect_order_rate, 0.95)} testid="kpi-perfect" />
        <Stat label="shipped on time" value={fmtRate(o.on_time_ship_rate)} hint={`${fmtNum(o.fulfillments_shipped_on_time)} of ${fmtNum(o.fulfillments_shipped_with_ship_by)} shipments with a ship-by`} tone={rateTone(o.on_time_ship_rate, 0.95)} />
        <Stat label="fill rate at capture" value={fmtRate(o.fill_rate_at_capture)} tone={rateTone(o.fill_rate_at_capture, 0.97)} />
        <Stat label="orders backordered" value={fmtRate(o.backorder_rate)} hint={`${fmtNum(o.orders_backordered)} orders`} />
        <Stat label="order to ship (median)" value={fmtDuration(o.ship_cycle_time?.p50_ms)} hint={o.ship_cycle_time ? `90 % within ${fmtDuration(o.ship_cycle_time.p90_ms)}` : undefined} />
        <Stat label="order to delivery (median)" value={fmtDuration(o.delivery_cycle_time?.p50_ms)} />
        <Stat label="units picked" value={fmtNum(k.throughput.units_picked)} testid="kpi-units-picked" />
        <Stat label="units picked per hour" value={k.throughput.units_picked_per_hour === null ? '—' : k.throughput.units_picked_per_hour.toFixed(1)} hint="over the hours that saw any work" />
        <Stat label="dock to stock (median)" value={fmtDuration(k.dock.dock_to_stock?.p50_ms)} hint={`${fmtNum(k.dock.receipts)} receipts put away`} />
        {k.space && <Stat label="space used" value={k.space.used_cm3 === null ? 'counting' : fmtRate(k.space.utilisation)} hint={`${k.space.used_cm3 === null ? 'counting' : fmtVolume(k.space.used_cm3)} of ${fmtVolume(k.space.capacity_cm3)}`} />}
      </div>
    </Card>
  );
}

function rateTone(v: number | null, good: number): string | undefined {
  if (v === null) return undefined;
  return v >= good ? 'green' : 'amber';
}

function Change({ v }: { v: number | null }) {
  return <span class={`change ${changeTone(v)}`}>{fmtChange(v)}</span>;
}

function SalesByDay({ rows: all, days, csvQuery }: { rows: SalesRow[]; days: number; csvQuery: CsvQuery }) {
  const rows = trimLeadingEmpty(all);
  const t = totalChange(rows);
  return (
    <Card
      title={
        <>
          Sales by day{' '}
          <span class="muted small" data-testid="sales-total">
            · {fmtNum(t.units)} units{t.days > 0 && (
              <>
                ; <Change v={t.change} /> on the same weekdays a week before ({t.days} days compared)
              </>
            )}
          </span>
        </>
      }
      actions={<CsvButton path="/reports/sales" query={{ ...csvQuery, group: 'day' }} filename={`sales-by-day-${csvQuery.from}.csv`} testid="csv-sales-day" />}
    >
      {rows.length === 0 ? (
        <Empty>No orders in this window.</Empty>
      ) : (
        <>
          <BarChart title="Units ordered" unit="units" period={`in ${days} days`} testid="sales-chart" bars={rows.map((r) => ({ label: r.key.slice(5), value: r.units, title: `${dayLabel(r.key)}: ${r.units} units (${fmtChange(r.change)} on the week before)` }))} />
          <Table testid="sales-by-day" wrap="scroll-y" columns={salesColumns('Day', (r) => dayLabel(r.key), 'Same day last week')} rows={[...rows].reverse()} rowKey={(r) => r.key} />
          <p class="muted small">Orders placed each UTC day, less cancelled units; each day against the same weekday a week before.</p>
        </>
      )}
    </Card>
  );
}

/** The columns of sales by day and by channel: the first names the row. */
function salesColumns(first: string, label: (r: SalesRow) => string, prior: string): Column<SalesRow>[] {
  return [
    { header: first, cell: label },
    { header: 'Orders', num: true, cell: (r) => fmtNum(r.orders) },
    { header: 'Units', num: true, cell: (r) => fmtNum(r.units) },
    { header: 'Revenue', num: true, cell: (r) => revenueText(r, money) },
    { header: prior, num: true, cell: (r) => fmtNum(r.prior_units) },
    { header: 'Change', num: true, cell: (r) => <Change v={r.change} /> },
  ];
}

function SalesByChannel({ s, csvQuery }: { s: SalesReport; csvQuery: CsvQuery }) {
  return (
    <Card title="Sales by channel" actions={<CsvButton path="/reports/sales" query={{ ...csvQuery, group: 'channel' }} filename={`sales-by-channel-${csvQuery.from}.csv`} />}>
      <Table
        testid="sales-by-channel"
        columns={salesColumns('Channel', (r) => r.key, 'Prior window')}
        rows={s.rows}
        rowKey={(r) => r.key}
        empty="No orders in this window."
      />
    </Card>
  );
}

function Throughput({ t, days, csvQuery }: { t: ThroughputReport; days: number; csvQuery: CsvQuery }) {
  const first = t.buckets.findIndex((b) => b.units_picked > 0 || b.orders_shipped > 0);
  const buckets = first < 0 ? [] : t.buckets.slice(first);
  return (
    <Card title="Throughput per day" actions={<CsvButton path="/reports/throughput" query={{ ...csvQuery, bucket: 'day' }} filename={`throughput-${csvQuery.from}.csv`} />}>
      <BarChart title="Units picked" unit="units" period={`in ${days} days`} color="#2f6fdb" empty="nothing picked" bars={buckets.map((b) => ({ label: b.start.slice(5, 10), value: b.units_picked, title: `${dayLabel(b.start)}: ${b.units_picked} units on ${b.pick_lines} lines` }))} />
      <BarChart title="Orders shipped" unit="orders" period={`in ${days} days`} color="#1c9a5b" empty="nothing shipped" bars={buckets.map((b) => ({ label: b.start.slice(5, 10), value: b.orders_shipped, title: `${dayLabel(b.start)}: ${b.orders_shipped} orders, ${b.units_shipped} units` }))} />
    </Card>
  );
}

function Space({ s }: { s: SpaceReport }) {
  return (
    <Card title={`Space in ${s.warehouse}`} actions={<CsvButton path="/reports/space" query={{ warehouse: s.warehouse }} filename={`space-${s.warehouse}.csv`} />}>
      <Table
        testid="space"
        columns={[
          { header: 'Zone', cell: (z) => z.zone },
          { header: 'Locations', num: true, cell: (z) => fmtNum(z.locations) },
          { header: 'Occupied', num: true, cell: (z) => fmtBook(z.occupied, z.hidden) },
          { header: 'Capacity', num: true, cell: (z) => fmtVolume(z.capacity_cm3) },
          { header: 'Used', num: true, cell: (z) => (z.hidden ? 'counting' : fmtVolume(z.used_cm3)) },
          {
            header: 'Utilisation',
            cell: (z) => (
              <>
                <span class="meter" aria-hidden="true">
                  <span style={{ width: `${Math.min(100, (z.utilisation ?? 0) * 100)}%` }} />
                </span>{' '}
                {fmtRate(z.utilisation)}
              </>
            ),
          },
        ]}
        rows={s.zones}
        rowKey={(z) => z.zone}
      />
    </Card>
  );
}
