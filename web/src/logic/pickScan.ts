// The pick screen's scan logic, as pure functions: location first, then the product,
// then the quantity. A wrong scan changes nothing but the message; a repeated scan is
// never counted twice; nothing is sent while a confirmation is in flight.

export interface PickLineLike {
  id: number;
  sequence: number;
  location: string;
  sku: string;
  lot: string;
  quantity: number;
  picked: number;
  short: number;
  status: 'open' | 'done' | 'short';
}

export interface ProductCodes {
  sku: string;
  name?: string;
  barcodes: string[];
}

export type FeedbackKind = 'ok' | 'error' | 'info';
export interface Feedback {
  kind: FeedbackKind;
  text: string;
  code?: string;
}

export type PickStep = 'location' | 'product' | 'quantity' | 'done';

export interface PickState {
  lineId: number | null;
  step: PickStep;
  /** What was scanned for the product (sent as `barcode`). */
  barcode: string | null;
  quantity: number;
  /** A confirmation is in flight. */
  pending: boolean;
  feedback: Feedback | null;
}

export interface PickSubmit {
  line_id: number;
  location: string;
  barcode: string;
  quantity: number;
}

export interface ScanOutcome {
  state: PickState;
  submit?: PickSubmit;
}

export const openQty = (l: PickLineLike) => Math.max(0, l.quantity - l.picked - l.short);

export function sortedLines<L extends PickLineLike>(lines: L[]): L[] {
  return [...lines].sort((a, b) => a.sequence - b.sequence || a.id - b.id);
}

export function nextOpenLine<L extends PickLineLike>(lines: L[], after?: L | null): L | null {
  const open = sortedLines(lines).filter((l) => l.status === 'open' && openQty(l) > 0);
  if (!after) return open[0] ?? null;
  return open.find((l) => l.sequence > after.sequence) ?? open[0] ?? null;
}

export const norm = (s: string) => s.trim().toUpperCase();

export function matchesProduct(code: string, line: { sku: string }, p?: ProductCodes): boolean {
  const c = norm(code);
  if (!c) return false;
  if (norm(line.sku) === c) return true;
  return !!p && p.barcodes.some((b) => norm(b) === c);
}

/** A short number typed at the quantity step (barcodes are longer). */
export function asQuantity(code: string): number | null {
  const t = code.trim();
  return /^\d{1,4}$/.test(t) ? Number(t) : null;
}

export function initialPickState(lines: PickLineLike[], prevLocation?: string | null): PickState {
  const line = nextOpenLine(lines);
  if (!line) return { lineId: null, step: 'done', barcode: null, quantity: 0, pending: false, feedback: null };
  // The next line at the location just confirmed needs no new location scan.
  const atSame = prevLocation && norm(prevLocation) === norm(line.location);
  return {
    lineId: line.id,
    step: atSame ? 'product' : 'location',
    barcode: null,
    quantity: openQty(line),
    pending: false,
    feedback: null,
  };
}

export function currentLine<L extends PickLineLike>(state: PickState, lines: L[]): L | null {
  return lines.find((l) => l.id === state.lineId) ?? null;
}

function say(state: PickState, kind: FeedbackKind, text: string, code?: string): PickState {
  return { ...state, feedback: { kind, text, code } };
}

export function applyScan(
  state: PickState,
  lines: PickLineLike[],
  products: Record<string, ProductCodes | undefined>,
  raw: string,
): ScanOutcome {
  const code = raw.trim();
  if (state.pending) return { state: say(state, 'info', 'Still sending the last pick — wait for the answer.') };
  const line = currentLine(state, lines);
  if (!line || state.step === 'done') return { state: say(state, 'info', 'Nothing left to pick on this list.') };
  const product = products[line.sku];
  const open = openQty(line);
  const isLocation = norm(code) === norm(line.location);
  const isProduct = matchesProduct(code, line, product);

  switch (state.step) {
    case 'location': {
      if (!code) return { state: say(state, 'info', `Scan location ${line.location}.`) };
      if (isLocation) {
        const next: PickState = { ...state, step: 'product', barcode: null, quantity: open };
        return { state: say(next, 'ok', `Location ${line.location} ✓ — now scan ${line.sku}.`) };
      }
      if (isProduct) return { state: say(state, 'error', `Scan the location ${line.location} first.`, 'location_first') };
      return { state: say(state, 'error', `Wrong location: ${code} is not ${line.location}.`, 'wrong_location') };
    }
    case 'product': {
      if (!code) return { state: say(state, 'info', `Scan the product ${line.sku}.`) };
      if (isLocation) return { state: say(state, 'info', `Location ${line.location} already confirmed — scan the product.`) };
      if (!isProduct) {
        return { state: say(state, 'error', `Wrong product: ${code} is not ${line.sku}${product?.name ? ` (${product.name})` : ''}.`, 'wrong_product') };
      }
      const next: PickState = { ...state, step: 'quantity', barcode: code, quantity: open };
      if (open === 1) return submit(next, line);
      return { state: say(next, 'ok', `${line.sku} ✓ — confirm ${open} (Enter), or type the quantity.`) };
    }
    case 'quantity': {
      if (!code) return submit(state, line);
      if (isProduct) return { state: say(state, 'info', `${line.sku} already scanned — confirm the quantity (Enter).`) };
      if (isLocation) return { state: say(state, 'info', `Location ${line.location} already confirmed — confirm the quantity (Enter).`) };
      const q = asQuantity(code);
      if (q !== null) {
        if (q < 1 || q > open) return { state: say(state, 'error', `Quantity must be 1–${open}. Use “Short” when fewer are there.`, 'over_pick') };
        return { state: say({ ...state, quantity: q }, 'ok', `Quantity ${q} — press Enter to confirm.`) };
      }
      return { state: say(state, 'error', `Wrong product: ${code} is not ${line.sku}.`, 'wrong_product') };
    }
  }
}

function submit(state: PickState, line: PickLineLike): ScanOutcome {
  const open = openQty(line);
  const quantity = Math.min(Math.max(1, state.quantity), open);
  return {
    state: say({ ...state, quantity, pending: true }, 'info', `Confirming ${quantity} × ${line.sku}…`),
    submit: { line_id: line.id, location: line.location, barcode: state.barcode ?? line.sku, quantity },
  };
}

/** Confirm from the button (same as Enter at the quantity step). */
export function confirmQuantity(state: PickState, lines: PickLineLike[]): ScanOutcome {
  const line = currentLine(state, lines);
  if (state.pending || !line || state.step !== 'quantity') return { state };
  return submit(state, line);
}

export function setQuantity(state: PickState, lines: PickLineLike[], q: number): PickState {
  const line = currentLine(state, lines);
  if (!line || state.pending) return state;
  return { ...state, quantity: Math.min(Math.max(1, Math.floor(q)), openQty(line)) };
}

/** The server accepted the pick: move on with the updated lines. */
export function pickAccepted(state: PickState, before: PickLineLike[], after: PickLineLike[]): PickState {
  const done = currentLine(state, before);
  const next = initialPickState(after, done?.location);
  const text = done ? `Picked ${state.quantity} × ${done.sku} ✓` : 'Picked ✓';
  if (next.step === 'done') return { ...next, feedback: { kind: 'ok', text: `${text} — pick list complete.` } };
  const nl = currentLine(next, after)!;
  const where = next.step === 'product' ? `same location: scan ${nl.sku}` : `next: ${nl.location}`;
  return { ...next, feedback: { kind: 'ok', text: `${text} — ${where}.` } };
}

/** The server refused the pick (or could not be reached): nothing changed there. */
export function pickRefused(state: PickState, lines: PickLineLike[], error: { code?: string; text: string }): PickState {
  const base = { ...state, pending: false, feedback: { kind: 'error' as const, text: error.text, code: error.code } };
  if (error.code === 'wrong_location') return { ...base, step: 'location', barcode: null };
  if (error.code === 'wrong_product') return { ...base, step: 'product', barcode: null };
  if (error.code === 'over_pick' || error.code === 'invalid_state') {
    // The line changed under us (another picker): start again from the fresh list.
    return { ...initialPickState(lines), feedback: base.feedback };
  }
  return base;
}

/** Moves to another open line (the picker chose it). */
export function selectLine(state: PickState, lines: PickLineLike[], lineId: number): PickState {
  const l = lines.find((x) => x.id === lineId);
  if (!l || state.pending || l.status !== 'open') return state;
  return { lineId: l.id, step: 'location', barcode: null, quantity: openQty(l), pending: false, feedback: { kind: 'info', text: `Go to ${l.location}.` } };
}
