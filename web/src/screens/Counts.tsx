import { useState } from 'preact/hooks';
import { decideCount, listCounts } from '../api/endpoints';
import type { Count } from '../api/types';
import { fmtDateTime, fmtNum, humanize } from '../lib/format';
import { useAction, useResource } from '../lib/hooks';
import { can } from '../lib/permissions';
import { useStore } from '../lib/store';
import { countSummary, fmtSigned } from '../logic/counts';
import { Link, setQuery, useLocation } from '../router';
import { session, warehouse } from '../session';
import { Async, Badge, Card, ConfirmButton, Empty, Pager, ProblemBox } from '../components/ui';
import { Table } from '../components/Table';

const STATUSES = ['needs_approval', 'recount', 'open', 'counting', 'accepted', 'approved', 'rejected'];

/** Cycle counts by status; managers approve or reject those that need it. */
export function Counts() {
  const wh = useStore(warehouse);
  const { query } = useLocation();
  const status = query.get('status') || 'needs_approval';
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1];
  const r = useResource((signal) => listCounts({ warehouse: wh, status, limit: 50, cursor }, signal), [wh, status, cursor]);
  return (
    <div class="page">
      <div class="page-head">
        <h1>Counts {wh && <span class="muted">· {wh}</span>}</h1>
        <label class="field inline">
          <span class="field-label">Status</span>
          <select
            name="count-status"
            value={status}
            onChange={(e) => {
              setCursors([null]);
              setQuery({ status: (e.target as HTMLSelectElement).value });
            }}
          >
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {humanize(s)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Async r={r} label="Loading counts…">
        {(d) => (
          <Card title={status === 'needs_approval' ? 'Counts waiting for a decision' : `Counts: ${humanize(status)}`}>
            {d.counts.length === 0 ? (
              <Empty>{status === 'needs_approval' ? 'No count waits for approval.' : 'No count has this status.'}</Empty>
            ) : (
              <div class="count-list" data-testid="count-list">
                {d.counts.map((c) => (
                  <CountRow key={`${c.id}-${c.status}-${c.attempt}`} count={c} onDecided={r.reload} />
                ))}
              </div>
            )}
            <Pager
              page={cursors.length}
              busy={r.loading}
              hasPrev={cursors.length > 1}
              hasNext={!!d.next_cursor}
              onPrev={() => setCursors(cursors.slice(0, -1))}
              onNext={() => d.next_cursor && setCursors([...cursors, d.next_cursor])}
              prevLabel="← Previous"
              nextLabel="Next →"
            />
          </Card>
        )}
      </Async>
    </div>
  );
}

function CountRow({ count, onDecided }: { count: Count; onDecided: () => void }) {
  const role = useStore(session)?.me.role;
  const [c, setC] = useState(count);
  const [last, setLast] = useState<'approve' | 'reject'>('approve');
  const sum = countSummary(c);
  const run = (d: 'approve' | 'reject') => {
    setLast(d);
    void decide.run(d);
  };
  const decide = useAction((key, d: 'approve' | 'reject') => decideCount(c.id, d, key), {
    onDone: (after) => {
      setC(after);
      setTimeout(onDecided, 1500);
    },
  });
  return (
    <section class="count-row" data-count={c.id}>
      <header class="count-head">
        <strong>{c.location}</strong> <Badge status={c.status} />
        <span class="muted small">
          count #{c.id} · attempt {c.attempt}
          {c.counted_by ? ` · counted by ${c.counted_by}` : ''}
          {c.submitted_at ? ` · ${fmtDateTime(c.submitted_at)}` : ''}
          {c.decided_by ? ` · ${c.status} by ${c.decided_by}` : ''}
        </span>
        <span class="grow" />
        {c.status === 'needs_approval' && can(role, 'counts.decide') && (
          <span class="row-actions">
            <button type="button" class="btn small primary" disabled={decide.busy} onClick={() => run('approve')}>
              {decide.busy ? 'Working…' : 'Approve'}
            </button>
            <ConfirmButton label="Reject" confirm="Reject: keep the records as they are?" class="btn small" busy={decide.busy} onConfirm={() => run('reject')} />
          </span>
        )}
      </header>
      {c.lines.length === 0 ? (
        <p class="muted small">Counted empty.</p>
      ) : (
        <Table
          class="compact"
          columns={[
            { header: 'SKU', cell: (l) => <Link href={`/inventory/${encodeURIComponent(l.sku)}`}>{l.sku}</Link> },
            { header: 'Lot', cell: (l) => l.lot || '—' },
            { header: 'Counted', num: true, cell: (l) => fmtNum(l.counted) },
            { header: 'Expected', num: true, cell: (l) => (l.expected === undefined || l.expected === null ? '—' : fmtNum(l.expected)) },
            { header: 'Variance', num: true, class: (l) => !!l.variance && 'risk', cell: (l) => fmtSigned(l.variance ?? null) },
          ]}
          rows={c.lines}
          rowKey={(l) => `${l.sku}/${l.lot}`}
          foot={
            sum.netVariance !== null &&
            c.lines.length > 1 && (
              <tr>
                <td colSpan={2}>Total</td>
                <td class="num">{fmtNum(sum.counted)}</td>
                <td class="num">{fmtNum(sum.expected)}</td>
                <td class={`num ${sum.netVariance ? 'risk' : ''}`}>{fmtSigned(sum.netVariance)}</td>
              </tr>
            )
          }
        />
      )}
      {sum.expected === null && c.lines.length > 0 && <p class="muted small">Counts are blind to your role: expected figures are shown to managers.</p>}
      <ProblemBox error={decide.error} action="counts.decide" onRetry={() => run(last)} onClose={decide.clear} />
    </section>
  );
}
