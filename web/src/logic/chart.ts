// Geometry of the SVG line charts: scales, paths and axis ticks.

export interface Pt {
  x: number;
  y: number;
}

export type Scale = (v: number) => number;

/** A linear map of [d0, d1] onto [r0, r1] (a flat domain maps to the middle). */
export function linear(d0: number, d1: number, r0: number, r1: number): Scale {
  if (d1 === d0) return () => (r0 + r1) / 2;
  const k = (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}

const r = (v: number) => Math.round(v * 10) / 10;

/** `M x y L x y …` through the points, in the order given. */
export function linePath(pts: Pt[], sx: Scale, sy: Scale): string {
  return pts.map((p, i) => `${i ? 'L' : 'M'}${r(sx(p.x))} ${r(sy(p.y))}`).join(' ');
}

/** The area between the points and the base line y = base. */
export function areaPath(pts: Pt[], sx: Scale, sy: Scale, base = 0): string {
  if (pts.length === 0) return '';
  const top = linePath(pts, sx, sy);
  const last = pts[pts.length - 1];
  return `${top} L${r(sx(last.x))} ${r(sy(base))} L${r(sx(pts[0].x))} ${r(sy(base))} Z`;
}

/** A band between two lines of the same x (an interval). */
export function bandPath(lower: Pt[], upper: Pt[], sx: Scale, sy: Scale): string {
  if (lower.length === 0 || upper.length === 0) return '';
  const up = linePath(upper, sx, sy);
  const down = [...lower].reverse().map((p) => `L${r(sx(p.x))} ${r(sy(p.y))}`).join(' ');
  return `${up} ${down} Z`;
}

/** The smallest x, the largest x and the largest y over every set of points. */
export function extent(sets: Pt[][]): { minX: number; maxX: number; maxY: number } {
  let minX = Infinity;
  let maxX = -Infinity;
  let maxY = 0;
  for (const s of sets) {
    for (const p of s) {
      if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) continue;
      minX = Math.min(minX, p.x);
      maxX = Math.max(maxX, p.x);
      maxY = Math.max(maxY, p.y);
    }
  }
  if (minX === Infinity) return { minX: 0, maxX: 1, maxY: 0 };
  return { minX, maxX, maxY };
}

/** About `n` evenly spaced values from min to max, both included. */
export function spread(min: number, max: number, n: number): number[] {
  if (n <= 1 || max <= min) return [min];
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(min + ((max - min) * i) / (n - 1));
  return out;
}
