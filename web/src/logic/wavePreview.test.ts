import { describe, expect, it } from 'vitest';
import type { Order } from '../api/types';
import { previewTotals, releasedFulfillments, waveProgress } from './wavePreview';

function order(id: number, priority: number, shipBy: string | null, fstatus = 'released', wh = 'MAIN'): Order {
  return {
    id,
    channel: 'web',
    channel_order_id: `O-${id}`,
    status: 'allocated',
    customer: { id: 1, email: '', name: '', phone: null },
    ship_to: { name: '', line1: '', city: '', postal_code: '', country: '' },
    tracking_token: '',
    priority,
    ship_by: shipBy,
    deliver_by: null,
    hold_reason: null,
    created_at: `2026-01-01T00:00:0${id}Z`,
    lines: [{ id, sku: 'S', quantity: 3, unit_price: null, allocated: 2, picked: 0, packed: 0, shipped: 0, backordered: 1, cancelled: 0, returned: 0 }],
    fulfillments: [{ id: id * 10, warehouse: wh, status: fstatus as 'released', carrier: null, service: null, tracking_number: null, tracking_status: null }],
  };
}

const orders = [order(1, 0, null), order(2, 5, '2026-01-03T00:00:00Z'), order(3, 5, '2026-01-02T00:00:00Z'), order(4, 9, null, 'picking'), order(5, 9, null, 'released', 'OTHER'), order(6, 0, '2026-01-05T00:00:00Z')];

describe('wave preview', () => {
  it('orders released fulfillments by priority, ship-by, then age', () => {
    const items = releasedFulfillments(orders, 'MAIN');
    expect(items.map((i) => i.order_id)).toEqual([3, 2, 6, 1]);
    expect(previewTotals(items.slice(0, 2))).toMatchObject({ fulfillments: 2, orders: 2, units: 4, lines: 2 });
  });

  it('takes the set and the units from the fulfillments list when given (split orders too)', () => {
    const f = (id: number, order_id: number, allocated: number[], status = 'released', warehouse = 'MAIN') => ({
      id,
      order_id,
      warehouse,
      status: status as 'released',
      lines: allocated.map((a, i) => ({ sku: `S${i}`, quantity: a, allocated: a, picked: 0, packed: 0, shipped: 0 })),
    });
    const items = releasedFulfillments(orders, 'MAIN', [f(10, 1, [1, 2]), f(20, 2, [5]), f(21, 2, [1]), f(30, 3, [4], 'picking'), f(99, 77, [3]), f(50, 5, [1], 'released', 'OTHER')]);
    expect(items.map((i) => i.fulfillment_id)).toEqual([20, 21, 10, 99]); // an order not read sorts last
    expect(items.find((i) => i.fulfillment_id === 10)).toMatchObject({ units: 3, lines: 2, channel_order_id: 'O-1' });
    expect(items.find((i) => i.fulfillment_id === 99)).toMatchObject({ channel_order_id: '#77', priority: 0 });
    expect(previewTotals(items).unknown).toBe(0);
  });

  it('sums the progress of a wave from its pick lists', () => {
    const line = (status: string, quantity: number, picked: number, short = 0) => ({ status, quantity, picked, short });
    const p = waveProgress([
      { status: 'done', lines: [line('done', 2, 2), line('short', 3, 1, 2)] },
      { status: 'open', lines: [line('open', 4, 0), line('done', 1, 1)] },
    ]);
    expect(p).toEqual({ lists: 2, openLists: 1, lines: 4, linesDone: 3, units: 10, unitsPicked: 4, short: 2, done: false });
  });
});
