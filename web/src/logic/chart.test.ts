import { describe, expect, it } from 'vitest';
import { areaPath, bandPath, extent, linear, linePath, spread } from './chart';

describe('chart geometry', () => {
  const sx = linear(0, 10, 0, 100);
  const sy = linear(0, 5, 50, 0);

  it('maps values linearly, a flat domain to the middle', () => {
    expect(sx(5)).toBe(50);
    expect(sy(5)).toBe(0);
    expect(linear(3, 3, 0, 100)(3)).toBe(50);
  });

  it('draws lines, areas and bands', () => {
    const pts = [{ x: 0, y: 0 }, { x: 10, y: 5 }];
    expect(linePath(pts, sx, sy)).toBe('M0 50 L100 0');
    expect(areaPath(pts, sx, sy)).toBe('M0 50 L100 0 L100 50 L0 50 Z');
    expect(areaPath([], sx, sy)).toBe('');
    expect(bandPath([{ x: 0, y: 1 }, { x: 10, y: 1 }], [{ x: 0, y: 2 }, { x: 10, y: 3 }], sx, sy)).toBe('M0 30 L100 20 L100 40 L0 40 Z');
  });

  it('finds the extent of several series and spreads ticks', () => {
    expect(extent([[{ x: 2, y: 1 }], [{ x: 8, y: 7 }, { x: NaN, y: 99 }]])).toEqual({ minX: 2, maxX: 8, maxY: 7 });
    expect(extent([])).toEqual({ minX: 0, maxX: 1, maxY: 0 });
    expect(spread(0, 100, 5)).toEqual([0, 25, 50, 75, 100]);
    expect(spread(4, 4, 5)).toEqual([4]);
  });
});
