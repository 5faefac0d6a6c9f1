// The product catalogue, read once per session where the API offers no search.
import type { Inventory, Product } from '../api/types';
import { seg } from '../api/client';
import { api } from '../session';
import { remember } from './products';

export const CATALOGUE_LIMIT = 20000;
let catalogue: Product[] | null = null;

export async function loadCatalogue(signal?: AbortSignal, onProgress?: (n: number) => void): Promise<Product[]> {
  if (catalogue) return catalogue;
  const all: Product[] = [];
  let cursor: string | null = null;
  do {
    const p: { products: Product[]; next_cursor: string | null } = await api.get('/products', { query: { limit: 500, cursor }, signal });
    all.push(...p.products);
    onProgress?.(all.length);
    cursor = p.next_cursor;
  } while (cursor && all.length < CATALOGUE_LIMIT);
  for (const p of all) remember(p);
  catalogue = all;
  return all;
}

export interface StockAt {
  sku: string;
  lot: string;
  on_hand: number;
  volume_cm3: number;
}

/**
 * Stock per location of one warehouse. The API answers stock per product only, so this
 * reads the inventory of every product (a few at a time).
 */
export async function stockSnapshot(
  wh: string,
  signal: AbortSignal,
  onProgress: (done: number, total: number) => void,
): Promise<Map<string, StockAt[]>> {
  const products = await loadCatalogue(signal);
  const out = new Map<string, StockAt[]>();
  let done = 0;
  let next = 0;
  const worker = async () => {
    while (next < products.length) {
      const p = products[next++];
      const inv = await api.get<Inventory>(`/inventory/${seg(p.sku)}`, { signal });
      const vol = (p.length_mm * p.width_mm * p.height_mm) / 1000;
      for (const w of inv.warehouses) {
        if (w.warehouse !== wh) continue;
        for (const l of w.locations) {
          if (l.on_hand <= 0) continue;
          const arr = out.get(l.location) ?? [];
          arr.push({ sku: p.sku, lot: l.lot, on_hand: l.on_hand, volume_cm3: vol * l.on_hand });
          out.set(l.location, arr);
        }
      }
      done++;
      if (done % 25 === 0 || done === products.length) onProgress(done, products.length);
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  return out;
}
