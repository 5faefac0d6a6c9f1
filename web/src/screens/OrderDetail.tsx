import { useState } from 'preact/hooks';
import type { Fulfillment, FulfillmentLine, Order, OrderLine, WfEvent } from '../api/types';
import { describeEvent, orderTimeline } from '../lib/events';
import { fmtDateTime, fmtMoney, fmtRelative, fmtWeight, humanize } from '../lib/format';
import { Returns } from './OrderReturns';
import { useAction, useResource } from '../lib/hooks';
import { can } from '../lib/permissions';
import { useStore } from '../lib/store';
import { Link } from '../router';
import { api, session } from '../session';
import { Async, Badge, Card, ConfirmButton, Empty, PdfButton, ProblemBox } from '../components/ui';
import { Table, type Column } from '../components/Table';

export function OrderDetail({ id }: { id: number }) {
  const r = useResource((signal) => api.get<Order>(`/orders/${id}`, { signal }), [id]);
  return (
    <div class="page">
      <div class="page-head">
        <h1>
          <Link href="/orders" class="muted">
            Orders
          </Link>{' '}
          / #{id}
        </h1>
      </div>
      <Async r={r} label="Loading the order…">
        {(o) => <OrderBody order={o} onChange={r.setData} reload={r.reload} />}
      </Async>
    </div>
  );
}

function OrderBody({ order, onChange, reload }: { order: Order; onChange: (o: Order) => void; reload: () => void }) {
  const role = useStore(session)?.me.role;
  const fids = order.fulfillments.map((f) => f.id);
  const fulfillments = useResource(
    (signal) => Promise.all(fids.map((f) => api.get<Fulfillment>(`/fulfillments/${f}`, { signal }))),
    [order.id, fids.join(','), order.status],
  );
  const [reason, setReason] = useState('');
  const hold = useAction((key, why: string) => api.post<Order>(`/orders/${order.id}/hold`, { reason: why }, { idempotencyKey: key }), {
    onDone: (o) => {
      onChange(o);
      setReason('');
    },
  });
  const release = useAction((key) => api.post<Order>(`/orders/${order.id}/release`, {}, { idempotencyKey: key }), { onDone: onChange });
  const cancel = useAction((key) => api.post<Order>(`/orders/${order.id}/cancel`, {}, { idempotencyKey: key }), { onDone: onChange });

  const units = order.lines.reduce((n, l) => n + l.quantity, 0);
  const anyPicked = order.lines.some((l) => l.picked + l.packed + l.shipped > 0);
  const closed = ['cancelled', 'shipped', 'delivered'].includes(order.status);
  const trackUrl = order.tracking_token ? `${location.origin}/track/${encodeURIComponent(order.tracking_token)}` : null;

  return (
    <>
      <Card
        title={
          <>
            {order.channel_order_id} <Badge status={order.status} />
          </>
        }
        actions={
          <button type="button" class="btn small ghost" onClick={reload}>
            Refresh
          </button>
        }
      >
        <dl class="facts" data-testid="order-facts">
          <dt>Order</dt>
          <dd>#{order.id}</dd>
          <dt>Channel</dt>
          <dd>{order.channel}</dd>
          <dt>Customer</dt>
          <dd>
            {order.customer.name} <span class="muted">{order.customer.email}</span>
          </dd>
          <dt>Ship to</dt>
          <dd>
            {order.ship_to.name}, {order.ship_to.line1}
            {order.ship_to.line2 ? `, ${order.ship_to.line2}` : ''}, {order.ship_to.postal_code} {order.ship_to.city}, {order.ship_to.country}
          </dd>
          <dt>Priority</dt>
          <dd>{order.priority}</dd>
          <dt>Ship by</dt>
          <dd>
            {fmtDateTime(order.ship_by)} {order.ship_by && <span class="muted">({fmtRelative(order.ship_by)})</span>}
          </dd>
          <dt>Deliver by</dt>
          <dd>{fmtDateTime(order.deliver_by)}</dd>
          <dt>Created</dt>
          <dd>{fmtDateTime(order.created_at)}</dd>
          {order.hold_reason && (
            <>
              <dt>On hold</dt>
              <dd class="risk">{order.hold_reason}</dd>
            </>
          )}
          <dt>Customer tracking</dt>
          <dd>
            {trackUrl ? (
              <>
                <a href={trackUrl} target="_blank" rel="noopener" data-testid="tracking-link">
                  {trackUrl}
                </a>{' '}
                <button type="button" class="btn small ghost" onClick={() => void navigator.clipboard?.writeText(trackUrl).catch(() => undefined)}>
                  Copy
                </button>
              </>
            ) : (
              <span class="muted">the server gives this order no tracking token</span>
            )}
          </dd>
        </dl>

        {!closed && (can(role, 'orders.hold') || can(role, 'orders.release') || can(role, 'orders.cancel')) && (
          <div class="actions-row">
            {order.status === 'on_hold'
              ? can(role, 'orders.release') && (
                  <button type="button" class="btn primary" disabled={release.busy} onClick={() => void release.run()}>
                    {release.busy ? 'Releasing…' : 'Release'}
                  </button>
                )
              : can(role, 'orders.hold') && (
                  <form
                    class="inline-form"
                    onSubmit={(e) => {
                      e.preventDefault();
                      if (reason.trim()) void hold.run(reason.trim());
                    }}
                  >
                    <input
                      placeholder="Reason for the hold"
                      value={reason}
                      required
                      maxLength={200}
                      onInput={(e) => setReason((e.target as HTMLInputElement).value)}
                      aria-label="Hold reason"
                    />
                    <button type="submit" class="btn" disabled={hold.busy || !reason.trim()}>
                      {hold.busy ? 'Holding…' : 'Hold'}
                    </button>
                  </form>
                )}
            {can(role, 'orders.cancel') && !anyPicked && (
              <ConfirmButton label="Cancel order" confirm="Cancel this order?" class="btn danger" busy={cancel.busy} onConfirm={() => void cancel.run()} />
            )}
          </div>
        )}
        <ProblemBox error={hold.error} action="orders.hold" onRetry={() => void hold.run(reason.trim())} onClose={hold.clear} />
        <ProblemBox error={release.error} action="orders.release" onRetry={() => void release.run()} onClose={release.clear} />
        <ProblemBox error={cancel.error} action="orders.cancel" onRetry={() => void cancel.run()} onClose={cancel.clear} />
      </Card>

      <Card title={`Lines (${order.lines.length}, ${units} units)`}>
        <Table
          testid="order-lines"
          wrap="scroll-x"
          columns={[
            { header: 'SKU', cell: (l) => <Link href={`/inventory/${encodeURIComponent(l.sku)}`}>{l.sku}</Link> },
            ...lineProgressColumns<OrderLine>(),
            { header: 'Backordered', num: true, class: (l) => l.backordered > 0 && 'risk', cell: (l) => l.backordered || '' },
            { header: 'Cancelled', num: true, cell: (l) => l.cancelled || '' },
            { header: 'Returned', num: true, cell: (l) => l.returned || '' },
            { header: 'Price', num: true, cell: (l) => fmtMoney(l.unit_price) },
          ]}
          rows={order.lines}
          rowKey={(l) => l.id}
        />
      </Card>

      <Async r={fulfillments} label="Loading fulfillments…">
        {(fs) =>
          fs.length === 0 ? (
            <Card title="Fulfillments">
              <Empty>No fulfillment: nothing could be allocated yet.</Empty>
            </Card>
          ) : (
            <>
              {fs.map((f) => (
                <FulfillmentCard key={f.id} f={f} />
              ))}
            </>
          )
        }
      </Async>

      <Returns order={order} onChange={reload} />

      <Timeline order={order} />
    </>
  );
}

function FulfillmentCard({ f }: { f: Fulfillment }) {
  const role = useStore(session)?.me.role;
  const packed = ['packed', 'shipped', 'delivered'].includes(f.status);
  const shipped = ['shipped', 'delivered'].includes(f.status);
  return (
    <Card
      class="fulfillment"
      title={
        <>
          Fulfillment #{f.id} <Badge status={f.status} /> <span class="muted small">from {f.warehouse}</span>
        </>
      }
      actions={
        <>
          {f.status === 'picked' && can(role, 'fulfillments.pack') && (
            <Link class="btn small" href={`/handheld/pack/${f.id}`}>
              Pack
            </Link>
          )}
          {packed && <PdfButton class="btn small" path={`/fulfillments/${f.id}/documents/packing-slip`} label="Packing slip" />}
          {shipped &&
            f.packages.map((p, i) => (
              <PdfButton key={p.id} class="btn small" path={`/fulfillments/${f.id}/documents/label`} query={{ package: i + 1 }} label={f.packages.length > 1 ? `Label ${i + 1}` : 'Label'} />
            ))}
        </>
      }
    >
      <dl class="facts">
        <dt>Carrier</dt>
        <dd>{f.carrier ? `${f.carrier}${f.service ? ` · ${f.service}` : ''}` : '—'}</dd>
        <dt>Tracking number</dt>
        <dd data-testid={`tracking-number-${f.id}`}>{f.tracking_number ?? '—'}</dd>
        <dt>Tracking status</dt>
        <dd>{f.tracking_status ? <Badge status={f.tracking_status} /> : '—'}</dd>
        <dt>Price</dt>
        <dd>{fmtMoney(f.price)}</dd>
        <dt>Shipped</dt>
        <dd>{fmtDateTime(f.shipped_at)}</dd>
        <dt>Delivered</dt>
        <dd>{fmtDateTime(f.delivered_at)}</dd>
      </dl>
      <Table wrap="scroll-x" columns={[{ header: 'SKU', cell: (l) => l.sku }, ...lineProgressColumns<FulfillmentLine>()]} rows={f.lines} rowKey={(l) => l.sku} />
      {f.packages.length > 0 && (
        <>
          <h3>Packages</h3>
          <Table
            wrap="scroll-x"
            columns={[
              { header: '#', cell: (_p, i) => i + 1 },
              { header: 'Box', cell: (p) => p.box ?? '—' },
              { header: 'SSCC', class: 'mono', cell: (p) => p.sscc },
              { header: 'Weight', num: true, cell: (p) => fmtWeight(p.weight_g) },
              { header: 'Expected', num: true, cell: (p) => fmtWeight(p.expected_weight_g) },
              { header: 'Items', cell: (p) => p.items.map((it) => `${it.quantity} × ${it.sku}`).join(', ') },
            ]}
            rows={f.packages}
            rowKey={(p) => p.id}
          />
        </>
      )}
    </Card>
  );
}

function Timeline({ order }: { order: Order }) {
  const r = useResource((signal) => orderTimeline(order, signal), [order.id, order.status, order.fulfillments.map((f) => f.status).join(), order.lines.map((l) => l.returned).join()]);
  return (
    <Card title="Timeline">
      <Async r={r} label="Reading the order's events…">
        {(events) => (events.length === 0 ? <Empty>No events for this order.</Empty> : <TimelineList events={events} />)}
      </Async>
    </Card>
  );
}

function TimelineList({ events }: { events: WfEvent[] }) {
  return (
    <ol class="timeline" data-testid="timeline">
      {events.map((e) => (
        <li key={e.seq} class={`ev ev-${e.type.replace('.', '-')}`}>
          <time dateTime={e.at}>{fmtDateTime(e.at)}</time>
          <span>{describeEvent(e)}</span>
          <span class="muted small">{humanize(e.type)}</span>
        </li>
      ))}
    </ol>
  );
}

/** How far an order's or a fulfillment's lines have come: the ordered quantity, then each step (blank for none). */
function lineProgressColumns<L extends { quantity: number; allocated: number; picked: number; packed: number; shipped: number }>(): Column<L>[] {
  return [
    { header: 'Qty', num: true, cell: (l) => l.quantity },
    { header: 'Allocated', num: true, cell: (l) => l.allocated || '' },
    { header: 'Picked', num: true, cell: (l) => l.picked || '' },
    { header: 'Packed', num: true, cell: (l) => l.packed || '' },
    { header: 'Shipped', num: true, cell: (l) => l.shipped || '' },
  ];
}
