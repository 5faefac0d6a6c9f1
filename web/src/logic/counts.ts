// Cycle counts under review: what was counted against what the records said.
import type { Count } from '../api/types';

export interface CountSummary {
  lines: number;
  counted: number;
  /** null when the count is blind to this role (expected figures hidden). */
  expected: number | null;
  netVariance: number | null;
  absVariance: number | null;
  /** Lines whose counted figure differs from the expected one. */
  mismatched: number | null;
}

export function countSummary(c: Count): CountSummary {
  const counted = c.lines.reduce((n, l) => n + l.counted, 0);
  const blind = c.lines.length > 0 && c.lines.every((l) => l.expected === undefined || l.expected === null);
  if (blind) return { lines: c.lines.length, counted, expected: null, netVariance: null, absVariance: null, mismatched: null };
  let expected = 0;
  let net = 0;
  let abs = 0;
  let mismatched = 0;
  for (const l of c.lines) {
    const e = l.expected ?? 0;
    const v = l.variance ?? l.counted - e;
    expected += e;
    net += v;
    abs += Math.abs(v);
    if (v !== 0) mismatched++;
  }
  return { lines: c.lines.length, counted, expected, netVariance: net, absVariance: abs, mismatched };
}

/** "+3", "−2", "0". */
export function fmtSigned(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  return n > 0 ? `+${n.toLocaleString()}` : n < 0 ? `−${Math.abs(n).toLocaleString()}` : '0';
}
