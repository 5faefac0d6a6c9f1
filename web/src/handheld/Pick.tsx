import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import type { PickList, Product, Task, ResponseBody } from '../api/types';
import { useAction, useResource } from '../lib/hooks';
import { KeyKeeper } from '../lib/keys';
import { can } from '../lib/permissions';
import { getProducts } from '../lib/products';
import { useStore } from '../lib/store';
import {
  applyScan,
  confirmQuantity,
  currentLine,
  initialPickState,
  openQty,
  pickAccepted,
  pickRefused,
  selectLine,
  setQuantity,
  sortedLines,
  type PickState,
  type PickSubmit,
} from '../logic/pickScan';
import { Link, navigate } from '../router';
import { api, session, warehouse } from '../session';
import { Async, Badge, describeError, Empty, PdfButton, ProblemBox } from '../components/ui';
import { FeedbackPanel, HandheldPage, ScanInput, Steps } from './common';

export function PickStart() {
  const wh = useStore(warehouse);
  const role = useStore(session)?.me.role;
  const [fb, setFb] = useState<{ kind: 'error' | 'info' | 'ok'; text: string; code?: string } | null>(null);
  const open = useResource(
    (signal) => api.get<ResponseBody<'/api/v1/tasks', 'get'>>('/tasks', { query: { warehouse: wh, type: 'pick', status: 'open', limit: 20 }, signal }),
    [wh],
    { enabled: !!wh },
  );
  const mine = useResource(
    (signal) => api.get<ResponseBody<'/api/v1/tasks', 'get'>>('/tasks', { query: { warehouse: wh, type: 'pick', status: 'in_progress', assigned_to: session.get()?.me.name, limit: 20 }, signal }),
    [wh],
    { enabled: !!wh },
  );
  const next = useAction(async (key) => {
    const r = await api.get<ResponseBody<'/api/v1/tasks/next', 'get'>>('/tasks/next', { query: { warehouse: wh, type: 'pick' } });
    if (!r.task) return null;
    if (r.task.status === 'open') await api.post(`/tasks/${r.task.id}/claim`, {}, { idempotencyKey: key });
    return r.task;
  }, {
    onDone: (t) => {
      if (t?.ref) navigate(`/handheld/pick/${t.ref.id}`);
      else setFb({ kind: 'info', text: 'No pick task is waiting.' });
    },
  });

  return (
    <HandheldPage title="Pick">
      <ScanInput
        placeholder="Scan a pick list number"
        inputMode="numeric"
        onScan={(c) => {
          const id = c.trim().replace(/^PL-?/i, '');
          if (/^\d+$/.test(id)) navigate(`/handheld/pick/${id}`);
          else setFb({ kind: 'error', text: `${c || 'Nothing'} is not a pick list number.`, code: 'invalid_scan' });
        }}
      />
      <FeedbackPanel fb={fb} />
      {can(role, 'tasks.next') && (
        <button type="button" class="btn primary huge" disabled={next.busy} onClick={() => void next.run()}>
          {next.busy ? 'Finding work…' : 'Claim the next pick task'}
        </button>
      )}
      <ProblemBox error={next.error} action="tasks.claim" onRetry={() => void next.run()} />
      <h2 class="hh-sub">Mine in progress</h2>
      <Async r={mine}>{(d) => <TaskList tasks={d.tasks} empty="None." />}</Async>
      <h2 class="hh-sub">Waiting</h2>
      <Async r={open}>{(d) => <TaskList tasks={d.tasks} empty="No pick list is waiting." />}</Async>
    </HandheldPage>
  );
}

function TaskList({ tasks, empty }: { tasks: Task[]; empty: string }) {
  if (tasks.length === 0) return <Empty>{empty}</Empty>;
  return (
    <div class="hh-list">
      {tasks.map((t) => (
        <Link key={t.id} href={`/handheld/pick/${t.ref?.id}`} class="hh-item">
          <strong>Pick list #{t.ref?.id}</strong>
          <span>
            {t.quantity} units · from {t.from_location ?? '—'} {t.assigned_to ? `· ${t.assigned_to}` : ''}
          </span>
        </Link>
      ))}
    </div>
  );
}

interface Loaded {
  list: PickList;
  products: Record<string, Product>;
}

export function PickScreen({ id }: { id: number }) {
  const r = useResource(async (signal): Promise<Loaded> => {
    const list = await api.get<PickList>(`/pick-lists/${id}`, { signal });
    const products = await getProducts(list.lines.map((l) => l.sku), signal);
    return { list, products };
  }, [id]);
  return (
    <HandheldPage title={`Pick list #${id}`} back="/handheld/pick">
      <Async r={r} label="Loading the pick list…">
        {(d) => <Picker key={d.list.id} initial={d.list} products={d.products} />}
      </Async>
    </HandheldPage>
  );
}

function Picker({ initial, products }: { initial: PickList; products: Record<string, Product> }) {
  const role = useStore(session)?.me.role;
  const [list, setList] = useState(initial);
  const [st, setSt] = useState<PickState>(() => initialPickState(initial.lines));
  const [retry, setRetry] = useState<PickSubmit | null>(null);
  const [shortOpen, setShortOpen] = useState(false);
  const [found, setFound] = useState('');
  const keys = useRef(new KeyKeeper());
  const stRef = useRef(st);
  stRef.current = st;
  const listRef = useRef(list);
  listRef.current = list;

  const send = async (sub: PickSubmit) => {
    const key = keys.current.keyFor(JSON.stringify(sub));
    try {
      const after = await api.post<PickList>(`/pick-lists/${listRef.current.id}/picks`, sub, { idempotencyKey: key });
      keys.current.settle();
      const before = listRef.current.lines;
      setList(after);
      setRetry(null);
      setSt(pickAccepted(stRef.current, before, after.lines));
    } catch (e) {
      keys.current.settle(e);
      const d = describeError(e, 'picks.confirm', role);
      setRetry(e instanceof ApiError && e.retryable ? sub : null);
      setSt(pickRefused(stRef.current, listRef.current.lines, { code: d.code, text: d.text }));
    }
  };

  const onScan = (code: string) => {
    const out = applyScan(stRef.current, listRef.current.lines, products, code);
    stRef.current = out.state;
    setSt(out.state);
    if (out.submit) void send(out.submit);
  };

  const confirm = () => {
    const out = confirmQuantity(stRef.current, listRef.current.lines);
    stRef.current = out.state;
    setSt(out.state);
    if (out.submit) void send(out.submit);
  };

  const short = useAction(
    (key, lineId: number, qty: number) => api.post<PickList>(`/pick-lists/${list.id}/shorts`, { line_id: lineId, quantity_found: qty }, { idempotencyKey: key }),
    {
      onDone: (after, _lineId, qty) => {
        const before = listRef.current.lines;
        setList(after);
        setShortOpen(false);
        setFound('');
        const line = currentLine(stRef.current, before);
        const next = initialPickState(after.lines, line?.location);
        setSt({ ...next, feedback: { kind: 'ok', text: `Short reported: ${qty} found${line ? ` of ${openQty(line)} × ${line.sku}` : ''}. The rest is taken from elsewhere or backordered.` } });
      },
    },
  );

  const line = currentLine(st, list.lines);
  const product = line ? products[line.sku] : undefined;
  const lines = sortedLines(list.lines);
  const done = lines.filter((l) => l.status !== 'open').length;
  const stepIndex = st.step === 'location' ? 0 : st.step === 'product' ? 1 : st.step === 'quantity' ? 2 : 3;
  const fulfillments = [...new Set(list.lines.map((l) => l.fulfillment_id))];

  useEffect(() => {
    if (st.step === 'done' && list.status === 'open') {
      // Lines all done locally: refresh the list's own status.
      api.get<PickList>(`/pick-lists/${list.id}`).then(setList, () => undefined);
    }
  }, [st.step, list.id, list.status]);

  return (
    <>
      <div class="hh-progress" data-testid="pick-progress">
        {done}/{lines.length} lines <Badge status={list.status} />
      </div>
      {line && st.step !== 'done' ? (
        <>
          <Steps steps={['Location', 'Product', 'Quantity']} current={stepIndex} />
          <div class={`pick-card step-${st.step}`} data-testid="pick-card" data-line={line.id}>
            <div class={`pick-loc ${st.step === 'location' ? 'want' : 'ok'}`} data-testid="pick-location">
              {line.location}
            </div>
            <div class={`pick-sku ${st.step === 'product' ? 'want' : st.step === 'quantity' ? 'ok' : ''}`}>
              <strong data-testid="pick-sku">{line.sku}</strong>
              <span>{product?.name}</span>
              {line.lot && <span class="muted">lot {line.lot}</span>}
              {product?.barcodes[0] && <span class="mono muted">{product.barcodes[0]}</span>}
            </div>
            <div class="pick-qty">
              {st.step === 'quantity' ? (
                <span class="qty-stepper">
                  <button type="button" class="btn big" aria-label="One less" disabled={st.pending || st.quantity <= 1} onClick={() => setSt(setQuantity(st, list.lines, st.quantity - 1))}>
                    −
                  </button>
                  <span class="qty" data-testid="pick-qty">
                    {st.quantity}
                  </span>
                  <button type="button" class="btn big" aria-label="One more" disabled={st.pending || st.quantity >= openQty(line)} onClick={() => setSt(setQuantity(st, list.lines, st.quantity + 1))}>
                    +
                  </button>
                </span>
              ) : (
                <span class="qty" data-testid="pick-qty">
                  {openQty(line)}
                </span>
              )}
              <span class="muted"> of {line.quantity}</span>
            </div>
          </div>
          <ScanInput placeholder={st.step === 'location' ? 'Scan the location' : st.step === 'product' ? 'Scan the product' : 'Enter = confirm, or type a quantity'} onScan={onScan} disabled={st.pending} />
          <FeedbackPanel fb={st.feedback} />
          <div class="hh-actions">
            {st.step === 'quantity' && (
              <button type="button" class="btn primary huge" disabled={st.pending} onClick={confirm} data-testid="confirm-pick">
                {st.pending ? 'Sending…' : `Confirm ${st.quantity}`}
              </button>
            )}
            {retry && !st.pending && (
              <button type="button" class="btn huge" onClick={() => void send(retry)}>
                Retry sending
              </button>
            )}
            {can(role, 'picks.short') && !shortOpen && (
              <button type="button" class="btn big warn" disabled={st.pending} onClick={() => setShortOpen(true)}>
                Short…
              </button>
            )}
          </div>
          {shortOpen && (
            <form
              class="short-form"
              onSubmit={(e) => {
                e.preventDefault();
                const q = Number(found);
                if (Number.isInteger(q) && q >= 0 && q < openQty(line)) void short.run(line.id, q);
              }}
            >
              <label class="field">
                <span class="field-label">
                  Units found at {line.location} (0–{openQty(line) - 1})
                </span>
                <input type="number" inputMode="numeric" min={0} max={openQty(line) - 1} value={found} autoFocus onInput={(e) => setFound((e.target as HTMLInputElement).value)} />
              </label>
              <div class="hh-actions">
                <button type="submit" class="btn warn big" disabled={short.busy || found === ''}>
                  {short.busy ? 'Sending…' : 'Report short'}
                </button>
                <button type="button" class="btn big ghost" onClick={() => setShortOpen(false)}>
                  Cancel
                </button>
              </div>
              <ProblemBox error={short.error} action="picks.short" onRetry={() => void short.run(line.id, Number(found))} />
            </form>
          )}
        </>
      ) : (
        <div class="pick-done" data-testid="pick-done">
          <FeedbackPanel fb={st.feedback ?? { kind: 'ok', text: 'Pick list complete.' }} />
          <p>Take the cart to packing. Fulfillments on this list:</p>
          <div class="hh-list">
            {fulfillments.map((f) => (
              <Link key={f} href={`/handheld/pack/${f}`} class="hh-item">
                <strong>Pack fulfillment #{f}</strong>
              </Link>
            ))}
          </div>
          <Link href="/handheld/pick" class="btn big">
            Next pick list
          </Link>
        </div>
      )}
      <details class="hh-lines">
        <summary>All lines</summary>
        <ol>
          {lines.map((l) => (
            <li key={l.id} class={`line-${l.status} ${l.id === st.lineId ? 'current' : ''}`}>
              <button type="button" class="linkish" disabled={l.status !== 'open'} onClick={() => setSt(selectLine(st, list.lines, l.id))}>
                {l.sequence}. {l.location} · {l.sku} · {l.picked}/{l.quantity}
                {l.short ? ` (short ${l.short})` : ''}
              </button>{' '}
              <Badge status={l.status} />
            </li>
          ))}
        </ol>
        <PdfButton class="btn small" path={`/pick-lists/${list.id}/document`} label="Print pick list" />
      </details>
    </>
  );
}
