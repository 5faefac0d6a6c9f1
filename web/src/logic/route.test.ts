import { describe, expect, it } from 'vitest';
import { cellsOf, fillOf, geometry, pathLength, walk } from './route';

const loc = (code: string, aisle: number, bay: number, level: number) => ({
  code,
  type: level === 1 ? 'pick' : 'storage',
  aisle,
  bay,
  level,
  x_mm: aisle * 3000,
  y_mm: 3000 + (bay - 0.5) * 1000,
});

describe('map geometry', () => {
  const locs = [loc('A01-001-1', 1, 1, 1), loc('A01-001-2', 1, 1, 2), loc('A01-002-1', 1, 2, 1), loc('A01-010-1', 1, 10, 1), loc('A02-001-1', 2, 1, 1), loc('A02-010-1', 2, 10, 1)];
  const cells = cellsOf(locs);
  const g = geometry(cells, [{ x: 3000, y: 0 }]);

  it('groups levels of one bay into a cell', () => {
    expect(cells).toHaveLength(5);
    expect(cells.find((c) => c.x === 3000 && c.y === 3500)?.locations.map((l) => l.code)).toEqual(['A01-001-1', 'A01-001-2']);
    expect(g.pitchX).toBe(3000);
    expect(g.pitchY).toBe(1000);
    expect(g.frontY).toBe(1500);
    expect(g.backY).toBe(14500);
  });

  it('walks along aisles and crosses on the nearer cross aisle', () => {
    const front = walk([{ x: 3000, y: 3500 }, { x: 6000, y: 3500 }], g);
    expect(front).toEqual([{ x: 3000, y: 3500 }, { x: 3000, y: g.frontY }, { x: 6000, y: g.frontY }, { x: 6000, y: 3500 }]);
    const back = walk([{ x: 3000, y: 12500 }, { x: 6000, y: 12500 }], g);
    expect(back[1].y).toBe(g.backY);
    const fromDock = walk([{ x: 3000, y: 0, dock: true }, { x: 6000, y: 12500 }], g);
    expect(fromDock[1].y).toBe(g.frontY);
    expect(pathLength(front)).toBe(2 * (3500 - g.frontY) + 3000);
  });

  it('goes straight within one aisle', () => {
    expect(walk([{ x: 3000, y: 3500 }, { x: 3000, y: 12500 }], g)).toHaveLength(2);
  });
});

describe('map fill', () => {
  const at = (code: string, aisle: number, bay: number, level: number, max: number | null) => ({ ...loc(code, aisle, bay, level), max_volume_cm3: max });
  const cells = cellsOf([at('A01-001-1', 1, 1, 1, 1000), at('A01-001-2', 1, 1, 2, 1000), at('A01-002-1', 1, 2, 1, 500), at('A01-003-1', 1, 3, 1, null)]);

  it('adds up the volume used in a bay against the capacity of its locations', () => {
    const fill = fillOf(cells, [
      { location: 'A01-001-1', on_hand: 4, used_cm3: 500, max_volume_cm3: 1000 },
      { location: 'A01-001-2', on_hand: 1, used_cm3: 100, max_volume_cm3: 1000 },
      { location: 'A01-002-1', on_hand: 9, used_cm3: 900, max_volume_cm3: 500 },
      { location: 'RECV-01', on_hand: 3, used_cm3: 10, max_volume_cm3: null },
    ]);
    const byCode = (c: string) => fill.get(cells.find((x) => x.locations.some((l) => l.code === c))!.key)!;
    expect(byCode('A01-001-1')).toEqual({ units: 5, used_cm3: 600, capacity_cm3: 2000, fraction: 0.3, counting: false });
    expect(byCode('A01-002-1').fraction).toBeCloseTo(1.8); // over capacity shows as such
    expect(byCode('A01-003-1')).toEqual({ units: 0, used_cm3: 0, capacity_cm3: 0, fraction: null, counting: false });
  });

  it('shows no fill for a bay with a location counted blind', () => {
    const fill = fillOf(cells, [
      { location: 'A01-001-1', on_hand: null, used_cm3: null, max_volume_cm3: null, hidden: 'open_count' },
      { location: 'A01-001-2', on_hand: 1, used_cm3: 100, max_volume_cm3: 1000 },
    ]);
    const bay = fill.get(cells.find((x) => x.locations.some((l) => l.code === 'A01-001-1'))!.key)!;
    expect(bay.counting).toBe(true);
    expect(bay.fraction).toBeNull(); // the other location's 100 cm³ against 2000 would hint at the counted one
  });
});
