import { useState } from 'preact/hooks';
import { seg } from '../api/client';
import type { PurchaseOrder, Receipt, ResponseBody, RequestBody } from '../api/types';
import { fmtDate } from '../lib/format';
import { useAction, useResource } from '../lib/hooks';
import { can } from '../lib/permissions';
import { useStore } from '../lib/store';
import type { Feedback } from '../logic/pickScan';
import { Link, navigate } from '../router';
import { api, session, warehouse } from '../session';
import { Async, Badge, describeError, Empty } from '../components/ui';
import { Table } from '../components/Table';
import { FeedbackPanel, HandheldPage, ScanInput } from './common';
import { PutawayTask } from './Putaway';

type ReceiptInput = RequestBody<'/api/v1/purchase-orders/{number}/receipts', 'post'>;

async function openPOs(wh: string | null, signal: AbortSignal): Promise<PurchaseOrder[]> {
  const out: PurchaseOrder[] = [];
  for (const status of ['receiving', 'open']) {
    const r = await api.get<ResponseBody<'/api/v1/purchase-orders', 'get'>>('/purchase-orders', { query: { status, limit: 100 }, signal });
    out.push(...r.purchase_orders.filter((p) => !wh || p.warehouse === wh));
  }
  return out;
}

export function ReceiveStart() {
  const wh = useStore(warehouse);
  const r = useResource((signal) => openPOs(wh, signal), [wh]);
  return (
    <HandheldPage title="Receive">
      <ScanInput placeholder="Scan a purchase order number" onScan={(c) => c.trim() && navigate(`/handheld/receive/${encodeURIComponent(c.trim())}`)} />
      <p>
        <Link href="/handheld/putaway" class="btn">
          Putaway tasks
        </Link>
      </p>
      <h2 class="hh-sub">Expected</h2>
      <Async r={r}>
        {(pos) =>
          pos.length === 0 ? (
            <Empty>No open purchase order.</Empty>
          ) : (
            <div class="hh-list">
              {pos.map((p) => (
                <Link key={p.number} href={`/handheld/receive/${encodeURIComponent(p.number)}`} class="hh-item">
                  <strong>{p.number}</strong>
                  <span>
                    {p.supplier} · {p.lines.length} lines · due {fmtDate(p.expected_at)} <Badge status={p.status} />
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

/** GS1 strings that carry their own count (AI 30 or 37) need no quantity. */
export function scanCarriesCount(scan: string): boolean {
  return /\((30|37)\)|\[(30|37)\]/.test(scan);
}

export function ReceiveScreen({ number }: { number: string }) {
  const r = useResource((signal) => api.get<PurchaseOrder>(`/purchase-orders/${seg(number)}`, { signal }), [number]);
  return (
    <HandheldPage title={`Receive ${number}`} back="/handheld/receive">
      <Async r={r} label="Loading the purchase order…">
        {(po) => <Receiver po={po} onChange={r.setData} />}
      </Async>
    </HandheldPage>
  );
}

function Receiver({ po, onChange }: { po: PurchaseOrder; onChange: (p: PurchaseOrder) => void }) {
  const role = useStore(session)?.me.role;
  const [qty, setQty] = useState('1');
  const [lot, setLot] = useState('');
  const [expiry, setExpiry] = useState('');
  const [damaged, setDamaged] = useState(false);
  const [fb, setFb] = useState<Feedback | null>(null);
  const [log, setLog] = useState<Receipt[]>([]);
  /** Receipts whose putaway task is not done yet (this session's). */
  const [pending, setPending] = useState<Receipt[]>([]);
  const [putaway, setPutaway] = useState<number | null>(null);
  const receive = useAction((key, body: ReceiptInput) => api.post<Receipt>(`/purchase-orders/${seg(po.number)}/receipts`, body, { idempotencyKey: key }), {
    onDone: (rc) => {
      onChange(rc.purchase_order_after);
      setLog((l) => [rc, ...l].slice(0, 10));
      if (rc.putaway_task_id !== null) setPending((p) => [rc, ...p]);
      setFb({
        kind: 'ok',
        text: `Received ${rc.quantity} × ${rc.sku}${rc.lot ? ` lot ${rc.lot}` : ''} on line ${rc.line_no} → ${rc.location}${
          rc.damaged ? ' (damaged: quarantine)' : rc.suggested_location ? `. Put away to ${rc.suggested_location} (task #${rc.putaway_task_id})` : '. No putaway location fits.'
        }`,
      });
      setLot('');
      setExpiry('');
      setDamaged(false);
      setQty('1');
    },
    onError: (e) => {
      const d = describeError(e, 'receipts.create', role);
      setFb({ kind: 'error', text: d.text, code: d.code });
    },
  });

  const onScan = (code: string) => {
    const scan = code.trim();
    if (!scan) {
      setFb({ kind: 'info', text: 'Scan the product, its GTIN or the GS1 label.' });
      return;
    }
    if (receive.busy) {
      setFb({ kind: 'info', text: 'Still sending the last receipt — wait.' });
      return;
    }
    const body: ReceiptInput = { scan, damaged };
    const q = Number(qty);
    if (!scanCarriesCount(scan)) {
      if (!Number.isInteger(q) || q < 1) {
        setFb({ kind: 'error', text: 'Enter a quantity of at least 1 first.', code: 'invalid_field' });
        return;
      }
      body.quantity = q;
    }
    if (lot.trim()) body.lot = lot.trim();
    if (expiry) body.expiry = expiry;
    setFb({ kind: 'info', text: `Receiving ${scan}…` });
    void receive.run(body);
  };

  const closed = po.status === 'closed' || po.status === 'cancelled';
  if (putaway !== null) {
    return (
      <PutawayTask
        id={putaway}
        onBack={() => setPutaway(null)}
        onDone={(t) => {
          setPending((p) => p.filter((rc) => rc.putaway_task_id !== t.id));
          setPutaway(null);
          setFb({ kind: 'ok', text: `Put away ${t.done_quantity ?? t.quantity} × ${t.sku} at ${t.done_location ?? t.to_location}. Scan the next item.` });
        }}
      />
    );
  }
  return (
    <>
      <div class="hh-progress">
        {po.supplier} · <Badge status={po.status} />
      </div>
      {closed ? (
        <div class="notice warn">This purchase order is {po.status}: it takes no more receipts.</div>
      ) : (
        <>
          <div class="receive-fields">
            <label class="field inline">
              <span class="field-label">Quantity</span>
              <input type="number" inputMode="numeric" min={1} value={qty} onInput={(e) => setQty((e.target as HTMLInputElement).value)} />
            </label>
            <label class="field inline">
              <span class="field-label">Lot</span>
              <input value={lot} onInput={(e) => setLot((e.target as HTMLInputElement).value)} placeholder="if lot-tracked" />
            </label>
            <label class="field inline">
              <span class="field-label">Expiry</span>
              <input type="date" value={expiry} onInput={(e) => setExpiry((e.target as HTMLInputElement).value)} />
            </label>
            <label class="field check">
              <input type="checkbox" checked={damaged} onChange={(e) => setDamaged((e.target as HTMLInputElement).checked)} />
              <span>Damaged</span>
            </label>
          </div>
          <ScanInput placeholder="Scan product, GTIN or GS1 label" onScan={onScan} disabled={receive.busy} />
          <FeedbackPanel fb={fb} />
        </>
      )}
      {pending.length > 0 && can(role, 'tasks.complete') && (
        <>
          <h2 class="hh-sub">To put away ({pending.length})</h2>
          <div class="hh-list" data-testid="putaway-pending">
            {pending.map((rc) => (
              <div key={rc.id} class="hh-item">
                <strong>
                  {rc.quantity} × {rc.sku} → {rc.suggested_location ?? 'no suggestion'}
                </strong>
                <button type="button" class="btn primary" onClick={() => setPutaway(rc.putaway_task_id)}>
                  Put away now
                </button>
              </div>
            ))}
          </div>
        </>
      )}
      <Table
        testid="po-lines"
        columns={[
          { header: '#', cell: (l) => l.line_no },
          { header: 'SKU', cell: (l) => l.sku },
          { header: 'Expected', num: true, cell: (l) => l.expected },
          {
            header: 'Received',
            num: true,
            cell: (l) => (
              <>
                {l.received}
                {l.damaged ? <span class="risk"> +{l.damaged} dmg</span> : null}
              </>
            ),
          },
          { header: 'Open', num: true, cell: (l) => l.open },
        ]}
        rows={po.lines}
        rowKey={(l) => l.line_no}
        rowClass={(l) => l.closed && 'row-done'}
      />
      {log.length > 0 && (
        <>
          <h2 class="hh-sub">Received now</h2>
          <ul class="hh-log">
            {log.map((rc) => (
              <li key={rc.id}>
                {rc.quantity} × {rc.sku} → {rc.location}
                {rc.suggested_location ? ` ⇒ ${rc.suggested_location}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
