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
import { Async, Badge, Card, Empty } from '../components/ui';

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
          <table class="table pipeline" data-testid="pipeline">
            <thead>
              <tr>
                <th>Stage</th>
                <th class="num">Fulfillments</th>
                <th class="num">Units</th>
                <th class="num">Late</th>
                <th class="num">At risk (2 h)</th>
              </tr>
            </thead>
            <tbody>
              {d.pipeline.map((p) => {
                const max = Math.max(1, ...d.pipeline.map((x) => x.fulfillments));
                return (
                  <tr key={p.stage} class={p.late > 0 ? 'row-late' : p.at_risk > 0 ? 'row-risk' : ''}>
                    <td>
                      <Badge status={p.stage} />
                      <div class="meter" aria-hidden="true">
                        <span style={{ width: `${(p.fulfillments / max) * 100}%` }} />
                      </div>
                    </td>
                    <td class="num">{fmtNum(p.fulfillments)}</td>
                    <td class="num">{fmtNum(p.units)}</td>
                    <td class={`num ${p.late ? 'late' : ''}`}>{fmtNum(p.late)}</td>
                    <td class={`num ${p.at_risk ? 'risk' : ''}`}>{fmtNum(p.at_risk)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </Card>
        <Card title="Late and due within 2 hours">
          {d.late.length === 0 ? (
            <Empty>Nothing is late or at risk.</Empty>
          ) : (
            <div class="scroll-y">
              <table class="table">
                <thead>
                  <tr>
                    <th>Order</th>
                    <th>Fulfillment</th>
                    <th>Status</th>
                    <th>Ship by</th>
                  </tr>
                </thead>
                <tbody>
                  {d.late.map((l) => (
                    <tr key={l.fulfillment_id} class={l.late ? 'row-late' : 'row-risk'}>
                      <td>
                        <Link href={`/orders/${l.order_id}`}>#{l.order_id}</Link>
                      </td>
                      <td>#{l.fulfillment_id}</td>
                      <td>
                        <Badge status={l.status} />
                      </td>
                      <td>
                        <span class={l.late ? 'late' : 'risk'}>{l.late ? 'late' : 'at risk'}</span> · {fmtRelative(l.ship_by)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
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
          {d.alerts.backorders.length === 0 ? (
            <Empty>No backordered units.</Empty>
          ) : (
            <div class="scroll-y">
              <table class="table">
                <thead>
                  <tr>
                    <th>SKU</th>
                    <th class="num">Units backordered</th>
                  </tr>
                </thead>
                <tbody>
                  {d.alerts.backorders.map((b) => (
                    <tr key={b.sku}>
                      <td>
                        <Link href={`/inventory/${encodeURIComponent(b.sku)}`}>{b.sku}</Link>
                      </td>
                      <td class="num">{fmtNum(b.units)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
        <Card title={`Pick faces below minimum (${d.alerts.pick_faces_below_min.length})`}>
          {d.alerts.pick_faces_below_min.length === 0 ? (
            <Empty>Every pick face is at or above its minimum.</Empty>
          ) : (
            <div class="scroll-y">
              <table class="table">
                <thead>
                  <tr>
                    <th>Location</th>
                    <th>SKU</th>
                    <th class="num">On hand</th>
                    <th class="num">Min / max</th>
                  </tr>
                </thead>
                <tbody>
                  {d.alerts.pick_faces_below_min.map((f) => (
                    <tr key={`${f.warehouse}/${f.location}`}>
                      <td>{f.location}</td>
                      <td>
                        <Link href={`/inventory/${encodeURIComponent(f.sku)}`}>{f.sku}</Link>
                      </td>
                      <td class="num late">{fmtNum(f.on_hand)}</td>
                      <td class="num">
                        {f.min} / {f.max}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
