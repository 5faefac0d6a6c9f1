import { useEffect, useState } from 'preact/hooks';
import { seg } from '../api/client';
import { getReturn, inspectReturn, listOrders, receiveReturn, returnsOfOrder } from '../api/endpoints';
import type { Disposition, Inventory, Order, Product, Return, ReturnLine, ResponseBody } from '../api/types';
import { humanize } from '../lib/format';
import { useAction, useResource } from '../lib/hooks';
import { can } from '../lib/permissions';
import { getProducts } from '../lib/products';
import { useStore } from '../lib/store';
import type { Feedback } from '../logic/pickScan';
import {
  applyReceiveScan,
  inspection,
  matchReturnLine,
  parseReturnNumber,
  receiveBody,
  restockSuggestions,
  returnPhase,
  toReceive,
  type ReceiveDraft,
} from '../logic/returns';
import { Link, navigate } from '../router';
import { api, session } from '../session';
import { Async, Badge, describeError, Empty } from '../components/ui';
import { Table } from '../components/Table';
import { FeedbackPanel, HandheldPage, ScanInput, Steps } from './common';

interface Found {
  order: Order;
  returns: Return[];
}

async function findReturns(q: string, signal: AbortSignal): Promise<Found[]> {
  const page = await listOrders({ q, limit: 5 }, signal);
  return Promise.all(page.orders.map(async (order) => ({ order, returns: await returnsOfOrder(order.id, signal) })));
}

export function ReturnsStart() {
  const [q, setQ] = useState('');
  const [fb, setFb] = useState<Feedback | null>(null);
  const r = useResource((signal) => findReturns(q, signal), [q], { enabled: !!q });

  // One order with one open return: open it.
  useEffect(() => {
    const d = r.data;
    if (!d || !q) return;
    const open = d.flatMap((f) => f.returns.filter((x) => x.status !== 'closed'));
    if (d.length === 1 && open.length === 1) navigate(`/handheld/returns/${open[0].id}`);
    else if (d.length === 0) setFb({ kind: 'error', text: `No order matches ${q}.`, code: 'unknown_order' });
    else if (open.length === 0) setFb({ kind: 'info', text: 'No open return for this: it must be authorised first (order page).' });
    // When an answer arrives (it is the answer for the current q); a new q alone has none yet.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [r.data]);

  return (
    <HandheldPage title="Returns">
      <ScanInput
        placeholder="Scan the return (RMA-…), order number or e-mail"
        onScan={(c) => {
          const t = c.trim();
          const id = parseReturnNumber(t);
          if (id !== null) return navigate(`/handheld/returns/${id}`);
          if (!t) return setFb({ kind: 'info', text: 'Scan the return label, or type the order number.' });
          setFb({ kind: 'info', text: `Looking for ${t}…` });
          setQ(t.replace(/^#/, ''));
        }}
      />
      <FeedbackPanel fb={fb} />
      {q && (
        <Async r={r} label="Looking…">
          {(found) =>
            found.length === 0 ? (
              <Empty>No order matches.</Empty>
            ) : (
              <div class="hh-list" data-testid="return-candidates">
                {found.flatMap((f) =>
                  f.returns.length === 0
                    ? [
                        <div key={`o${f.order.id}`} class="hh-item">
                          <strong>
                            Order #{f.order.id} · {f.order.channel_order_id}
                          </strong>
                          <span>no return authorised</span>
                        </div>,
                      ]
                    : f.returns.map((x) => (
                        <Link key={x.id} href={`/handheld/returns/${x.id}`} class="hh-item">
                          <strong>
                            Return #{x.id} · order {f.order.channel_order_id}
                          </strong>
                          <span>
                            {x.lines.reduce((n, l) => n + l.authorized, 0)} units · “{x.reason}” <Badge status={x.status} />
                          </span>
                        </Link>
                      )),
                )}
              </div>
            )
          }
        </Async>
      )}
    </HandheldPage>
  );
}

interface ReturnData {
  ret: Return;
  products: Record<string, Product>;
  notShelves: Set<string>;
}

const NOT_SHELVES = ['receiving', 'packing', 'shipping', 'quarantine', 'staging'];

async function loadReturn(id: number, signal: AbortSignal): Promise<ReturnData> {
  const ret = await getReturn(id, signal);
  const [products, areas] = await Promise.all([
    getProducts(ret.lines.map((l) => l.sku), signal),
    Promise.all(NOT_SHELVES.map((type) => api.get<ResponseBody<'/api/v1/warehouses/{code}/locations', 'get'>>(`/warehouses/${seg(ret.warehouse)}/locations`, { query: { type, limit: 500 }, signal }))),
  ]);
  return { ret, products, notShelves: new Set(areas.flatMap((a) => a.locations.map((l) => l.code))) };
}

export function ReturnScreen({ id }: { id: number }) {
  const r = useResource((signal) => loadReturn(id, signal), [id]);
  return (
    <HandheldPage title={`Return #${id}`} back="/handheld/returns">
      <Async r={r} label="Loading the return…">
        {(d) => <ReturnWork data={d} onChange={(ret) => r.setData({ ...d, ret })} />}
      </Async>
    </HandheldPage>
  );
}

type Mode = 'receive' | 'inspect';

function ReturnWork({ data, onChange }: { data: ReturnData; onChange: (r: Return) => void }) {
  const { ret, products } = data;
  const role = useStore(session)?.me.role;
  const phase = returnPhase(ret);
  const [mode, setMode] = useState<Mode>(phase === 'inspect' ? 'inspect' : 'receive');
  const canInspect = ret.lines.some((l) => l.awaiting_inspection > 0);
  const canReceive = ret.lines.some((l) => toReceive(l) > 0);
  useEffect(() => {
    if (mode === 'receive' && !canReceive && canInspect) setMode('inspect');
    // Only when the return changes: the person may still switch to the other mode by hand.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [canReceive, canInspect]);

  return (
    <>
      <div class="hh-progress">
        order <Link href={`/orders/${ret.order_id}`}>#{ret.order_id}</Link> · {ret.warehouse} · “{ret.reason}” · <Badge status={ret.status} />
      </div>
      <Steps steps={['Receive', 'Inspect', 'Closed']} current={phase === 'closed' ? 3 : mode === 'receive' ? 0 : 1} />
      {phase !== 'closed' && canReceive && canInspect && (
        <div class="seg" role="group" aria-label="Step">
          <button type="button" class={`btn ${mode === 'receive' ? 'primary' : ''}`} onClick={() => setMode('receive')}>
            Receive
          </button>
          <button type="button" class={`btn ${mode === 'inspect' ? 'primary' : ''}`} onClick={() => setMode('inspect')}>
            Inspect
          </button>
        </div>
      )}
      {phase === 'closed' ? (
        <div class="feedback ok" role="status" data-testid="return-closed">
          <span class="feedback-icon">✔</span>
          <span class="feedback-text">Return #{ret.id} is closed: every unit was received and inspected.</span>
        </div>
      ) : !can(role, 'returns.work') ? (
        <div class="notice warn">Your role ({role}) may not receive or inspect returns.</div>
      ) : mode === 'receive' ? (
        <Receiving key={`r${ret.id}`} ret={ret} products={products} onChange={onChange} />
      ) : (
        <Inspecting key={`i${ret.id}`} data={data} onChange={onChange} />
      )}
      <ReturnLines ret={ret} />
      <Link href="/handheld/returns" class="btn big">
        Next return
      </Link>
    </>
  );
}

function ReturnLines({ ret }: { ret: Return }) {
  return (
    <Table
      testid="return-lines"
      columns={[
        { header: 'SKU', cell: (l) => l.sku },
        { header: 'Auth.', num: true, cell: (l) => l.authorized },
        { header: 'Recv.', num: true, cell: (l) => l.received },
        { header: 'To inspect', num: true, testid: (l) => `inspect-left-${l.sku}`, cell: (l) => l.awaiting_inspection },
        {
          header: 'Done',
          class: 'small',
          cell: (l) =>
            [l.restocked ? `${l.restocked} restocked` : '', l.quarantined ? `${l.quarantined} quarantined` : '', l.scrapped ? `${l.scrapped} scrapped` : ''].filter(Boolean).join(', ') || '—',
        },
      ]}
      rows={ret.lines}
      rowKey={(l) => l.id}
      rowClass={(l) => l.received === l.authorized && l.awaiting_inspection === 0 && 'row-done'}
    />
  );
}

function Receiving({ ret, products, onChange }: { ret: Return; products: Record<string, Product>; onChange: (r: Return) => void }) {
  const role = useStore(session)?.me.role;
  const [draft, setDraft] = useState<ReceiveDraft>({ units: {}, feedback: null });
  const body = receiveBody(draft);
  const n = body.lines.reduce((s, l) => s + l.quantity, 0);
  const act = useAction((key, b: ReturnType<typeof receiveBody>) => receiveReturn(ret.id, b, key), {
    onDone: (after) => {
      setDraft({ units: {}, feedback: { kind: 'ok', text: `Received ${n} unit${n === 1 ? '' : 's'}: now inspect them.` } });
      onChange(after);
    },
    onError: (e) => {
      const d = describeError(e, 'returns.work', role);
      setDraft((x) => ({ ...x, feedback: { kind: 'error', text: d.text, code: d.code } }));
    },
  });
  return (
    <>
      <ScanInput placeholder="Scan each returned item" onScan={(c) => setDraft(applyReceiveScan(draft, ret, products, c))} disabled={act.busy} />
      <FeedbackPanel fb={draft.feedback} />
      <ul class="hh-log">
        {ret.lines
          .filter((l) => toReceive(l) > 0)
          .map((l) => (
            <li key={l.id} data-testid={`receive-${l.sku}`}>
              {l.sku}: {draft.units[l.sku] ?? 0} of {toReceive(l)} scanned
              {products[l.sku] ? <span class="muted"> · {products[l.sku].name}</span> : null}
            </li>
          ))}
      </ul>
      <button type="button" class="btn primary huge" disabled={n === 0 || act.busy} onClick={() => void act.run(body)} data-testid="receive-return">
        {act.busy ? 'Receiving…' : n === 0 ? 'Scan the items first' : `Receive ${n} unit${n === 1 ? '' : 's'}`}
      </button>
    </>
  );
}

const DISPOSITIONS: { value: Disposition; label: string }[] = [
  { value: 'restock', label: 'Restock' },
  { value: 'quarantine', label: 'Quarantine' },
  { value: 'scrap', label: 'Scrap' },
];

function Inspecting({ data, onChange }: { data: ReturnData; onChange: (r: Return) => void }) {
  const { ret, products, notShelves } = data;
  const role = useStore(session)?.me.role;
  const [disposition, setDisposition] = useState<Disposition>('restock');
  const [qty, setQty] = useState('1');
  const [fb, setFb] = useState<Feedback | null>(null);
  /** A restock scanned: waiting for the location. */
  const [restock, setRestock] = useState<{ line: ReturnLine; quantity: number; suggestions: string[] } | null>(null);
  const act = useAction((key, b: { lines: { sku: string; quantity: number; disposition: Disposition; location?: string }[] }) => inspectReturn(ret.id, b, key), {
    onDone: (after, b) => {
      const l = b.lines[0];
      setRestock(null);
      setQty('1');
      setFb({ kind: 'ok', text: `${l.quantity} × ${l.sku}: ${humanize(l.disposition)}${l.location ? ` to ${l.location}` : ''}.` });
      onChange(after);
    },
    onError: (e) => {
      const d = describeError(e, 'returns.work', role);
      setFb({ kind: 'error', text: d.text, code: d.code });
    },
  });

  const onScan = async (code: string) => {
    const c = code.trim();
    if (act.busy) return setFb({ kind: 'info', text: 'Still sending — wait.' });
    if (restock) {
      if (!c) return setFb({ kind: 'info', text: `Scan the location for ${restock.line.sku}.` });
      if (matchReturnLine(ret, products, c)) return setFb({ kind: 'info', text: `That is an item: scan the location for ${restock.line.sku}, or Cancel.` });
      const r = inspection(restock.line, restock.quantity, 'restock', c);
      if ('error' in r) return setFb(r.error);
      setFb({ kind: 'info', text: `Restocking to ${c}…` });
      return void act.run(r.body);
    }
    const line = matchReturnLine(ret, products, c);
    if (!line) return setFb({ kind: 'error', text: `${c || 'Nothing'} is not on return #${ret.id}.`, code: 'not_on_return' });
    const q = Number(qty);
    if (disposition === 'restock') {
      const pre = inspection(line, q, 'restock', 'x');
      if ('error' in pre) return setFb(pre.error);
      let suggestions: string[] = [];
      try {
        const inv = await api.get<Inventory>(`/inventory/${seg(line.sku)}`);
        suggestions = restockSuggestions(inv, ret.warehouse, notShelves);
      } catch {
        /* no suggestion: any location with room will do */
      }
      setRestock({ line, quantity: q, suggestions });
      return setFb({ kind: 'ok', text: `${q} × ${line.sku} to restock: scan the location${suggestions.length ? ` (it is kept at ${suggestions.join(', ')})` : ''}.` });
    }
    const r = inspection(line, q, disposition);
    if ('error' in r) return setFb(r.error);
    void act.run(r.body);
  };

  return (
    <>
      <div class="seg disposition" role="group" aria-label="Disposition">
        {DISPOSITIONS.map((d) => (
          <button
            key={d.value}
            type="button"
            class={`btn ${disposition === d.value ? 'primary' : ''}`}
            aria-pressed={disposition === d.value}
            onClick={() => {
              setDisposition(d.value);
              setRestock(null);
            }}
          >
            {d.label}
          </button>
        ))}
      </div>
      <label class="field inline">
        <span class="field-label">Quantity</span>
        <input type="number" inputMode="numeric" min={1} value={qty} onInput={(e) => setQty((e.target as HTMLInputElement).value)} />
      </label>
      <ScanInput placeholder={restock ? `Scan the location for ${restock.line.sku}` : 'Scan an item to inspect'} onScan={(c) => void onScan(c)} disabled={act.busy} />
      <FeedbackPanel fb={fb} />
      {restock && (
        <div class="notice" data-testid="restock-to">
          Restock {restock.quantity} × {restock.line.sku}
          {restock.suggestions.length ? (
            <>
              {' '}
              — kept at{' '}
              {restock.suggestions.map((s) => (
                <strong key={s} class="mono">
                  {s}{' '}
                </strong>
              ))}
            </>
          ) : null}{' '}
          <button type="button" class="btn small ghost" onClick={() => setRestock(null)}>
            Cancel
          </button>
        </div>
      )}
      {ret.lines.every((l) => l.awaiting_inspection === 0) && <Empty>Nothing awaits inspection: receive the items first.</Empty>}
    </>
  );
}
