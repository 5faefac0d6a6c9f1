import { describe, expect, it } from 'vitest';
import type { Order } from '../api/types';
import { previewTotals, releasedFulfillments } from './wavePreview';

function order(id: number, priority: number, shipBy: string | null, fstatus = 'released', wh = 'MAIN'): Order {
  return {
    id,
    channel: 'web',
    channel_order_id: `O-${id}`,
    status: 'allocated',
    customer: { id: 1, email: '', name: '', phone: null },
    ship_to: { name: '' },
    priority,
    ship_by: shipBy,
    deliver_by: null,
    hold_reason: null,
    created_at: `2026-01-01T00:00:0${id}Z`,
    lines: [{ id, sku: 'S', quantity: 3, unit_price: null, allocated: 2, picked: 0, packed: 0, shipped: 0, backordered: 1, cancelled: 0, returned: 0 }],
    fulfillments: [{ id: id * 10, warehouse: wh, status: fstatus as 'released', carrier: null, service: null, tracking_number: null, tracking_status: null }],
  };
}

describe('wave preview', () => {
  it('orders released fulfillments by priority, ship-by, then age', () => {
    const items = releasedFulfillments(
      [order(1, 0, null), order(2, 5, '2026-01-03T00:00:00Z'), order(3, 5, '2026-01-02T00:00:00Z'), order(4, 9, null, 'picking'), order(5, 9, null, 'released', 'OTHER'), order(6, 0, '2026-01-05T00:00:00Z')],
      'MAIN',
    );
    expect(items.map((i) => i.order_id)).toEqual([3, 2, 6, 1]);
    expect(previewTotals(items.slice(0, 2))).toMatchObject({ fulfillments: 2, orders: 2, units: 4, lines: 2 });
  });
});
