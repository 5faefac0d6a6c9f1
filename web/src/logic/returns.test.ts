import { describe, expect, it } from 'vitest';
import type { Order, Return } from '../api/types';
import {
  applyReceiveScan,
  inspection,
  matchReturnLine,
  parseReturnNumber,
  receiveBody,
  restockSuggestions,
  returnable,
  returnPhase,
  returnRequest,
} from './returns';

const line = (id: number, sku: string, shipped: number) => ({ id, sku, quantity: shipped, unit_price: null, allocated: 0, picked: 0, packed: 0, shipped, backordered: 0, cancelled: 0, returned: 0 });
const order = { id: 7, lines: [line(1, 'TEA', 3), line(2, 'MUG', 1), line(3, 'BAG', 0)] } as unknown as Order;

function ret(lines: Partial<Return['lines'][number]>[], status: Return['status'] = 'authorized'): Return {
  return {
    id: 4,
    order_id: 7,
    warehouse: 'MAIN',
    status,
    reason: 'damaged',
    created_at: '2026-01-01T00:00:00Z',
    lines: lines.map((l, i) => ({ id: i + 1, order_line_id: i + 1, sku: 'TEA', lot: '', authorized: 0, received: 0, restocked: 0, quarantined: 0, scrapped: 0, awaiting_inspection: 0, reason: '', ...l })),
  };
}

const products = { TEA: { sku: 'TEA', barcodes: ['4000000000013'] }, MUG: { sku: 'MUG', barcodes: [] } };

describe('authorising a return', () => {
  it('allows what was shipped less what returns already ask back', () => {
    const limits = returnable(order, [ret([{ order_line_id: 1, authorized: 2 }])]);
    expect(limits).toEqual({ 1: 1, 2: 1, 3: 0 });
  });

  it('builds the request from the form, or says what is missing', () => {
    const limits = { 1: 3, 2: 1, 3: 0 };
    expect(returnRequest(7, ' wrong size ', { 1: '2', 2: '', 3: '0' }, limits)).toEqual({ body: { order_id: 7, reason: 'wrong size', lines: [{ order_line_id: 1, quantity: 2 }] } });
    expect(returnRequest(7, '', { 1: '1' }, limits)).toHaveProperty('error');
    expect(returnRequest(7, 'x', { 1: '' }, limits)).toEqual({ error: 'Enter how many units come back on at least one line.' });
    expect(returnRequest(7, 'x', { 2: '2' }, limits)).toEqual({ error: 'Line 2: at most 1 can be returned.' });
    expect(returnRequest(7, 'x', { 1: '1.5' }, limits)).toEqual({ error: 'Quantities are whole numbers.' });
  });
});

describe('receiving and inspecting a return', () => {
  it('knows its phase', () => {
    expect(returnPhase(ret([{ authorized: 2, received: 1, awaiting_inspection: 1 }]))).toBe('receive');
    expect(returnPhase(ret([{ authorized: 2, received: 2, awaiting_inspection: 1, scrapped: 1 }], 'received'))).toBe('inspect');
    expect(returnPhase(ret([{ authorized: 2, received: 2, restocked: 2 }], 'closed'))).toBe('closed');
  });

  it('matches scans by SKU or barcode, in any case', () => {
    const r = ret([{ sku: 'TEA', authorized: 1 }]);
    expect(matchReturnLine(r, products, 'tea')?.sku).toBe('TEA');
    expect(matchReturnLine(r, products, '4000000000013')?.sku).toBe('TEA');
    expect(matchReturnLine(r, products, 'MUG')).toBeNull();
  });

  it('counts received units up to what was authorised and refuses the rest', () => {
    const r = ret([{ sku: 'TEA', authorized: 2, received: 0 }]);
    let d = applyReceiveScan({ units: {}, feedback: null }, r, products, 'TEA');
    d = applyReceiveScan(d, r, products, '4000000000013');
    expect(d.units).toEqual({ TEA: 2 });
    const over = applyReceiveScan(d, r, products, 'TEA');
    expect(over.units).toEqual({ TEA: 2 });
    expect(over.feedback).toMatchObject({ kind: 'error', code: 'return_exceeds_authorized' });
    expect(applyReceiveScan(d, r, products, 'SOCK').feedback).toMatchObject({ kind: 'error', code: 'not_on_return' });
    expect(receiveBody(d)).toEqual({ lines: [{ sku: 'TEA', quantity: 2 }] });
  });

  it('checks an inspection before sending it', () => {
    const l = ret([{ sku: 'TEA', authorized: 2, received: 2, awaiting_inspection: 2 }]).lines[0];
    expect(inspection(l, 1, 'scrap')).toEqual({ body: { lines: [{ sku: 'TEA', quantity: 1, disposition: 'scrap' }] } });
    expect(inspection(l, 2, 'restock', ' A01-001-1 ')).toEqual({ body: { lines: [{ sku: 'TEA', quantity: 2, disposition: 'restock', location: 'A01-001-1' }] } });
    expect(inspection(l, 1, 'restock')).toMatchObject({ error: { kind: 'error' } });
    expect(inspection(l, 3, 'quarantine')).toMatchObject({ error: { code: 'exceeds_received' } });
    expect(inspection(l, 0, 'quarantine')).toMatchObject({ error: { code: 'invalid_field' } });
  });

  it('reads return numbers and suggests shelves to restock to', () => {
    expect(parseReturnNumber('RMA-12')).toBe(12);
    expect(parseReturnNumber('r5')).toBe(5);
    expect(parseReturnNumber('12')).toBeNull();
    const inv = {
      warehouses: [
        { warehouse: 'MAIN', locations: [{ location: 'A01-001-1', on_hand: 3 }, { location: 'RECV-01', on_hand: 9 }, { location: 'A02-001-2', on_hand: 7 }, { location: 'A01-001-1', on_hand: 1 }] },
        { warehouse: 'EAST', locations: [{ location: 'E01', on_hand: 50 }] },
      ],
    };
    expect(restockSuggestions(inv, 'MAIN', new Set(['RECV-01']))).toEqual(['A02-001-2', 'A01-001-1']);
    expect(restockSuggestions(null, 'MAIN', new Set())).toEqual([]);
  });
});
