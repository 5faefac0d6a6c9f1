import { describe, expect, it } from 'vitest';
import { allPacked, applyPackScan, expectedWeight, initialPackState, newPackage, packBody, remainingToPack, updatePackage } from './packScan';

const lines = [
  { sku: 'SKU-1', picked: 2 },
  { sku: 'SKU-2', picked: 1 },
];
const products = { 'SKU-1': { sku: 'SKU-1', barcodes: ['111'] }, 'SKU-2': { sku: 'SKU-2', barcodes: ['222'] } };

describe('pack scans', () => {
  it('puts scanned units into the current package up to what was picked', () => {
    let s = initialPackState('M');
    s = applyPackScan(s, lines, products, '111');
    s = applyPackScan(s, lines, products, 'SKU-1');
    expect(remainingToPack(s, lines, 'SKU-1')).toBe(0);
    const over = applyPackScan(s, lines, products, '111');
    expect(over.feedback).toMatchObject({ kind: 'error', code: 'over_pack' });
    expect(over.packages).toEqual(s.packages);
    expect(applyPackScan(s, lines, products, '999').feedback?.code).toBe('wrong_product');
    expect(allPacked(s, lines)).toBe(false);
    s = newPackage(s, 'S');
    s = applyPackScan(s, lines, products, '222');
    expect(allPacked(s, lines)).toBe(true);
    s = updatePackage(s, 1, { weight: '350' });
    expect(packBody(s)).toEqual({
      packages: [
        { box: 'M', items: [{ sku: 'SKU-1', quantity: 2 }] },
        { box: 'S', weight_g: 350, items: [{ sku: 'SKU-2', quantity: 1 }] },
      ],
    });
  });

  it('computes the expected weight with the tare', () => {
    const s = applyPackScan(initialPackState(null), lines, products, '111');
    expect(expectedWeight(s.packages[0], { 'SKU-1': 200 }, 60)).toBe(260);
    expect(expectedWeight(s.packages[0], {}, 60)).toBeNull();
  });
});
