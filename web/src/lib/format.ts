import type { Money } from '../api/types';

export function fmtDateTime(s: string | null | undefined): string {
  if (!s) return '—';
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return s;
  return d.toLocaleString(undefined, { year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

export function fmtDate(s: string | null | undefined): string {
  if (!s) return '—';
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return s;
  return d.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: '2-digit' });
}

export function fmtTime(s: string | null | undefined): string {
  if (!s) return '—';
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return s;
  return d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

/** "in 2 h", "35 min ago". */
export function fmtRelative(s: string | null | undefined, now = Date.now()): string {
  if (!s) return '—';
  const t = new Date(s).getTime();
  if (Number.isNaN(t)) return s;
  const diff = t - now;
  const a = Math.abs(diff);
  const unit = a < 3600_000 ? `${Math.max(1, Math.round(a / 60_000))} min` : a < 48 * 3600_000 ? `${Math.round(a / 3600_000)} h` : `${Math.round(a / 86400_000)} d`;
  return diff >= 0 ? `in ${unit}` : `${unit} ago`;
}

export function fmtMoney(m: Money | null | undefined): string {
  if (!m) return '—';
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: m.currency }).format(m.amount_minor / 100);
  } catch {
    return `${(m.amount_minor / 100).toFixed(2)} ${m.currency}`;
  }
}

export function fmtNum(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  return n.toLocaleString();
}

/**
 * A book quantity, or "counting" where the API keeps it from this caller
 * (`hidden: "open_count"`: the location is under a blind count and the role counts).
 */
export function fmtBook(n: number | null | undefined, hidden?: string | null): string {
  return hidden ? 'counting' : fmtNum(n);
}

export function fmtMm(mm: number | null | undefined): string {
  if (mm === null || mm === undefined) return '—';
  return mm >= 1000 ? `${(mm / 1000).toFixed(1)} m` : `${mm} mm`;
}

export function fmtWeight(g: number | null | undefined): string {
  if (g === null || g === undefined) return '—';
  return g >= 1000 ? `${(g / 1000).toFixed(2)} kg` : `${g} g`;
}

export function humanize(s: string | null | undefined): string {
  if (!s) return '—';
  return s.replace(/_/g, ' ');
}
