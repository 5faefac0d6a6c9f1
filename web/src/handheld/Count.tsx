import { useRef, useState } from 'preact/hooks';
import type { Count, Product, ResponseBody } from '../api/types';
import { humanize } from '../lib/format';
import { useAction, useResource } from '../lib/hooks';
import { can } from '../lib/permissions';
import { resolveCode } from '../lib/products';
import { useStore } from '../lib/store';
import { norm, type Feedback } from '../logic/pickScan';
import { Link, navigate } from '../router';
import { api, session, warehouse } from '../session';
import { Async, Badge, describeError, Empty, ProblemBox } from '../components/ui';
import { Table } from '../components/Table';
import { FeedbackPanel, HandheldPage, ScanInput, Steps } from './common';

const ACTIVE = ['open', 'counting', 'recount'];

function countUnits(lines: { quantity: number }[]): string {
  const n = lines.reduce((s, l) => s + l.quantity, 0);
  return `${n} unit${n === 1 ? '' : 's'}`;
}

async function activeCounts(wh: string | null, signal: AbortSignal): Promise<Count[]> {
  const out: Count[] = [];
  for (const status of ACTIVE) {
    const r = await api.get<ResponseBody<'/api/v1/counts', 'get'>>('/counts', { query: { warehouse: wh, status, limit: 100 }, signal });
    out.push(...r.counts);
  }
  return out;
}

export function CountStart() {
  const wh = useStore(warehouse);
  const role = useStore(session)?.me.role;
  const [fb, setFb] = useState<Feedback | null>(null);
  const r = useResource((signal) => activeCounts(wh, signal), [wh]);
  const next = useAction(
    async (key) => {
      const t = await api.get<ResponseBody<'/api/v1/tasks/next', 'get'>>('/tasks/next', { query: { warehouse: wh, type: 'count' } });
      if (!t.task) return null;
      if (t.task.status === 'open') await api.post(`/tasks/${t.task.id}/claim`, {}, { idempotencyKey: key });
      return t.task;
    },
    { onDone: (t) => (t?.ref ? navigate(`/handheld/count/${t.ref.id}`) : setFb({ kind: 'info', text: 'No count task is waiting.' })) },
  );
  const plan = useAction((key) => api.post<ResponseBody<'/api/v1/counts/plan', 'post'>>('/counts/plan', { warehouse: wh, max_locations: 20 }, { idempotencyKey: key }), {
    onDone: (p) => {
      setFb({ kind: 'ok', text: `${p.counts.length} counts opened (${p.locations_due} locations due).` });
      r.reload();
    },
  });
  return (
    <HandheldPage title="Count">
      <ScanInput
        placeholder="Scan a location to count"
        onScan={(c) => {
          const hit = r.data?.find((x) => norm(x.location) === norm(c));
          if (hit) navigate(`/handheld/count/${hit.id}`);
          else setFb({ kind: 'error', text: `No count is open at ${c.trim() || '—'}.`, code: 'not_in_plan' });
        }}
      />
      <FeedbackPanel fb={fb} />
      {can(role, 'tasks.next') && (
        <button type="button" class="btn primary huge" disabled={next.busy} onClick={() => void next.run()}>
          {next.busy ? 'Finding work…' : 'Claim the next count task'}
        </button>
      )}
      <ProblemBox error={next.error} action="tasks.claim" onRetry={() => void next.run()} />
      {can(role, 'counts.plan') && (
        <button type="button" class="btn big" disabled={plan.busy} onClick={() => void plan.run()}>
          {plan.busy ? 'Planning…' : 'Plan today’s counts (up to 20)'}
        </button>
      )}
      <ProblemBox error={plan.error} action="counts.plan" onRetry={() => void plan.run()} />
      <h2 class="hh-sub">Open counts</h2>
      <Async r={r}>
        {(cs) =>
          cs.length === 0 ? (
            <Empty>No count is open.</Empty>
          ) : (
            <div class="hh-list">
              {cs.map((c) => (
                <Link key={c.id} href={`/handheld/count/${c.id}`} class="hh-item">
                  <strong>{c.location}</strong>
                  <span>
                    count #{c.id} · attempt {c.attempt} <Badge status={c.status} />
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

export function CountScreen({ id }: { id: number }) {
  const r = useResource((signal) => api.get<Count>(`/counts/${id}`, { signal }), [id]);
  return (
    <HandheldPage title={`Count #${id}`} back="/handheld/count">
      <Async r={r} label="Loading the count…">
        {(c) => <Counter key={c.id} count={c} onChange={r.setData} />}
      </Async>
    </HandheldPage>
  );
}

interface Entry {
  sku: string;
  lot: string;
  name: string;
  quantity: number;
  lotTracked: boolean;
}

function Counter({ count, onChange }: { count: Count; onChange: (c: Count) => void }) {
  const role = useStore(session)?.me.role;
  const active = ACTIVE.includes(count.status);
  const [step, setStep] = useState<'location' | 'counting' | 'submitted'>(active ? 'location' : 'submitted');
  const [fb, setFb] = useState<Feedback | null>(null);
  const [entries, setEntries] = useState<Entry[]>([]);
  const [lot, setLot] = useState('');
  const resolving = useRef(false);

  const start = useAction((key) => api.post<Count>(`/counts/${count.id}/start`, {}, { idempotencyKey: key }), {
    onDone: (c) => {
      onChange(c);
      setStep('counting');
      setFb({ kind: 'ok', text: `At ${count.location} ✓ — scan every item in it.` });
    },
    onError: (e) => {
      const d = describeError(e, 'counts.work', role);
      setFb({ kind: 'error', text: d.text, code: d.code });
    },
  });
  const submit = useAction(
    (key, lines: { sku: string; lot?: string; quantity: number }[]) => api.post<Count>(`/counts/${count.id}/submit`, { location: count.location, lines }, { idempotencyKey: key }),
    {
      onDone: (c) => {
        onChange(c);
        setStep('submitted');
        setFb({
          kind: c.status === 'accepted' ? 'ok' : 'info',
          text: c.status === 'accepted' ? 'Count accepted: it matches.' : c.status === 'recount' ? 'Counted: a recount is needed (another task was made).' : `Counted: ${humanize(c.status)}.`,
        });
      },
      onError: (e) => {
        const d = describeError(e, 'counts.work', role);
        setFb({ kind: 'error', text: d.text, code: d.code });
      },
    },
  );

  const add = (p: Product, n: number) => {
    const l = p.tracking === 'lot' ? lot.trim() : '';
    if (p.tracking === 'lot' && !l) {
      setFb({ kind: 'error', text: `${p.sku} is tracked by lot: type the lot first, then scan again.`, code: 'lot_required' });
      return;
    }
    setEntries((es) => {
      const i = es.findIndex((e) => e.sku === p.sku && e.lot === l);
      if (i < 0) return [...es, { sku: p.sku, lot: l, name: p.name, quantity: n, lotTracked: p.tracking === 'lot' }];
      return es.map((e, j) => (j === i ? { ...e, quantity: e.quantity + n } : e));
    });
    setFb({ kind: 'ok', text: `+${n} ${p.sku}${l ? ` lot ${l}` : ''}` });
  };

  const onScan = async (code: string) => {
    const c = code.trim();
    if (step === 'location') {
      if (!c) return setFb({ kind: 'info', text: `Go to ${count.location} and scan it.` });
      if (norm(c) !== norm(count.location)) return setFb({ kind: 'error', text: `Wrong location: ${c} is not ${count.location}.`, code: 'wrong_location' });
      if (count.status === 'counting') {
        setStep('counting');
        return setFb({ kind: 'ok', text: `At ${count.location} ✓ — scan every item in it.` });
      }
      return void start.run();
    }
    if (step !== 'counting') return;
    if (!c) return setFb({ kind: 'info', text: 'Scan an item, or submit when the location is done.' });
    if (norm(c) === norm(count.location)) return setFb({ kind: 'info', text: `Already at ${count.location}.` });
    if (resolving.current) return setFb({ kind: 'info', text: 'Still looking up the last scan — scan again.' });
    resolving.current = true;
    try {
      const p = await resolveCode(c);
      if (!p) setFb({ kind: 'error', text: `${c} is no known product or barcode.`, code: 'unknown_sku' });
      else add(p, 1);
    } catch (e) {
      const d = describeError(e);
      setFb({ kind: 'error', text: d.text, code: d.code });
    } finally {
      resolving.current = false;
    }
  };

  const lines = entries.filter((e) => e.quantity > 0).map((e) => (e.lot ? { sku: e.sku, lot: e.lot, quantity: e.quantity } : { sku: e.sku, quantity: e.quantity }));
  const withExpected = count.lines.some((l) => l.expected !== undefined && l.expected !== null);
  const stepIndex = step === 'location' ? 0 : step === 'counting' ? 1 : 2;

  return (
    <>
      <Steps steps={['Location', 'Count', 'Submitted']} current={stepIndex} />
      <div class="pick-card">
        <div class={`pick-loc ${step === 'location' ? 'want' : 'ok'}`} data-testid="count-location">
          {count.location}
        </div>
        <div class="muted">
          attempt {count.attempt} · <Badge status={count.status} />
        </div>
      </div>
      {step !== 'submitted' && (
        <>
          {step === 'counting' && (
            <label class="field inline">
              <span class="field-label">Lot (lot-tracked items)</span>
              <input value={lot} onInput={(e) => setLot((e.target as HTMLInputElement).value)} />
            </label>
          )}
          <ScanInput placeholder={step === 'location' ? 'Scan the location' : 'Scan each item'} onScan={(c) => void onScan(c)} disabled={start.busy || submit.busy} />
        </>
      )}
      <FeedbackPanel fb={fb} />
      {step === 'counting' && (
        <>
          <Table
            testid="count-entries"
            columns={[
              {
                header: 'Item',
                cell: (e) => (
                  <>
                    <strong>{e.sku}</strong> {e.lot && <span class="muted">lot {e.lot}</span>}
                    <div class="muted small">{e.name}</div>
                  </>
                ),
              },
              {
                header: 'Counted',
                num: true,
                cell: (e, i) => (
                  <input
                    class="count-qty"
                    type="number"
                    inputMode="numeric"
                    min={0}
                    value={e.quantity}
                    aria-label={`Count of ${e.sku}`}
                    onInput={(ev) => {
                      const q = Math.max(0, Math.floor(Number((ev.target as HTMLInputElement).value) || 0));
                      setEntries(entries.map((x, j) => (j === i ? { ...x, quantity: q } : x)));
                    }}
                  />
                ),
              },
            ]}
            rows={entries}
            rowKey={(e) => `${e.sku}/${e.lot}`}
            empty="Nothing counted yet. An empty location is submitted as empty."
          />
          <button type="button" class="btn primary huge" disabled={submit.busy} onClick={() => void submit.run(lines)}>
            {submit.busy ? 'Submitting…' : `Submit count (${countUnits(lines)})`}
          </button>
        </>
      )}
      {step === 'submitted' && (
        <>
          {count.lines.length > 0 && (
            <Table
              columns={[
                {
                  header: 'Item',
                  cell: (l) => (
                    <>
                      {l.sku} {l.lot && <span class="muted">lot {l.lot}</span>}
                    </>
                  ),
                },
                { header: 'Counted', num: true, cell: (l) => l.counted },
                // Expected and variance only for those who may see them (a blind count has none).
                withExpected && { header: 'Expected', num: true, cell: (l) => l.expected },
                withExpected && { header: 'Variance', num: true, class: (l) => !!l.variance && 'risk', cell: (l) => l.variance },
              ]}
              rows={count.lines}
              rowKey={(l) => `${l.sku}/${l.lot}`}
            />
          )}
          {count.status === 'recount' && can(role, 'counts.work') && (
            <button
              type="button"
              class="btn big"
              onClick={() => {
                setEntries([]);
                setStep('location');
                setFb({ kind: 'info', text: `Recount: scan ${count.location} again.` });
              }}
            >
              Recount now
            </button>
          )}
          <Link href="/handheld/count" class="btn big">
            Next count
          </Link>
        </>
      )}
    </>
  );
}
