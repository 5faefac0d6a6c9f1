// Products seen in this session, by SKU; scans are resolved against them.
import { isProblem, seg } from '../api/client';
import type { Product } from '../api/types';
import { api } from '../session';

const cache = new Map<string, Product>();
const pending = new Map<string, Promise<Product | null>>();

export function cachedProduct(sku: string): Product | undefined {
  return cache.get(sku);
}

export function remember(p: Product) {
  cache.set(p.sku, p);
}

export async function getProduct(sku: string, signal?: AbortSignal): Promise<Product | null> {
  const hit = cache.get(sku);
  if (hit) return hit;
  const inflight = pending.get(sku);
  if (inflight) return inflight;
  const p = api
    .get<Product>(`/products/${seg(sku)}`, { signal })
    .then((r) => {
      cache.set(r.sku, r);
      return r;
    })
    .catch((e) => {
      if (isProblem(e) && (e.status === 404 || e.code === 'invalid_field')) return null;
      throw e;
    })
    .finally(() => pending.delete(sku));
  pending.set(sku, p);
  return p;
}

export async function getProducts(skus: string[], signal?: AbortSignal): Promise<Record<string, Product>> {
  const out: Record<string, Product> = {};
  const uniq = [...new Set(skus)];
  // A few at a time: the server and the other screens share the connection pool.
  for (let i = 0; i < uniq.length; i += 6) {
    const got = await Promise.all(uniq.slice(i, i + 6).map((s) => getProduct(s, signal)));
    for (const p of got) if (p) out[p.sku] = p;
  }
  return out;
}

/** A scanned code: a barcode of a product, else a SKU. */
export async function resolveCode(code: string, signal?: AbortSignal): Promise<Product | null> {
  const c = code.trim();
  if (!c) return null;
  for (const p of cache.values()) if (p.sku === c || p.barcodes.includes(c)) return p;
  try {
    const p = await api.get<Product>(`/products/by-barcode/${seg(c)}`, { signal });
    cache.set(p.sku, p);
    return p;
  } catch (e) {
    if (!(isProblem(e) && (e.status === 404 || e.code === 'invalid_field'))) throw e;
  }
  return getProduct(c, signal);
}
