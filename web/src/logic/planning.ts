// Planning screens: the series of the charts, the what-if comparison and the form values.
import type { Bottlenecks, Demand, Forecast, StageForecast } from '../api/types';
import type { Pt } from './chart';

const DAY = 86400_000;

/** A `YYYY-MM-DD` day as a time (midnight UTC). */
export const dayTime = (d: string) => Date.parse(`${d.slice(0, 10)}T00:00:00Z`);

export interface ForecastSeries {
  history: Pt[];
  stockOuts: Pt[];
  forecast: Pt[];
  lower: Pt[];
  upper: Pt[];
}

/** The demand history and the forecast that follows it, on one time axis. */
export function forecastSeries(d: Demand | null, f: Forecast | null): ForecastSeries {
  const history = (d?.days ?? []).map((x) => ({ x: dayTime(x.date), y: x.units }));
  const stockOuts = (d?.days ?? []).filter((x) => x.stock_out).map((x) => ({ x: dayTime(x.date), y: x.units }));
  const pts = (vals: number[] | undefined) => (f ? f.dates.map((date, i) => ({ x: dayTime(date), y: Math.max(0, vals?.[i] ?? 0) })) : []);
  return { history, stockOuts, forecast: pts(f?.values), lower: pts(f?.lower), upper: pts(f?.upper) };
}

export interface BacklogSeries {
  stage: StageForecast['stage'];
  queued: Pt[];
  total: Pt[];
  clearAt: number | null;
  peak: number;
}

/** Per stage: the units of work waiting, and waiting plus in progress, over the simulated hours. */
export function backlogSeries(s: StageForecast): BacklogSeries {
  const queued = s.backlog.map((b) => ({ x: Date.parse(b.at), y: b.queued }));
  const total = s.backlog.map((b) => ({ x: Date.parse(b.at), y: b.queued + b.in_progress }));
  return { stage: s.stage, queued, total, clearAt: s.clear_at ? Date.parse(s.clear_at) : null, peak: Math.max(0, ...total.map((p) => p.y)) };
}

export interface WhatIfRow {
  name: string;
  late: number;
  unshipped: number;
  pickClear: string | null;
  packClear: string | null;
  shipClear: string | null;
  makespanMs: number | null;
  /** Against the plan as it stands: fewer late orders is negative. */
  lateDelta: number;
  makespanDeltaMs: number | null;
}

/** The plan as it stands, then each what-if, with the difference each makes. */
export function whatIfRows(b: Bottlenecks): WhatIfRow[] {
  const clear = (st: string) => b.stages.find((s) => s.stage === st)?.clear_at ?? null;
  const base: WhatIfRow = {
    name: 'As planned',
    late: b.late_orders,
    unshipped: b.unshipped_orders,
    pickClear: clear('pick'),
    packClear: clear('pack'),
    shipClear: clear('ship'),
    makespanMs: b.makespan_ms,
    lateDelta: 0,
    makespanDeltaMs: 0,
  };
  const rows = b.what_if.map((w) => ({
    name: w.name,
    late: w.late_orders,
    unshipped: w.unshipped_orders,
    pickClear: w.pick_clear_at,
    packClear: w.pack_clear_at,
    shipClear: w.ship_clear_at,
    makespanMs: w.makespan_ms,
    lateDelta: w.late_orders - b.late_orders,
    makespanDeltaMs: w.makespan_ms !== null && b.makespan_ms !== null ? w.makespan_ms - b.makespan_ms : null,
  }));
  return [base, ...rows];
}

/** The stage that clears last: the bottleneck. */
export function bottleneckStage(b: Bottlenecks): StageForecast | null {
  let worst: StageForecast | null = null;
  for (const s of b.stages) {
    if (!worst) worst = s;
    else if (s.unfinished > worst.unfinished) worst = s;
    else if (s.unfinished === worst.unfinished && (s.utilisation ?? 0) > (worst.utilisation ?? 0)) worst = s;
  }
  return worst;
}

/** Carrier pickups as typed ("17:00, 21:00"): daily `HH:MM` times or RFC 3339 times, comma-separated. */
export function parsePickups(text: string): { value: string } | { error: string } {
  const parts = text.split(/[,\s]+/).map((p) => p.trim()).filter(Boolean);
  const out: string[] = [];
  for (const p of parts) {
    const m = /^(\d{1,2}):(\d{2})$/.exec(p);
    if (m) {
      const h = Number(m[1]);
      const min = Number(m[2]);
      if (h > 23 || min > 59) return { error: `${p} is not a time of day.` };
      out.push(`${String(h).padStart(2, '0')}:${m[2]}`);
    } else if (/^\d{4}-\d{2}-\d{2}T/.test(p) && !Number.isNaN(Date.parse(p))) {
      out.push(p);
    } else {
      return { error: `${p} is neither HH:MM nor a date and time.` };
    }
  }
  return { value: out.join(',') };
}

/** "3 h 05 min", "12 min", "40 s". */
export function fmtDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const neg = ms < 0;
  const a = Math.abs(ms);
  let s: string;
  const min = Math.round(a / 60_000);
  if (a < 59_500) s = `${Math.round(a / 1000)} s`;
  else if (min < 60) s = `${min} min`;
  else if (a < 2 * DAY) s = `${Math.floor(min / 60)} h ${String(min % 60).padStart(2, '0')} min`;
  else s = `${(a / DAY).toFixed(1)} d`;
  return neg ? `−${s}` : s;
}
