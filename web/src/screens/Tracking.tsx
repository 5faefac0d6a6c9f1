import { isProblem, seg } from '../api/client';
import type { Tracking } from '../api/types';
import { fmtDate, fmtDateTime, humanize } from '../lib/format';
import { useResource } from '../lib/hooks';
import { api } from '../session';
import { Badge, Loading, ProblemBox } from '../components/ui';
import { Table } from '../components/Table';

const STEPS = ['received', 'in_fulfillment', 'shipped', 'delivered'];

function stepOf(status: string): number {
  if (status === 'delivered') return 3;
  if (status === 'shipped' || status === 'partially_shipped') return 2;
  if (status === 'in_fulfillment') return 1;
  return 0;
}

/** The customer's page: no sign-in, nothing but this order's progress. */
export function TrackingPage({ token }: { token: string }) {
  const r = useResource((signal) => api.get<Tracking>(`/tracking/${seg(token)}`, { auth: false, signal }), [token], { pollMs: 60000 });
  return (
    <div class="tracking-page">
      <header class="tracking-head">
        <span class="brand">Order tracking</span>
      </header>
      <main class="tracking-main">
        {r.data ? (
          <TrackingBody t={r.data} />
        ) : r.error ? (
          isProblem(r.error) && r.error.status === 404 ? (
            <div class="card narrow" role="alert" data-testid="tracking-unknown">
              <h1>Order not found</h1>
              <p>This tracking link is not valid. Check the link in your confirmation e-mail.</p>
            </div>
          ) : (
            <ProblemBox error={r.error} onRetry={r.reload} />
          )
        ) : (
          <Loading label="Looking up your order…" />
        )}
      </main>
    </div>
  );
}

function TrackingBody({ t }: { t: Tracking }) {
  const o = t.order;
  const cancelled = o.status === 'cancelled';
  const step = stepOf(o.status);
  return (
    <>
      <section class="card">
        <h1>
          Order {o.channel_order_id} <Badge status={o.status} />
        </h1>
        <p class="muted">Placed {fmtDateTime(o.created_at)}</p>
        {cancelled ? (
          <p class="notice warn">This order was cancelled.</p>
        ) : o.status === 'on_hold' ? (
          <p class="notice warn">This order is on hold. We will contact you if we need anything.</p>
        ) : (
          <ol class="steps" aria-label="Progress" data-testid="tracking-steps">
            {STEPS.map((s, i) => (
              <li key={s} class={i < step ? 'done' : i === step ? 'current' : ''}>
                {s === 'received' ? 'Order received' : s === 'in_fulfillment' ? 'Being prepared' : humanize(s)}
              </li>
            ))}
          </ol>
        )}
        <p class="tracking-status" data-testid="tracking-status">
          Status: <strong>{humanize(o.status)}</strong>
        </p>
      </section>
      {t.shipments.length > 0 && (
        <section class="card">
          <h2>Shipments</h2>
          {t.shipments.map((s, i) => (
            <div key={i} class="shipment" data-testid="shipment">
              <div>
                <Badge status={s.tracking_status ?? s.status} /> {s.carrier ?? ''} {s.service ? `· ${s.service}` : ''}
              </div>
              <div>
                Tracking number: <strong class="mono" data-testid="tracking-number">{s.tracking_number ?? 'not yet'}</strong>
              </div>
              <div class="muted">
                {s.shipped_at ? `Shipped ${fmtDate(s.shipped_at)}` : 'Not shipped yet'}
                {s.delivered_at ? ` · delivered ${fmtDate(s.delivered_at)}` : ''}
              </div>
            </div>
          ))}
        </section>
      )}
      <section class="card">
        <h2>Items</h2>
        <Table
          columns={[
            { header: 'Item', cell: (l) => l.name },
            { header: 'Ordered', num: true, cell: (l) => l.quantity },
            { header: 'Shipped', num: true, cell: (l) => l.shipped },
          ]}
          rows={o.lines}
          rowKey={(l) => l.sku}
        />
      </section>
    </>
  );
}
