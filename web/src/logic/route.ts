// Geometry of the warehouse map: bays from location coordinates, and a picker's walk
// drawn along the aisles and cross aisles.

export interface Pt {
  x: number;
  y: number;
}

export interface LocLike {
  code: string;
  type: string;
  aisle: number | null;
  bay: number | null;
  level: number | null;
  x_mm: number | null;
  y_mm: number | null;
}

export interface Cell<L extends LocLike = LocLike> {
  key: string;
  x: number;
  y: number;
  aisle: number | null;
  bay: number | null;
  locations: L[];
}

/** Storage and pick locations grouped by position (one cell per bay, all levels). */
export function cellsOf<L extends LocLike>(locs: L[]): Cell<L>[] {
  const m = new Map<string, Cell<L>>();
  for (const l of locs) {
    if (l.x_mm === null || l.y_mm === null) continue;
    if (l.type !== 'storage' && l.type !== 'pick') continue;
    const key = `${l.x_mm}|${l.y_mm}`;
    let c = m.get(key);
    if (!c) {
      c = { key, x: l.x_mm, y: l.y_mm, aisle: l.aisle, bay: l.bay, locations: [] };
      m.set(key, c);
    }
    c.locations.push(l);
  }
  for (const c of m.values()) c.locations.sort((a, b) => (a.level ?? 0) - (b.level ?? 0));
  return [...m.values()];
}

export interface Geometry {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
  /** Distance between aisles and between bays (cell size). */
  pitchX: number;
  pitchY: number;
  /** Centre lines of the front and back cross aisles. */
  frontY: number;
  backY: number;
}

function minGap(values: number[], fallback: number): number {
  const s = [...new Set(values)].sort((a, b) => a - b);
  let g = Infinity;
  for (let i = 1; i < s.length; i++) g = Math.min(g, s[i] - s[i - 1]);
  return Number.isFinite(g) && g > 0 ? g : fallback;
}

export function geometry(cells: Cell[], others: Pt[]): Geometry {
  const xs = [...cells.map((c) => c.x), ...others.map((p) => p.x)];
  const ys = [...cells.map((c) => c.y), ...others.map((p) => p.y)];
  const pitchX = minGap(cells.map((c) => c.x), 3000);
  const pitchY = minGap(cells.map((c) => c.y), 1000);
  const cellMinY = cells.length ? Math.min(...cells.map((c) => c.y)) : 0;
  const cellMaxY = cells.length ? Math.max(...cells.map((c) => c.y)) : 0;
  const dockY = others.length ? Math.min(...others.map((p) => p.y)) : cellMinY - pitchY * 2;
  const frontY = (dockY + (cellMinY - pitchY / 2)) / 2;
  const backY = cellMaxY + pitchY / 2 + Math.max(pitchY, (cellMinY - pitchY / 2 - dockY) / 2);
  return {
    minX: xs.length ? Math.min(...xs) : 0,
    maxX: xs.length ? Math.max(...xs) : 0,
    minY: Math.min(...(ys.length ? ys : [0]), frontY),
    maxY: Math.max(...(ys.length ? ys : [0]), backY),
    pitchX,
    pitchY,
    frontY,
    backY,
  };
}

export interface Stop extends Pt {
  /** Dock points (packing) can only reach the front cross aisle. */
  dock?: boolean;
}

/** The walk between stops: up and down aisles, across on the nearer cross aisle. */
export function walk(stops: Stop[], g: Pick<Geometry, 'frontY' | 'backY'>): Pt[] {
  const out: Pt[] = [];
  const push = (p: Pt) => {
    const last = out[out.length - 1];
    if (!last || last.x !== p.x || last.y !== p.y) out.push(p);
  };
  for (let i = 0; i < stops.length; i++) {
    const b = stops[i];
    if (i === 0) {
      push(b);
      continue;
    }
    const a = stops[i - 1];
    if (a.x === b.x && !a.dock && !b.dock) {
      push(b);
      continue;
    }
    let yc = g.frontY;
    if (!a.dock && !b.dock) {
      const viaFront = Math.abs(a.y - g.frontY) + Math.abs(b.y - g.frontY);
      const viaBack = Math.abs(a.y - g.backY) + Math.abs(b.y - g.backY);
      if (viaBack < viaFront) yc = g.backY;
    }
    push({ x: a.x, y: yc });
    push({ x: b.x, y: yc });
    push(b);
  }
  return out;
}

export function pathLength(pts: Pt[]): number {
  let n = 0;
  for (let i = 1; i < pts.length; i++) n += Math.abs(pts[i].x - pts[i - 1].x) + Math.abs(pts[i].y - pts[i - 1].y);
  return n;
}

/** A colour from white-ish to `to` for t in [0, 1]. */
export function ramp(t: number, from: [number, number, number] = [236, 241, 248], to: [number, number, number] = [22, 72, 160]): string {
  const c = Math.max(0, Math.min(1, t));
  const v = from.map((f, i) => Math.round(f + (to[i] - f) * c));
  return `rgb(${v[0]},${v[1]},${v[2]})`;
}

export interface StockAtLocation {
  location: string;
  /** null (with `hidden`) while the location is counted blind and the caller counts. */
  on_hand: number | null;
  used_cm3: number | null;
  max_volume_cm3: number | null;
  hidden?: string;
}

export interface CellFill {
  units: number;
  used_cm3: number;
  capacity_cm3: number;
  /** used / capacity (may pass 1: the cube is units × product cube); null without a capacity. */
  fraction: number | null;
  /** A location of the bay is counted blind: its figures are not known here. */
  counting: boolean;
}

/** The volume each bay uses, from the stock per location, against the capacity of its locations. */
export function fillOf<L extends LocLike & { max_volume_cm3: number | null }>(cells: Cell<L>[], stock: StockAtLocation[]): Map<string, CellFill> {
  const at = new Map(stock.map((s) => [s.location, s]));
  const out = new Map<string, CellFill>();
  for (const c of cells) {
    let units = 0;
    let used = 0;
    let cap = 0;
    let counting = false;
    for (const l of c.locations) {
      const s = at.get(l.code);
      cap += s?.max_volume_cm3 ?? l.max_volume_cm3 ?? 0;
      if (s?.hidden) counting = true;
      if (s) {
        units += s.on_hand ?? 0;
        used += s.used_cm3 ?? 0;
      }
    }
    out.set(c.key, { units, used_cm3: used, capacity_cm3: cap, fraction: cap > 0 && !counting ? used / cap : null, counting });
  }
  return out;
}
