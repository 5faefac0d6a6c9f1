// Reports: the window of days, rates and week-over-week changes as text.
import type { SalesRow } from '../api/types';

const DAY = 86400_000;

/** The last `days` UTC days up to now (today included): `from` as YYYY-MM-DD; `to` is now. */
export function lastDays(days: number, now = Date.now()): { from: string } {
  const start = new Date(now - (days - 1) * DAY);
  return { from: start.toISOString().slice(0, 10) };
}

/** 0.9708 → "97.1 %"; null → "—". */
export function fmtRate(v: number | null | undefined, digits = 1): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return `${(v * 100).toFixed(digits)} %`;
}

/** A change as a signed percentage: 0.125 → "+12.5 %", −0.03 → "−3.0 %", null → "—". */
export function fmtChange(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const pct = (v * 100).toFixed(1);
  if (pct === '0.0' || pct === '-0.0') return '±0.0 %';
  return v > 0 ? `+${pct} %` : `−${pct.replace('-', '')} %`;
}

export function changeTone(v: number | null | undefined): 'up' | 'down' | 'flat' {
  if (v === null || v === undefined || !Number.isFinite(v) || Math.abs(v) < 0.0005) return 'flat';
  return v > 0 ? 'up' : 'down';
}

/** A `YYYY-MM-DD` day moved by whole days. */
export function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day.slice(0, 10)}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/**
 * Days from `from` on, each against the same weekday a week before, read from the rows
 * themselves (the report is asked from a week earlier); a day without its prior row keeps
 * the server's figures.
 */
export function weekOverWeek(rows: SalesRow[], from: string): SalesRow[] {
  const byKey = new Map(rows.map((r) => [r.key.slice(0, 10), r]));
  return rows
    .filter((r) => r.key.slice(0, 10) >= from)
    .map((r) => {
      const prev = byKey.get(shiftDay(r.key, -7));
      if (!prev) return r;
      return { ...r, prior_units: prev.units, change: prev.units > 0 ? r.units / prev.units - 1 : null };
    });
}

/**
 * Units of some days against their priors: the change of the whole, over the days that
 * had sales a week before (a day without them would count as pure growth).
 */
export function totalChange(rows: SalesRow[]): { units: number; prior: number; change: number | null; days: number } {
  const units = rows.reduce((n, r) => n + r.units, 0);
  const compared = rows.filter((r) => r.prior_units > 0);
  const prior = compared.reduce((n, r) => n + r.prior_units, 0);
  const now = compared.reduce((n, r) => n + r.units, 0);
  return { units, prior, change: prior > 0 ? now / prior - 1 : null, days: compared.length };
}

/** Revenue of a row in each currency, as minor units; "≥ " before a sum the server saturated. */
export function revenueText(r: SalesRow, fmt: (amount_minor: number, currency: string) => string): string {
  const parts = Object.entries(r.revenue_minor).map(([cur, amt]) => fmt(amt, cur));
  if (!parts.length) return '—';
  return (r.revenue_saturated ? '≥ ' : '') + parts.join(' + ');
}

/** Rows of a day report from the first day with any sales (leading empty days left out). */
export function trimLeadingEmpty(rows: SalesRow[]): SalesRow[] {
  const i = rows.findIndex((r) => r.units > 0 || r.prior_units > 0 || r.orders > 0);
  return i < 0 ? [] : rows.slice(i);
}

/** "1.2 m³" from cm³. */
export function fmtVolume(cm3: number | null | undefined): string {
  if (cm3 === null || cm3 === undefined) return '—';
  const m3 = cm3 / 1e6;
  return m3 >= 10 ? `${Math.round(m3).toLocaleString()} m³` : `${m3.toFixed(2)} m³`;
}
