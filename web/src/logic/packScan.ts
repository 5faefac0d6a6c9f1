// The pack screen's logic: scanned units go into the current package; a package holds
// only what was picked and not yet packed.
import { norm, type Feedback, type ProductCodes } from './pickScan';
import type { RequestBody } from '../api/types';

type PackInput = RequestBody<'/api/v1/fulfillments/{id}/pack', 'post'>;

export interface PackLineLike {
  sku: string;
  picked: number;
}

export interface DraftPackage {
  box: string | null;
  /** The scale's reading as typed (grams); empty when not weighed. */
  weight: string;
  items: Record<string, number>;
}

export interface PackState {
  packages: DraftPackage[];
  current: number;
  feedback: Feedback | null;
}

export function initialPackState(box: string | null = null): PackState {
  return { packages: [{ box, weight: '', items: {} }], current: 0, feedback: null };
}

export function packedSoFar(st: PackState, sku: string): number {
  return st.packages.reduce((n, p) => n + (p.items[sku] ?? 0), 0);
}

export function remainingToPack(st: PackState, lines: PackLineLike[], sku: string): number {
  const picked = lines.filter((l) => l.sku === sku).reduce((n, l) => n + l.picked, 0);
  return picked - packedSoFar(st, sku);
}

export function allPacked(st: PackState, lines: PackLineLike[]): boolean {
  const skus = new Set(lines.map((l) => l.sku));
  for (const s of skus) if (remainingToPack(st, lines, s) !== 0) return false;
  return lines.some((l) => l.picked > 0);
}

export function resolveSku(code: string, lines: PackLineLike[], products: Record<string, ProductCodes | undefined>): string | null {
  const c = norm(code);
  for (const l of lines) {
    if (norm(l.sku) === c) return l.sku;
    const p = products[l.sku];
    if (p && p.barcodes.some((b) => norm(b) === c)) return l.sku;
  }
  return null;
}

function say(st: PackState, kind: Feedback['kind'], text: string, code?: string): PackState {
  return { ...st, feedback: { kind, text, code } };
}

export function applyPackScan(st: PackState, lines: PackLineLike[], products: Record<string, ProductCodes | undefined>, raw: string): PackState {
  const code = raw.trim();
  if (!code) return say(st, 'info', 'Scan a product to put it in the package.');
  const sku = resolveSku(code, lines, products);
  if (!sku) return say(st, 'error', `${code} is not in this fulfillment.`, 'wrong_product');
  const left = remainingToPack(st, lines, sku);
  if (left <= 0) return say(st, 'error', `All units of ${sku} are already in packages.`, 'over_pack');
  return addUnits(st, sku, 1);
}

export function addUnits(st: PackState, sku: string, n: number): PackState {
  const packages = st.packages.map((p, i) =>
    i === st.current ? { ...p, items: { ...p.items, [sku]: Math.max(0, (p.items[sku] ?? 0) + n) } } : p,
  );
  for (const p of packages) for (const k of Object.keys(p.items)) if (p.items[k] === 0) delete p.items[k];
  const inPkg = packages[st.current].items[sku] ?? 0;
  return { ...st, packages, feedback: { kind: 'ok', text: `${sku} → package ${st.current + 1} (${inPkg} there).` } };
}

export function newPackage(st: PackState, box: string | null): PackState {
  const packages = [...st.packages, { box, weight: '', items: {} }];
  return { ...st, packages, current: packages.length - 1, feedback: { kind: 'info', text: `Package ${packages.length} opened.` } };
}

export function removePackage(st: PackState, index: number): PackState {
  if (st.packages.length <= 1) return { ...st, packages: [{ ...st.packages[0], items: {} }], current: 0 };
  const packages = st.packages.filter((_, i) => i !== index);
  return { ...st, packages, current: Math.min(st.current, packages.length - 1) };
}

export function updatePackage(st: PackState, index: number, patch: Partial<DraftPackage>): PackState {
  return { ...st, packages: st.packages.map((p, i) => (i === index ? { ...p, ...patch } : p)) };
}

/** The body of `POST /fulfillments/{id}/pack`. */
export function packBody(st: PackState): PackInput {
  return {
    packages: st.packages
      .filter((p) => Object.keys(p.items).length > 0)
      .map((p) => {
        const out: PackInput['packages'][number] = {
          items: Object.entries(p.items).map(([sku, quantity]) => ({ sku, quantity })),
        };
        if (p.box) out.box = p.box;
        const w = Number(p.weight);
        if (p.weight.trim() !== '' && Number.isFinite(w) && w > 0) out.weight_g = Math.round(w);
        return out;
      }),
  };
}

/** Expected gross weight of a draft package: its items plus the box's tare. */
export function expectedWeight(p: DraftPackage, weights: Record<string, number | undefined>, tare: number): number | null {
  let g = tare;
  for (const [sku, q] of Object.entries(p.items)) {
    const w = weights[sku];
    if (w === undefined) return null;
    g += w * q;
  }
  return g;
}
