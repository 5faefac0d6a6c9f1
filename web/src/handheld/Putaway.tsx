import { useState } from 'preact/hooks';
import { claimAndComplete, getTask, listTasks } from '../api/endpoints';
import type { Task, ResponseBody } from '../api/types';
import { useAction, useResource } from '../lib/hooks';
import { can } from '../lib/permissions';
import { cachedProduct } from '../lib/products';
import { useStore } from '../lib/store';
import type { Feedback } from '../logic/pickScan';
import { checkPutaway, putawayQuantity } from '../logic/putaway';
import { Link, navigate } from '../router';
import { api, session, warehouse } from '../session';
import { Async, Badge, describeError, Empty, ProblemBox } from '../components/ui';
import { FeedbackPanel, HandheldPage, ScanInput, Steps } from './common';

export function PutawayStart() {
  const wh = useStore(warehouse);
  const role = useStore(session)?.me.role;
  const me = useStore(session)?.me.name;
  const [fb, setFb] = useState<Feedback | null>(null);
  const mine = useResource((signal) => listTasks({ warehouse: wh, type: 'putaway', status: 'in_progress', assigned_to: me, limit: 20 }, signal), [wh, me], { enabled: !!wh });
  const open = useResource((signal) => listTasks({ warehouse: wh, type: 'putaway', status: 'open', limit: 50 }, signal), [wh], { enabled: !!wh });
  const next = useAction(
    async (key) => {
      const r = await api.get<ResponseBody<'/api/v1/tasks/next', 'get'>>('/tasks/next', { query: { warehouse: wh, type: 'putaway' } });
      if (!r.task) return null;
      if (r.task.status === 'open') await api.post(`/tasks/${r.task.id}/claim`, {}, { idempotencyKey: key });
      return r.task;
    },
    { onDone: (t) => (t ? navigate(`/handheld/putaway/${t.id}`) : setFb({ kind: 'info', text: 'No putaway task is waiting.' })) },
  );
  return (
    <HandheldPage title="Put away">
      <ScanInput
        placeholder="Scan a task number"
        inputMode="numeric"
        onScan={(c) => {
          const id = c.trim().replace(/^T-?/i, '');
          if (/^\d+$/.test(id)) navigate(`/handheld/putaway/${id}`);
          else setFb({ kind: 'error', text: `${c || 'Nothing'} is not a task number.`, code: 'invalid_scan' });
        }}
      />
      <FeedbackPanel fb={fb} />
      {can(role, 'tasks.next') && (
        <button type="button" class="btn primary huge" disabled={next.busy} onClick={() => void next.run()}>
          {next.busy ? 'Finding work…' : 'Claim the next putaway task'}
        </button>
      )}
      <ProblemBox error={next.error} action="tasks.claim" onRetry={() => void next.run()} />
      <h2 class="hh-sub">Mine in progress</h2>
      <Async r={mine}>{(d) => <TaskItems tasks={d.tasks} empty="None." />}</Async>
      <h2 class="hh-sub">Waiting</h2>
      <Async r={open}>{(d) => <TaskItems tasks={d.tasks} empty="Nothing waits to be put away." />}</Async>
    </HandheldPage>
  );
}

function TaskItems({ tasks, empty }: { tasks: Task[]; empty: string }) {
  if (tasks.length === 0) return <Empty>{empty}</Empty>;
  return (
    <div class="hh-list">
      {tasks.map((t) => (
        <Link key={t.id} href={`/handheld/putaway/${t.id}`} class="hh-item">
          <strong>
            {t.quantity} × {t.sku}
          </strong>
          <span>
            {t.from_location} → {t.to_location ?? 'no suggestion'} · task #{t.id} <Badge status={t.status} />
          </span>
        </Link>
      ))}
    </div>
  );
}

export function PutawayScreen({ id }: { id: number }) {
  return (
    <HandheldPage title={`Put away #${id}`} back="/handheld/putaway">
      <PutawayTask id={id} />
      <Link href="/handheld/putaway" class="btn big">
        Next putaway
      </Link>
    </HandheldPage>
  );
}

/** One putaway task: go to the suggested location, scan it (or another with room), done. */
export function PutawayTask({ id, onDone, onBack }: { id: number; onDone?: (t: Task) => void; onBack?: () => void }) {
  const role = useStore(session)?.me.role;
  const r = useResource((signal) => getTask(id, signal), [id]);
  const [fb, setFb] = useState<Feedback | null>(null);
  const [qty, setQty] = useState('');
  const act = useAction((key, t: Task, location: string, quantity?: number) => claimAndComplete(t, location, key, quantity), {
    onDone: (t) => {
      r.setData(t);
      const moved = t.done_quantity ?? t.quantity;
      setFb({ kind: 'ok', text: `Put away ${moved} × ${t.sku} at ${t.done_location ?? t.to_location}${t.to_location && t.done_location && t.done_location !== t.to_location ? ` (instead of ${t.to_location})` : ''}.` });
      onDone?.(t);
    },
    onError: (e) => {
      const d = describeError(e, 'tasks.complete', role);
      setFb({ kind: 'error', text: d.text, code: d.code });
    },
  });
  return (
    <Async r={r} label="Loading the task…">
      {(t) => {
        const done = t.status === 'done' || t.status === 'cancelled';
        const onScan = (code: string) => {
          if (act.busy) return setFb({ kind: 'info', text: 'Still sending — wait.' });
          const c = checkPutaway(t, code);
          setFb(c.feedback);
          if (!c.location) return;
          const q = putawayQuantity(qty, t.quantity);
          if ('error' in q) return setFb({ kind: 'error', text: q.error, code: 'invalid_field' });
          void act.run(t, c.location, q.quantity);
        };
        return (
          <div class="putaway" data-testid="putaway">
            <Steps steps={['Take', 'Put', 'Done']} current={done ? 2 : 1} />
            <div class="pick-card">
              <div class="pick-sku">
                <strong>
                  {t.quantity} × {t.sku}
                </strong>
                {t.lot && <span class="muted"> lot {t.lot}</span>}
                <div class="muted small">{t.sku ? cachedProduct(t.sku)?.name : ''}</div>
              </div>
              <div class="muted">from {t.from_location}</div>
              <div class={`pick-loc ${done ? 'ok' : 'want'}`} data-testid="putaway-location">
                {t.done_location ?? t.to_location ?? 'any location with room'}
              </div>
              <div class="muted">
                task #{t.id} · <Badge status={t.status} />
                {t.assigned_to ? ` · ${t.assigned_to}` : ''}
              </div>
            </div>
            {!done && can(role, 'tasks.complete') && (
              <>
                <label class="field inline">
                  <span class="field-label">Quantity (less for a partial putaway)</span>
                  <input type="number" inputMode="numeric" min={1} max={t.quantity ?? undefined} placeholder={String(t.quantity ?? '')} value={qty} onInput={(e) => setQty((e.target as HTMLInputElement).value)} />
                </label>
                <ScanInput placeholder="Scan the location you put them in" onScan={onScan} disabled={act.busy} />
              </>
            )}
            <FeedbackPanel fb={fb} />
            {onBack && (
              <button type="button" class="btn big" onClick={onBack}>
                {done ? 'Back to receiving' : 'Later: back to receiving'}
              </button>
            )}
          </div>
        );
      }}
    </Async>
  );
}
