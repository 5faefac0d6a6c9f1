import { useState } from 'preact/hooks';
import { createReturn, returnsOfOrder, type ReturnRequest } from '../api/endpoints';
import type { Order, Return } from '../api/types';
import { fmtDateTime } from '../lib/format';
import { useAction, useResource } from '../lib/hooks';
import { can } from '../lib/permissions';
import { useStore } from '../lib/store';
import { returnable, returnRequest } from '../logic/returns';
import { Link } from '../router';
import { session } from '../session';
import { Async, Badge, Card, ProblemBox } from '../components/ui';
import { Table } from '../components/Table';

/** An order's returns, and the form that authorises a new one. */
export function Returns({ order, onChange }: { order: Order; onChange: () => void }) {
  const role = useStore(session)?.me.role;
  // Only shipped units come back: an order that shipped nothing has no returns.
  const shipped = order.lines.some((l) => l.shipped > 0);
  const r = useResource((signal) => returnsOfOrder(order.id, signal), [order.id, order.lines.map((l) => l.returned).join()], { enabled: shipped });
  if (!shipped) return null;
  return (
    <Card title="Returns">
      <Async r={r} label="Loading returns…">
        {(rs) => (
          <>
            {rs.length === 0 ? <p class="muted">No return for this order.</p> : rs.map((x) => <ReturnTable key={x.id} r={x} />)}
            {shipped && can(role, 'returns.create') && (
              <AuthoriseReturn
                order={order}
                returns={rs}
                onDone={() => {
                  r.reload();
                  onChange();
                }}
              />
            )}
          </>
        )}
      </Async>
    </Card>
  );
}

function ReturnTable({ r }: { r: Return }) {
  const role = useStore(session)?.me.role;
  return (
    <div class="return" data-testid={`return-${r.id}`}>
      <h3>
        Return #{r.id} <Badge status={r.status} /> <span class="muted small">{r.warehouse} · {fmtDateTime(r.created_at)} · “{r.reason}”</span>{' '}
        {r.status !== 'closed' && can(role, 'returns.work') && (
          <Link href={`/handheld/returns/${r.id}`} class="btn small">
            {r.status === 'authorized' ? 'Receive' : 'Inspect'}
          </Link>
        )}
      </h3>
      <Table
        wrap="scroll-x"
        columns={[
          { header: 'SKU', cell: (l) => l.sku },
          { header: 'Authorised', num: true, cell: (l) => l.authorized },
          { header: 'Received', num: true, cell: (l) => l.received },
          { header: 'To inspect', num: true, class: (l) => l.awaiting_inspection > 0 && 'risk', cell: (l) => l.awaiting_inspection || '' },
          { header: 'Restocked', num: true, cell: (l) => l.restocked || '' },
          { header: 'Quarantined', num: true, cell: (l) => l.quarantined || '' },
          { header: 'Scrapped', num: true, cell: (l) => l.scrapped || '' },
        ]}
        rows={r.lines}
        rowKey={(l) => l.id}
      />
    </div>
  );
}

function AuthoriseReturn({ order, returns, onDone }: { order: Order; returns: Return[]; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [qty, setQty] = useState<Record<number, string>>({});
  const [invalid, setInvalid] = useState<string | null>(null);
  const limits = returnable(order, returns);
  const act = useAction<[ReturnRequest], Return>((key, body) => createReturn(body, key), {
    onDone: () => {
      setOpen(false);
      setReason('');
      setQty({});
      onDone();
    },
  });
  const lines = order.lines.filter((l) => (limits[l.id] ?? 0) > 0);
  if (lines.length === 0) return <p class="muted small">Every shipped unit is already on a return.</p>;
  if (!open) {
    return (
      <button type="button" class="btn" onClick={() => setOpen(true)}>
        Authorise a return
      </button>
    );
  }
  const submit = () => {
    const r = returnRequest(order.id, reason, qty, limits);
    if ('error' in r) return setInvalid(r.error);
    setInvalid(null);
    void act.run(r.body);
  };
  return (
    <form
      class="return-form"
      data-testid="return-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h3>Authorise a return</h3>
      <Table
        columns={[
          { header: 'SKU', cell: (l) => l.sku },
          { header: 'Shipped', num: true, cell: (l) => l.shipped },
          { header: 'May return', num: true, cell: (l) => limits[l.id] },
          {
            header: 'Returning',
            num: true,
            cell: (l) => (
              <input
                class="count-qty"
                type="number"
                min={0}
                max={limits[l.id]}
                aria-label={`Units of ${l.sku} coming back`}
                value={qty[l.id] ?? ''}
                onInput={(e) => setQty({ ...qty, [l.id]: (e.target as HTMLInputElement).value })}
              />
            ),
          },
        ]}
        rows={lines}
        rowKey={(l) => l.id}
      />
      <div class="inline-form">
        <input placeholder="Reason (damaged, wrong size, …)" aria-label="Return reason" value={reason} maxLength={200} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
        <button class="btn primary" type="submit" disabled={act.busy}>
          {act.busy ? 'Authorising…' : 'Authorise'}
        </button>
        <button class="btn ghost" type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
      {invalid && <div class="notice warn">{invalid}</div>}
      <ProblemBox error={act.error} action="returns.create" onRetry={submit} onClose={act.clear} />
    </form>
  );
}
