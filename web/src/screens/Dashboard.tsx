import { useEffect, useRef, useState } from 'preact/hooks';
import type { Dashboard as DashboardData, OrderStatus } from '../api/types';
import { ORDER_STATUSES } from '../api/types';
import { changesSince, findHead } from '../lib/events';
import { fmtDateTime, fmtNum, fmtRelative, humanize } from '../lib/format';
import { useResource } from '../lib/hooks';
import { useStore } from '../lib/store';
import { Link } from '../router';
import { api, warehouse } from '../session';
import { BarChart } from '../components/BarChart';
import { Table } from '../components/Table';
import { Async, Badge, Card } from '../components/ui';

const POLL_MS = 5000;
/** Late and at-risk counts move with the clock too: reload at least this often. */
const MAX_AGE_MS = 60000;

export function Dashboard() {
  const wh = useStore(warehouse);
  const r = useResource(
    (signal) => api.get<DashboardData>('/reports/dashboard', { query: { warehouse: wh }, signal }),
    [wh],
  );
  const [live, setLive] = useState<'on' | 'paused' | 'off'>('on');
  const loadedAt = useRef(Date.now());
  useEffect(() => {
    if (r.data) loadedAt.current = Date.now();
  }, [r.data]);

  // Watch the events feed; reload when something happened.
  const reload = r.reload;
  useEffect(() => {
    let head: number | null = null;
    let stopped = false;
    let busy = false;
    const ctl = new AbortController();
    const tick = async () => {
      if (stopped || busy) return;
      if (typeof document !== 'undefined' && document.hidden) {
        setLive('paused');
        return;
      }
      busy = true;
      try {
        if (head === null) head = await findHead(ctl.signal);
        else {
          const c = await changesSince(head, ctl.signal);
          head = c.next;
          if (c.events.length > 0 || Date.now() - loadedAt.current > MAX_AGE_MS) reload();
        }
        if (!stopped) setLive('on');
      } catch {
        // A request cancelled because the warehouse changed says nothing about the feed.
        if (!stopped) setLive('off');
      } finally {
        busy = false;
      }
    };
    // tick catches everything itself.
    void tick();
    const t = setInterval(() => void tick(), POLL_MS);
    return () => {
      stopped = true;
      ctl.abort();
      clearInterval(t);
    };
  }, [wh, reload]);

  return (
    <div class="page">
      <div class="page-head">
        <h1>Dashboard {wh && <span class="muted">· {wh}</span>}</h1>
        <span class={`live ${live}`} data-testid="live">
          <span class="dot" /> {live === 'on' ? 'Live' : live === 'paused' ? 'Paused (tab hidden)' : 'Not updating'}
          {r.data && <span class="muted"> · as of {fmtDateTime(r.data.as_of)}</span>}
        </span>
      </div>
      <Async r={r} label="Loading the dashboard…">
        {(d) => <DashboardBody d={d} />}
      </Async>
    </div>
  );
}

function DashboardBody({ d }: { d: DashboardData }) {
  const open: OrderStatus[] = ['allocated', 'backordered', 'on_hold', 'in_fulfillment', 'partially_shipped'];
  const tone: Partial<Record<OrderStatus, string>> = { backordered: 'amber', on_hold: 'amber', shipped: 'green', delivered: 'green', cancelled: 'grey' };
  const hours = d.today.hours;
  const maxStage = Math.max(1, ...d.pipeline.map((x) => x.fulfillments));
  const label = (h: string) => new Date(h).toLocaleTimeString(undefined, { hour: '2-digit' });
  return (
    <>
      <Card title="Orders by status">
        <div class="stats" data-testid="orders-by-status">
          {ORDER_STATUSES.map((s) => (
            <Link key={s} href={`/orders?status=${s}`} class={`stat ${tone[s] ? `tone-${tone[s]}` : ''} ${open.includes(s) ? 'open' : ''}`} data-status={s}>
              <div class="stat-value">{fmtNum(d.orders_by_status[s] ?? 0)}</div>
              <div class="stat-label">{humanize(s)}</div>
            </Link>
          ))}
        </div>
      </Card>

      <div class="grid2">
        <Card title="Backlog by stage">
          <Table
            class="pipeline"
            testid="pipeline"
            columns={[
              {
                header: 'Stage',
                cell: (p) => (
                  <>
                    <Badge status={p.stage} />
                    <div class="meter" aria-hidden="true">
                      <span style={{ width: `${(p.fulfillments / maxStage) * 100}%` }} />
                    </div>
                  </>
                ),
              },
              { header: 'Fulfillments', num: true, cell: (p) => fmtNum(p.fulfillments) },
              { header: 'Units', num: true, cell: (p) => fmtNum(p.units) },
              { header: 'Late', num: true, class: (p) => p.late > 0 && 'late', cell: (p) => fmtNum(p.late) },
              { header: 'At risk (2 h)', num: true, class: (p) => p.at_risk > 0 && 'risk', cell: (p) => fmtNum(p.at_risk) },
            ]}
            rows={d.pipeline}
            rowKey={(p) => p.stage}
            rowClass={(p) => (p.late > 0 ? 'row-late' : p.at_risk > 0 && 'row-risk')}
          />
        </Card>
        <Card title="Late and due within 2 hours">
          <Table
            wrap="scroll-y"
            columns={[
              { header: 'Order', cell: (l) => <Link href={`/orders/${l.order_id}`}>#{l.order_id}</Link> },
              { header: 'Fulfillment', cell: (l) => `#${l.fulfillment_id}` },
              { header: 'Status', cell: (l) => <Badge status={l.status} /> },
              {
                header: 'Ship by',
                cell: (l) => (
                  <>
                    <span class={l.late ? 'late' : 'risk'}>{l.late ? 'late' : 'at risk'}</span> · {fmtRelative(l.ship_by)}
                  </>
                ),
              },
            ]}
            rows={d.late}
            rowKey={(l) => l.fulfillment_id}
            rowClass={(l) => (l.late ? 'row-late' : 'row-risk')}
            empty="Nothing is late or at risk."
          />
        </Card>
      </div>

      <Card title="Today, per hour (UTC hours, local labels)">
        <div class="grid2">
          <BarChart title="Units picked" unit="units" color="#2f6fdb" bars={hours.map((h) => ({ label: label(h.hour), value: h.units_picked, title: `${fmtDateTime(h.hour)}: ${h.units_picked} units picked` }))} />
          <BarChart title="Orders shipped" unit="orders" color="#1c9a5b" bars={hours.map((h) => ({ label: label(h.hour), value: h.orders_shipped, title: `${fmtDateTime(h.hour)}: ${h.orders_shipped} orders shipped` }))} />
        </div>
      </Card>

      <div class="grid2">
        <Card title={`Backorders (${d.alerts.backorders.length})`}>
          <Table
            wrap="scroll-y"
            columns={[
              { header: 'SKU', cell: (b) => <Link href={`/inventory/${encodeURIComponent(b.sku)}`}>{b.sku}</Link> },
              { header: 'Units backordered', num: true, cell: (b) => fmtNum(b.units) },
            ]}
            rows={d.alerts.backorders}
            rowKey={(b) => b.sku}
            empty="No backordered units."
          />
        </Card>
        <Card title={`Pick faces below minimum (${d.alerts.pick_faces_below_min.length})`}>
          <Table
            wrap="scroll-y"
            columns={[
              { header: 'Location', cell: (f) => f.location },
              { header: 'SKU', cell: (f) => <Link href={`/inventory/${encodeURIComponent(f.sku)}`}>{f.sku}</Link> },
              { header: 'On hand', num: true, class: 'late', cell: (f) => fmtNum(f.on_hand) },
              { header: 'Min / max', num: true, cell: (f) => `${f.min} / ${f.max}` },
            ]}
            rows={d.alerts.pick_faces_below_min}
            rowKey={(f) => `${f.warehouse}/${f.location}`}
            empty="Every pick face is at or above its minimum."
          />
        </Card>
      </div>
    </>
  );
}
