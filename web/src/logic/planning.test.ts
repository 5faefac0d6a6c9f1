import { describe, expect, it } from 'vitest';
import type { Bottlenecks } from '../api/types';
import { backlogSeries, bottleneckStage, dayTime, fmtDuration, forecastSeries, parsePickups, whatIfRows } from './planning';

const stage = (s: 'pick' | 'pack' | 'ship', unfinished: number, utilisation: number, clear_at: string | null) => ({
  stage: s,
  orders: 10,
  unfinished,
  clear_at,
  utilisation,
  backlog: [
    { at: '2026-01-01T08:00:00Z', queued: 10, in_progress: 2 },
    { at: '2026-01-01T08:05:00Z', queued: 4, in_progress: 1 },
  ],
});

const b: Bottlenecks = {
  warehouse: 'MAIN',
  start: '2026-01-01T08:00:00Z',
  task_times: {} as Bottlenecks['task_times'],
  open: { released: 10, picking: 0, picked: 0, packed: 0 },
  late_orders: 4,
  orders_with_cutoff: 10,
  on_time_rate: 0.6,
  unshipped_orders: 1,
  makespan_ms: 3_600_000,
  stages: [stage('pick', 0, 0.5, '2026-01-01T09:00:00Z'), stage('pack', 0, 0.9, '2026-01-01T09:30:00Z'), stage('ship', 0, 0.1, '2026-01-01T09:31:00Z')],
  late: [],
  what_if: [
    { name: '+1 picker', extra_pickers: 1, extra_packers: 0, extra_loaders: 0, late_orders: 4, unshipped_orders: 1, pick_clear_at: '2026-01-01T08:40:00Z', pack_clear_at: '2026-01-01T09:30:00Z', ship_clear_at: null, makespan_ms: 3_600_000 },
    { name: '+1 packer', extra_pickers: 0, extra_packers: 1, extra_loaders: 0, late_orders: 1, unshipped_orders: 0, pick_clear_at: '2026-01-01T09:00:00Z', pack_clear_at: '2026-01-01T09:05:00Z', ship_clear_at: null, makespan_ms: 2_400_000 },
  ],
};

describe('planning', () => {
  it('compares each what-if with the plan as it stands', () => {
    const rows = whatIfRows(b);
    expect(rows.map((r) => r.name)).toEqual(['As planned', '+1 picker', '+1 packer']);
    expect(rows[0]).toMatchObject({ late: 4, pickClear: '2026-01-01T09:00:00Z', packClear: '2026-01-01T09:30:00Z', lateDelta: 0 });
    expect(rows[2]).toMatchObject({ late: 1, lateDelta: -3, makespanDeltaMs: -1_200_000 });
  });

  it('names the stage that clears last, then the busiest', () => {
    expect(bottleneckStage(b)?.stage).toBe('pack');
    expect(bottleneckStage({ ...b, stages: [stage('pick', 5, 0.2, null), stage('pack', 0, 0.9, null)] })?.stage).toBe('pick');
    expect(bottleneckStage({ ...b, stages: [] })).toBeNull();
  });

  it('turns a stage backlog into chart series', () => {
    const s = backlogSeries(b.stages[0]);
    expect(s.queued).toEqual([
      { x: Date.parse('2026-01-01T08:00:00Z'), y: 10 },
      { x: Date.parse('2026-01-01T08:05:00Z'), y: 4 },
    ]);
    expect(s.total.map((p) => p.y)).toEqual([12, 5]);
    expect(s.peak).toBe(12);
    expect(s.clearAt).toBe(Date.parse('2026-01-01T09:00:00Z'));
  });

  it('puts history and forecast on one axis, with stock-outs and a band never below 0', () => {
    const s = forecastSeries(
      { sku: 'S', warehouse: 'MAIN', channel: null, days: [{ date: '2026-01-01', units: 3, stock_out: false }, { date: '2026-01-02', units: 0, stock_out: true }] },
      { sku: 'S', warehouse: 'MAIN', channel: null, history_days: 2, stock_out_days: 1, model: 'ses', variant: '', backtest_mase: null, dates: ['2026-01-03'], values: [2.5], lower: [-1], upper: [6], total: 2.5 },
    );
    expect(s.history).toEqual([{ x: dayTime('2026-01-01'), y: 3 }, { x: dayTime('2026-01-02'), y: 0 }]);
    expect(s.stockOuts).toEqual([{ x: dayTime('2026-01-02'), y: 0 }]);
    expect(s.forecast).toEqual([{ x: dayTime('2026-01-03'), y: 2.5 }]);
    expect(s.lower[0].y).toBe(0);
    expect(forecastSeries(null, null).forecast).toEqual([]);
  });

  it('reads carrier pickups as typed', () => {
    expect(parsePickups('17:00, 9:30')).toEqual({ value: '17:00,09:30' });
    expect(parsePickups('')).toEqual({ value: '' });
    expect(parsePickups('2026-01-01T17:00:00Z')).toEqual({ value: '2026-01-01T17:00:00Z' });
    expect(parsePickups('25:00')).toHaveProperty('error');
    expect(parsePickups('five')).toHaveProperty('error');
  });

  it('writes durations', () => {
    expect(fmtDuration(40_000)).toBe('40 s');
    expect(fmtDuration(12 * 60_000)).toBe('12 min');
    expect(fmtDuration(5 * 3600_000 + 59 * 60_000 + 50_000)).toBe('6 h 00 min');
    expect(fmtDuration(-7_000)).toBe('−7 s');
    expect(fmtDuration(3 * 86400_000)).toBe('3.0 d');
    expect(fmtDuration(null)).toBe('—');
  });
});
