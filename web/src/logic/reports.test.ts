import { describe, expect, it } from 'vitest';
import type { SalesRow } from '../api/types';
import { changeTone, fmtChange, fmtRate, fmtVolume, lastDays, revenueText, shiftDay, totalChange, trimLeadingEmpty, weekOverWeek } from './reports';

const row = (key: string, units: number, prior_units = 0, change: number | null = null): SalesRow => ({ key, orders: units ? 1 : 0, units, revenue_minor: units ? { EUR: units * 100 } : {}, revenue_saturated: false, prior_units, change });

describe('reports', () => {
  it('takes the last days up to today', () => {
    expect(lastDays(7, Date.parse('2026-03-10T15:00:00Z'))).toEqual({ from: '2026-03-04' });
    expect(shiftDay('2026-03-04', -7)).toBe('2026-02-25');
  });

  it('writes rates and changes', () => {
    expect(fmtRate(0.9708)).toBe('97.1 %');
    expect(fmtRate(null)).toBe('—');
    expect(fmtChange(0.125)).toBe('+12.5 %');
    expect(fmtChange(-0.03)).toBe('−3.0 %');
    expect(fmtChange(0)).toBe('±0.0 %');
    expect(fmtChange(null)).toBe('—');
    expect(changeTone(0.2)).toBe('up');
    expect(changeTone(-0.2)).toBe('down');
    expect(changeTone(null)).toBe('flat');
    expect(fmtVolume(1_200_000_000)).toBe('1,200 m³');
    expect(fmtVolume(2_500_000)).toBe('2.50 m³');
  });

  it('compares each day with the same weekday a week before, from its own rows', () => {
    const rows = [row('2026-03-01', 10), row('2026-03-02', 0), row('2026-03-08', 15), row('2026-03-09', 4, 9, -0.55), row('2026-03-10', 1, 0, null)];
    const out = weekOverWeek(rows, '2026-03-08');
    expect(out.map((r) => r.key)).toEqual(['2026-03-08', '2026-03-09', '2026-03-10']);
    expect(out[0]).toMatchObject({ prior_units: 10, change: 0.5 });
    expect(out[1]).toMatchObject({ prior_units: 0, change: null }); // the prior day had nothing
    expect(out[2]).toMatchObject({ prior_units: 0, change: null }); // no row a week before: as the server said
    expect(totalChange(out)).toEqual({ units: 20, prior: 10, change: 0.5, days: 1 }); // only the day with a prior
  });

  it('drops empty days before the first sale and writes revenue per currency', () => {
    expect(trimLeadingEmpty([row('a', 0), row('b', 2), row('c', 0)]).map((r) => r.key)).toEqual(['b', 'c']);
    expect(trimLeadingEmpty([row('a', 0)])).toEqual([]);
    const r = { ...row('x', 1), revenue_minor: { EUR: 1050, USD: 200 } };
    expect(revenueText(r, (a, c) => `${a / 100} ${c}`)).toBe('10.5 EUR + 2 USD');
    expect(revenueText(row('y', 0), () => '')).toBe('—');
    expect(revenueText({ ...row('z', 1), revenue_saturated: true }, (a, c) => `${a} ${c}`)).toBe('≥ 100 EUR');
  });
});
