import type { ComponentChildren, JSX } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, ProblemError } from '../api/client';
import { reportCsv } from '../api/endpoints';
import { actionLabel, type Action } from '../lib/permissions';
import { humanize } from '../lib/format';
import { useStore } from '../lib/store';
import { api, session } from '../session';
import { PrinterIcon } from './icons';

/** Plain-language text of an error, with the problem's code when there is one. */
export function describeError(e: unknown, action?: Action, role?: string | null): { text: string; code?: string; field?: string } {
  if (e instanceof ProblemError) {
    if (e.status === 403 || e.code === 'forbidden') {
      const what = action ? actionLabel(action) : 'do this';
      return { text: `Your role${role ? ` (${role})` : ''} may not ${what}.`, code: e.code };
    }
    if (e.status === 401) return { text: 'Your token is not accepted: it was revoked, has expired or is unknown.', code: e.code };
    return { text: e.detail || e.title || 'The server refused the request.', code: e.code, field: e.field };
  }
  if (e instanceof ApiError) {
    if (e.kind === 'network') return { text: 'The server cannot be reached. Check that it is running, then retry.', code: 'network' };
    if (e.kind === 'timeout') return { text: `${e.message}. It may still be working: retry.`, code: 'timeout' };
    return { text: e.message };
  }
  if (e instanceof Error) return { text: e.message };
  return { text: String(e) };
}

export function ProblemBox(props: { error: unknown; action?: Action; onRetry?: () => void; onClose?: () => void; compact?: boolean }) {
  const s = useStore(session);
  if (!props.error) return null;
  const d = describeError(props.error, props.action, s?.me.role);
  const retryable = props.error instanceof ApiError && props.error.retryable;
  return (
    <div class={`problem${props.compact ? ' compact' : ''}`} role="alert" data-code={d.code}>
      <div class="problem-text">
        <strong>{d.text}</strong>
        {d.code && (
          <span class="problem-code">
            {' '}
            code <code>{d.code}</code>
            {d.field && (
              <>
                {' '}
                field <code>{d.field}</code>
              </>
            )}
          </span>
        )}
      </div>
      <div class="problem-actions">
        {props.onRetry && retryable && (
          <button type="button" class="btn small" onClick={props.onRetry}>
            Retry
          </button>
        )}
        {props.onClose && (
          <button type="button" class="btn small ghost" onClick={props.onClose} aria-label="Dismiss">
            ✕
          </button>
        )}
      </div>
    </div>
  );
}

export function Loading(props: { label?: string }) {
  return (
    <div class="loading" aria-busy="true">
      <span class="spinner" /> {props.label ?? 'Loading…'}
    </div>
  );
}

/** Loading, error (with retry) or the content. */
export function Async<T>(props: { r: { data: T | undefined; error: unknown; loading: boolean; reload: () => void }; children: (d: T) => ComponentChildren; label?: string }) {
  const { r } = props;
  if (r.data !== undefined) {
    return (
      <>
        {r.error ? <ProblemBox error={r.error} onRetry={r.reload} compact /> : null}
        {props.children(r.data)}
      </>
    );
  }
  if (r.error) return <ProblemBox error={r.error} onRetry={r.reload} />;
  return <Loading label={props.label} />;
}

const STATUS_TONE: Record<string, string> = {
  allocated: 'blue',
  released: 'blue',
  open: 'blue',
  backordered: 'amber',
  on_hold: 'amber',
  pending: 'amber',
  recount: 'amber',
  needs_approval: 'amber',
  authorized: 'amber',
  short: 'amber',
  exception: 'red',
  cancelled: 'grey',
  rejected: 'grey',
  in_fulfillment: 'violet',
  picking: 'violet',
  counting: 'violet',
  in_progress: 'violet',
  receiving: 'violet',
  received: 'violet',
  picked: 'teal',
  packed: 'teal',
  partially_shipped: 'teal',
  in_transit: 'teal',
  out_for_delivery: 'teal',
  shipped: 'green',
  delivered: 'green',
  done: 'green',
  closed: 'green',
  accepted: 'green',
  approved: 'green',
};

export function Badge(props: { status: string | null | undefined; tone?: string }) {
  if (!props.status) return <span class="muted">—</span>;
  const tone = props.tone ?? STATUS_TONE[props.status] ?? 'grey';
  return <span class={`badge tone-${tone}`}>{humanize(props.status)}</span>;
}

export function Pager(props: { hasPrev: boolean; hasNext: boolean; onPrev: () => void; onNext: () => void; page: number; busy?: boolean; prevLabel?: string; nextLabel?: string }) {
  return (
    <div class="pager">
      <button type="button" class="btn" disabled={!props.hasPrev || props.busy} onClick={props.onPrev}>
        {props.prevLabel ?? '← Newer'}
      </button>
      <span class="muted">Page {props.page}</span>
      <button type="button" class="btn" disabled={!props.hasNext || props.busy} onClick={props.onNext}>
        {props.nextLabel ?? 'Older →'}
      </button>
    </div>
  );
}

export function Field(props: { label: string; children: ComponentChildren; hint?: string }) {
  return (
    <label class="field">
      <span class="field-label">{props.label}</span>
      {props.children}
      {props.hint && <span class="field-hint">{props.hint}</span>}
    </label>
  );
}

export function Empty(props: { children: ComponentChildren }) {
  return <div class="empty">{props.children}</div>;
}

export function Card(props: { title?: ComponentChildren; children: ComponentChildren; actions?: ComponentChildren; class?: string }) {
  return (
    <section class={`card ${props.class ?? ''}`}>
      {(props.title || props.actions) && (
        <header class="card-head">
          {props.title && <h2>{props.title}</h2>}
          {props.actions && <div class="card-actions">{props.actions}</div>}
        </header>
      )}
      {props.children}
    </section>
  );
}

/** A button that opens a PDF the API serves (bearer token: fetched as a blob). */
export function PdfButton(props: { path: string; query?: Record<string, string | number>; label: string; class?: string; disabled?: boolean; title?: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const open = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    // Open the tab now, inside the click, so popup blockers let it through.
    const win = window.open('', '_blank');
    try {
      const blob = await api.get<Blob>(props.path, { blob: true, query: props.query, timeoutMs: 30000 });
      const url = URL.createObjectURL(blob);
      if (win) win.location.href = url;
      else window.location.assign(url);
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (e) {
      win?.close();
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span class="pdf-button">
      <button type="button" class={props.class ?? 'btn'} disabled={busy || props.disabled} onClick={() => void open()} title={props.title}>
        {busy ? 'Opening…' : (
          <>
            <PrinterIcon /> {props.label}
          </>
        )}
      </button>
      {error ? <ProblemBox error={error} action="documents.read" compact onClose={() => setError(null)} /> : null}
    </span>
  );
}

/** A button that asks to confirm (inline) before it runs. */
export function ConfirmButton(props: { label: string; confirm: string; onConfirm: () => void; busy?: boolean; class?: string } & Omit<JSX.HTMLAttributes<HTMLButtonElement>, 'label'>) {
  const [asking, setAsking] = useState(false);
  const { label, confirm, onConfirm, busy, class: cls, ...rest } = props;
  if (asking) {
    return (
      <span class="confirm">
        <span>{confirm}</span>
        <button
          type="button"
          class="btn danger small"
          disabled={busy}
          onClick={() => {
            setAsking(false);
            onConfirm();
          }}
        >
          Yes
        </button>
        <button type="button" class="btn small ghost" onClick={() => setAsking(false)}>
          No
        </button>
      </span>
    );
  }
  return (
    <button type="button" {...rest} class={cls ?? 'btn'} disabled={busy} onClick={() => setAsking(true)}>
      {busy ? 'Working…' : label}
    </button>
  );
}

/** A button that downloads a report as CSV (fetched with the token, saved under `filename`). */
export function CsvButton(props: { path: string; query?: Record<string, string | number | null | undefined>; filename: string; label?: string; testid?: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const get = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const blob = await reportCsv(props.path, props.query ?? {});
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = props.filename;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span class="pdf-button">
      <button type="button" class="btn small" disabled={busy} onClick={() => void get()} data-testid={props.testid}>
        {busy ? 'Downloading…' : props.label ?? 'CSV'}
      </button>
      {error ? <ProblemBox error={error} compact onClose={() => setError(null)} /> : null}
    </span>
  );
}

/** A figure with its label (a KPI tile). */
export function Stat(props: { label: string; value: ComponentChildren; hint?: string; tone?: string; testid?: string }) {
  return (
    <div class={`stat ${props.tone ? `tone-${props.tone}` : ''}`} data-testid={props.testid} title={props.hint}>
      <div class="stat-value">{props.value}</div>
      <div class="stat-label">{props.label}</div>
    </div>
  );
}
