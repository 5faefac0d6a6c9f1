// Returns: what may still be authorised, and the scans of receiving and inspecting a return.
import type { Disposition, Order, Return, ReturnLine } from '../api/types';
import type { ReturnRequest } from '../api/endpoints';
import { norm, type Feedback, type ProductCodes } from './pickScan';

/** Units of each order line that a new return may still ask back (shipped less what returns authorise). */
export function returnable(order: Order, returns: Return[]): Record<number, number> {
  const asked = new Map<number, number>();
  for (const r of returns) for (const l of r.lines) asked.set(l.order_line_id, (asked.get(l.order_line_id) ?? 0) + l.authorized);
  const out: Record<number, number> = {};
  for (const l of order.lines) out[l.id] = Math.max(0, l.shipped - (asked.get(l.id) ?? 0));
  return out;
}

/** The body of `POST /returns` from the form, or why it cannot be sent. */
export function returnRequest(
  orderId: number,
  reason: string,
  quantities: Record<number, string>,
  limits: Record<number, number>,
): { body: ReturnRequest } | { error: string } {
  const why = reason.trim();
  if (!why) return { error: 'Give the reason for the return.' };
  const lines: ReturnRequest['lines'] = [];
  for (const [id, raw] of Object.entries(quantities)) {
    if (raw.trim() === '') continue;
    const q = Number(raw);
    const lineId = Number(id);
    if (!Number.isInteger(q) || q < 0) return { error: 'Quantities are whole numbers.' };
    if (q === 0) continue;
    if (q > (limits[lineId] ?? 0)) return { error: `Line ${lineId}: at most ${limits[lineId] ?? 0} can be returned.` };
    lines.push({ order_line_id: lineId, quantity: q });
  }
  if (lines.length === 0) return { error: 'Enter how many units come back on at least one line.' };
  return { body: { order_id: orderId, reason: why, lines } };
}

export type ReturnPhase = 'receive' | 'inspect' | 'closed';

/** What a return waits for: units to receive, units to inspect, or nothing. */
export function returnPhase(r: Return): ReturnPhase {
  if (r.status === 'closed') return 'closed';
  if (r.lines.some((l) => l.received < l.authorized)) return 'receive';
  if (r.lines.some((l) => l.awaiting_inspection > 0)) return 'inspect';
  return 'closed';
}

export const toReceive = (l: ReturnLine) => Math.max(0, l.authorized - l.received);

/** The return line a scanned SKU or barcode names. */
export function matchReturnLine(r: Return, products: Record<string, ProductCodes | undefined>, code: string): ReturnLine | null {
  const c = norm(code);
  if (!c) return null;
  for (const l of r.lines) {
    if (norm(l.sku) === c) return l;
    if (products[l.sku]?.barcodes.some((b) => norm(b) === c)) return l;
  }
  return null;
}

export interface ReceiveDraft {
  units: Record<string, number>;
  feedback: Feedback | null;
}

/** A scan while receiving: one more unit of the line, up to what was authorised. */
export function applyReceiveScan(d: ReceiveDraft, r: Return, products: Record<string, ProductCodes | undefined>, code: string, n = 1): ReceiveDraft {
  const c = code.trim();
  if (!c) return { ...d, feedback: { kind: 'info', text: 'Scan each returned item.' } };
  const line = matchReturnLine(r, products, c);
  if (!line) return { ...d, feedback: { kind: 'error', text: `${c} is not on return #${r.id}.`, code: 'not_on_return' } };
  const have = d.units[line.sku] ?? 0;
  const left = toReceive(line) - have;
  if (left <= 0) return { ...d, feedback: { kind: 'error', text: `All authorised units of ${line.sku} are already counted.`, code: 'return_exceeds_authorized' } };
  const add = Math.min(n, left);
  return { units: { ...d.units, [line.sku]: have + add }, feedback: { kind: 'ok', text: `+${add} ${line.sku} (${have + add} of ${toReceive(line)})` } };
}

export function receiveBody(d: ReceiveDraft): { lines: { sku: string; quantity: number }[] } {
  return { lines: Object.entries(d.units).filter(([, q]) => q > 0).map(([sku, quantity]) => ({ sku, quantity })) };
}

/** The body of one inspection, or why it cannot be sent. */
export function inspection(
  line: ReturnLine,
  quantity: number,
  disposition: Disposition,
  location?: string,
): { body: { lines: { sku: string; quantity: number; disposition: Disposition; location?: string }[] } } | { error: Feedback } {
  if (!Number.isInteger(quantity) || quantity < 1) return { error: { kind: 'error', text: 'Enter a quantity of at least 1.', code: 'invalid_field' } };
  if (quantity > line.awaiting_inspection) {
    return { error: { kind: 'error', text: `Only ${line.awaiting_inspection} of ${line.sku} await inspection.`, code: 'exceeds_received' } };
  }
  const loc = location?.trim();
  if (disposition === 'restock' && !loc) return { error: { kind: 'error', text: `Scan the location to restock ${line.sku} to.`, code: 'invalid_field' } };
  const l: { sku: string; quantity: number; disposition: Disposition; location?: string } = { sku: line.sku, quantity, disposition };
  if (disposition === 'restock') l.location = loc;
  return { body: { lines: [l] } };
}

/** `RMA-12`, `R12` or `RET-12`: a return number. */
export function parseReturnNumber(code: string): number | null {
  const m = /^(?:RMA|RET|R)-?(\d+)$/i.exec(code.trim());
  return m ? Number(m[1]) : null;
}

/**
 * Where to restock a returned product: the locations that hold it in the warehouse, most
 * units first, without the areas that are not shelves (receiving, packing, quarantine…).
 */
export function restockSuggestions(
  inv: { warehouses: { warehouse: string; locations: { location: string; on_hand: number }[] }[] } | null,
  wh: string,
  notShelves: Set<string>,
  max = 3,
): string[] {
  const w = inv?.warehouses.find((x) => x.warehouse === wh);
  if (!w) return [];
  const qty = new Map<string, number>();
  for (const l of w.locations) if (!notShelves.has(l.location)) qty.set(l.location, (qty.get(l.location) ?? 0) + l.on_hand);
  return [...qty.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, max)
    .map(([loc]) => loc);
}
