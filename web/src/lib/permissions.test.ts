import { describe, expect, it } from 'vitest';
import { can, canSee } from './permissions';

describe('roles', () => {
  it('follows the role table', () => {
    expect(can('viewer', 'waves.create')).toBe(false);
    expect(can('operator', 'picks.confirm')).toBe(true);
    expect(can('operator', 'waves.create')).toBe(false);
    expect(can('integration', 'orders.cancel')).toBe(true);
    expect(can('integration', 'orders.hold')).toBe(false);
    expect(can('manager', 'inventory.adjust')).toBe(true);
    expect(can('admin', 'counts.decide')).toBe(true);
    expect(can(null, 'documents.read')).toBe(false);
    expect(canSee('viewer', 'handheld')).toBe(false);
    expect(canSee('operator', 'handheld')).toBe(true);
    expect(can('integration', 'returns.create')).toBe(true);
    expect(can('operator', 'returns.create')).toBe(false);
    expect(can('operator', 'returns.work')).toBe(true);
    expect(can('operator', 'planning.order')).toBe(false);
    expect(can('manager', 'planning.order')).toBe(true);
    expect(can('operator', 'counts.decide')).toBe(false);
    expect(canSee('viewer', 'reports')).toBe(true);
    expect(canSee('viewer', 'planning')).toBe(true);
  });
});
