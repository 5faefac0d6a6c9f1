import { useState } from 'preact/hooks';
import { listOrders } from '../api/endpoints';
import type { Order, ResponseBody } from '../api/types';
import { ORDER_STATUSES } from '../api/types';
import { fmtDateTime, fmtRelative, humanize } from '../lib/format';
import { useResource } from '../lib/hooks';
import { Link, navigate, setQuery, useLocation } from '../router';
import { api } from '../session';
import { Async, Badge, Card, Pager } from '../components/ui';
import { Table } from '../components/Table';

const PAGE = 50;

export function Orders() {
  const { query } = useLocation();
  const status = query.get('status') ?? '';
  const channel = query.get('channel') ?? '';
  const q = query.get('q') ?? '';
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [text, setText] = useState(q);
  const page = cursors.length;
  const cursor = cursors[cursors.length - 1];

  const channels = useResource((signal) => api.get<ResponseBody<'/api/v1/channels', 'get'>>('/channels', { query: { limit: 500 }, signal }), []);
  const list = useResource((signal) => listOrders({ q: q.trim().replace(/^#(?=\d+$)/, ''), status, channel, limit: PAGE, cursor }, signal), [q, status, channel, cursor]);

  const filter = (patch: Record<string, string>) => {
    setCursors([null]);
    setQuery(patch);
  };

  return (
    <div class="page">
      <div class="page-head">
        <h1>Orders</h1>
      </div>
      <Card>
        <form
          class="filters"
          onSubmit={(e) => {
            e.preventDefault();
            filter({ q: text.trim() });
          }}
        >
          <label class="field inline">
            <span class="field-label">Status</span>
            <select value={status} onChange={(e) => filter({ status: (e.target as HTMLSelectElement).value })} name="status">
              <option value="">any</option>
              {ORDER_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {humanize(s)}
                </option>
              ))}
            </select>
          </label>
          <label class="field inline">
            <span class="field-label">Channel</span>
            <select value={channel} onChange={(e) => filter({ channel: (e.target as HTMLSelectElement).value })} name="channel">
              <option value="">any</option>
              {channels.data?.channels.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <label class="field inline grow">
            <span class="field-label">Search</span>
            <input type="search" name="q" placeholder="Order id, channel order id (its start) or e-mail" value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} />
          </label>
          <button class="btn" type="submit">
            Search
          </button>
          {q && (
            <button
              class="btn ghost"
              type="button"
              onClick={() => {
                setText('');
                filter({ q: '' });
              }}
            >
              Clear
            </button>
          )}
        </form>
      </Card>
      <Async r={list} label={q ? 'Searching…' : 'Loading orders…'}>
        {(d) => (
          <Card title={q ? `Results for “${q}”` : undefined}>
            <OrderTable orders={d.orders} />
            <Pager
              page={page}
              busy={list.loading}
              hasPrev={page > 1}
              hasNext={!!d.next_cursor}
              onPrev={() => setCursors(cursors.slice(0, -1))}
              onNext={() => d.next_cursor && setCursors([...cursors, d.next_cursor])}
            />
          </Card>
        )}
      </Async>
    </div>
  );
}

export function OrderTable({ orders }: { orders: Order[] }) {
  return (
    <Table
      class="orders"
      testid="orders-table"
      wrap="scroll-x"
      columns={[
        { header: 'Order', cell: (o) => <Link href={`/orders/${o.id}`}>#{o.id}</Link> },
        {
          header: 'Channel order',
          cell: (o) => (
            <>
              {o.channel_order_id} <span class="muted small">{o.channel}</span>
            </>
          ),
        },
        {
          header: 'Status',
          cell: (o) => (
            <>
              <Badge status={o.status} />
              {o.priority > 0 && <span class="badge tone-red" title="priority">P{o.priority}</span>}
            </>
          ),
        },
        { header: 'Customer', cell: (o) => o.customer?.name },
        { header: 'Units', num: true, cell: (o) => o.lines.reduce((n, l) => n + l.quantity, 0) },
        { header: 'Ship by', title: (o) => fmtDateTime(o.ship_by), cell: (o) => (o.ship_by ? fmtRelative(o.ship_by) : '—') },
        { header: 'Created', cell: (o) => fmtDateTime(o.created_at) },
      ]}
      rows={orders}
      rowKey={(o) => o.id}
      onRowClick={(o) => navigate(`/orders/${o.id}`)}
      empty="No orders match."
    />
  );
}

