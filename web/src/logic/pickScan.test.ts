import { describe, expect, it } from 'vitest';
import { applyScan, confirmQuantity, initialPickState, pickAccepted, pickRefused, selectLine, setQuantity, type PickLineLike } from './pickScan';

const line = (id: number, seq: number, location: string, sku: string, quantity: number, picked = 0): PickLineLike => ({
  id,
  sequence: seq,
  location,
  sku,
  lot: '',
  quantity,
  picked,
  short: 0,
  status: picked >= quantity ? 'done' : 'open',
});

const lines = [line(1, 1, 'A01-001-1', 'SKU-1', 1), line(2, 2, 'A01-001-1', 'SKU-2', 3), line(3, 3, 'A02-004-1', 'SKU-3', 2)];
const products = {
  'SKU-1': { sku: 'SKU-1', barcodes: ['4000000000013'] },
  'SKU-2': { sku: 'SKU-2', barcodes: ['4000000000020'] },
  'SKU-3': { sku: 'SKU-3', barcodes: [] },
};

describe('pick scans', () => {
  it('starts at the first open line, location first', () => {
    const s = initialPickState(lines);
    expect(s).toMatchObject({ lineId: 1, step: 'location', pending: false });
  });

  it('takes the location, then the product, and submits a single unit at once', () => {
    let s = initialPickState(lines);
    const a = applyScan(s, lines, products, ' a01-001-1 ');
    expect(a.state.step).toBe('product');
    expect(a.state.feedback?.kind).toBe('ok');
    expect(a.submit).toBeUndefined();
    s = a.state;
    const b = applyScan(s, lines, products, '4000000000013');
    expect(b.submit).toEqual({ line_id: 1, location: 'A01-001-1', barcode: '4000000000013', quantity: 1 });
    expect(b.state.pending).toBe(true);
  });

  it('refuses a wrong location and changes nothing else', () => {
    const s = initialPickState(lines);
    const out = applyScan(s, lines, products, 'B09-009-9');
    expect(out.submit).toBeUndefined();
    expect(out.state.feedback).toMatchObject({ kind: 'error', code: 'wrong_location' });
    expect({ ...out.state, feedback: null }).toEqual({ ...s, feedback: null });
  });

  it('refuses the product before the location', () => {
    const out = applyScan(initialPickState(lines), lines, products, 'SKU-1');
    expect(out.state.step).toBe('location');
    expect(out.state.feedback?.code).toBe('location_first');
  });

  it('refuses a wrong product at the right location', () => {
    const s = applyScan(initialPickState(lines), lines, products, 'A01-001-1').state;
    const out = applyScan(s, lines, products, '4000000000020');
    expect(out.submit).toBeUndefined();
    expect(out.state.step).toBe('product');
    expect(out.state.feedback).toMatchObject({ kind: 'error', code: 'wrong_product' });
  });

  it('does not count a repeated location scan', () => {
    const s = applyScan(initialPickState(lines), lines, products, 'A01-001-1').state;
    const again = applyScan(s, lines, products, 'A01-001-1');
    expect(again.state.step).toBe('product');
    expect(again.state.feedback?.kind).toBe('info');
    expect(again.submit).toBeUndefined();
  });

  it('asks for the quantity when more than one is to pick; a repeated product scan adds nothing', () => {
    const l2 = [line(2, 1, 'A01-001-1', 'SKU-2', 3)];
    let s = applyScan(initialPickState(l2), l2, products, 'A01-001-1').state;
    s = applyScan(s, l2, products, 'SKU-2').state;
    expect(s).toMatchObject({ step: 'quantity', quantity: 3, barcode: 'SKU-2' });
    const again = applyScan(s, l2, products, 'SKU-2');
    expect(again.state.quantity).toBe(3);
    expect(again.submit).toBeUndefined();
    s = applyScan(s, l2, products, '2').state;
    expect(s.quantity).toBe(2);
    expect(applyScan(s, l2, products, '9').state.feedback?.code).toBe('over_pick');
    const done = applyScan(s, l2, products, '');
    expect(done.submit).toEqual({ line_id: 2, location: 'A01-001-1', barcode: 'SKU-2', quantity: 2 });
    expect(setQuantity(s, l2, 99).quantity).toBe(3);
    expect(confirmQuantity(s, l2).submit?.quantity).toBe(2);
  });

  it('ignores every scan while a pick is in flight (no double submit)', () => {
    const s = applyScan(applyScan(initialPickState(lines), lines, products, 'A01-001-1').state, lines, products, 'SKU-1').state;
    expect(s.pending).toBe(true);
    const again = applyScan(s, lines, products, 'SKU-1');
    expect(again.submit).toBeUndefined();
    expect(confirmQuantity(s, lines).submit).toBeUndefined();
  });

  it('moves on after an accepted pick, skipping the location scan at the same location', () => {
    const s = applyScan(applyScan(initialPickState(lines), lines, products, 'A01-001-1').state, lines, products, 'SKU-1').state;
    const after = lines.map((l) => (l.id === 1 ? { ...l, picked: 1, status: 'done' as const } : l));
    const next = pickAccepted(s, lines, after);
    expect(next).toMatchObject({ lineId: 2, step: 'product', pending: false });
    expect(next.feedback?.kind).toBe('ok');
    const all = after.map((l) => ({ ...l, picked: l.quantity, status: 'done' as const }));
    expect(pickAccepted(next, after, all).step).toBe('done');
  });

  it('goes back a step when the server refuses', () => {
    const s = applyScan(applyScan(initialPickState(lines), lines, products, 'A01-001-1').state, lines, products, 'SKU-1').state;
    const r = pickRefused(s, lines, { code: 'wrong_location', text: 'location A01-001-1 is not where this pick list goes next' });
    expect(r).toMatchObject({ step: 'location', pending: false, feedback: { kind: 'error', code: 'wrong_location' } });
    const n = pickRefused(s, lines, { code: 'network', text: 'down' });
    expect(n).toMatchObject({ step: s.step, pending: false });
  });

  it('lets the picker choose another open line', () => {
    const s = selectLine(initialPickState(lines), lines, 3);
    expect(s).toMatchObject({ lineId: 3, step: 'location', quantity: 2 });
  });
});
