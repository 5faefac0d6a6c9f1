import { describe, expect, it } from 'vitest';
import type { Count } from '../api/types';
import { countSummary, fmtSigned } from './counts';
import { checkPutaway, putawayQuantity } from './putaway';

const count = (lines: Count['lines']): Count => ({
  id: 1,
  warehouse: 'MAIN',
  location: 'A01-001-1',
  status: 'needs_approval',
  attempt: 2,
  plan_date: null,
  counted_by: 'ana',
  decided_by: null,
  created_at: '',
  started_at: null,
  submitted_at: null,
  decided_at: null,
  task_id: null,
  lines,
});

describe('count review', () => {
  it('sums counted against expected', () => {
    const s = countSummary(count([
      { sku: 'A', lot: '', counted: 8, expected: 10, variance: -2 },
      { sku: 'B', lot: '', counted: 3, expected: 3, variance: 0 },
      { sku: 'C', lot: '', counted: 1, expected: 0, variance: 1 },
    ]));
    expect(s).toEqual({ lines: 3, counted: 12, expected: 13, netVariance: -1, absVariance: 3, mismatched: 2 });
  });

  it('stays blind when the role sees no expected figures', () => {
    expect(countSummary(count([{ sku: 'A', lot: '', counted: 8 }]))).toMatchObject({ counted: 8, expected: null, netVariance: null });
    expect(fmtSigned(3)).toBe('+3');
    expect(fmtSigned(-2)).toBe('−2');
    expect(fmtSigned(0)).toBe('0');
  });
});

describe('putaway scans', () => {
  const task = { sku: 'TEA', quantity: 6, from_location: 'RECV-01', to_location: 'A10-001-2' };

  it('takes the suggested location, another one with a warning, never the source', () => {
    expect(checkPutaway(task, 'a10-001-2')).toMatchObject({ location: 'A10-001-2' });
    expect(checkPutaway(task, 'A03-004-1')).toMatchObject({ location: 'A03-004-1', feedback: { kind: 'info' } });
    expect(checkPutaway(task, 'RECV-01')).toMatchObject({ feedback: { kind: 'error', code: 'wrong_location' } });
    expect(checkPutaway(task, '  ').location).toBeUndefined();
  });

  it('reads a partial quantity', () => {
    expect(putawayQuantity('', 6)).toEqual({});
    expect(putawayQuantity('6', 6)).toEqual({});
    expect(putawayQuantity('4', 6)).toEqual({ quantity: 4 });
    expect(putawayQuantity('7', 6)).toHaveProperty('error');
    expect(putawayQuantity('0', 6)).toHaveProperty('error');
  });
});
