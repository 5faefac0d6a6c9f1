import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { Table, type Column } from './Table';

interface Row {
  sku: string;
  units: number;
}

const rows: Row[] = [
  { sku: 'TEA', units: 3 },
  { sku: 'MUG', units: 0 },
];

const columns: (Column<Row> | false)[] = [
  { header: 'SKU', cell: (r) => <a href={`/inventory/${r.sku}`}>{r.sku}</a> },
  { header: 'Units', num: true, class: (r) => r.units === 0 && 'risk', testid: (r) => `units-${r.sku}`, cell: (r) => r.units },
  false,
];

const cells = (tr: Element) => [...tr.children].map((c) => c.textContent);

describe('Table', () => {
  it('draws a heading per column and a row per item, in order, leaving out false columns', () => {
    const { container } = render(<Table testid="t" class="compact" columns={columns} rows={rows} rowKey={(r) => r.sku} rowClass={(r) => r.units > 0 && 'row-done'} />);
    const table = screen.getByTestId('t');
    expect(table.className).toBe('table compact');
    expect(cells(container.querySelector('thead tr')!)).toEqual(['SKU', 'Units']);
    const trs = [...container.querySelectorAll('tbody tr')];
    expect(trs.map(cells)).toEqual([
      ['TEA', '3'],
      ['MUG', '0'],
    ]);
    expect(container.querySelector('thead th:nth-child(2)')!.className).toBe('num');
    expect(screen.getByTestId('units-MUG').className).toBe('num risk');
    expect(screen.getByTestId('units-TEA').className).toBe('num');
    expect(trs[0].className).toBe('row-done');
    expect(trs[1].getAttribute('class')).toBeNull();
  });

  it('says the empty text instead of an empty table, and keeps the headings without one', () => {
    const { container, rerender } = render(<Table columns={columns} rows={[]} rowKey={(r) => r.sku} empty="Nothing here." wrap="scroll-x" />);
    expect(container.querySelector('table')).toBeNull();
    expect(container.querySelector('.scroll-x')).toBeNull();
    expect(screen.getByText('Nothing here.').className).toBe('empty');
    rerender(<Table columns={columns} rows={[]} rowKey={(r) => r.sku} wrap="scroll-x" />);
    expect(container.querySelector('.scroll-x > table thead')).not.toBeNull();
    expect(container.querySelectorAll('tbody tr')).toHaveLength(0);
  });

  it('calls the row click for a click on the row but not on a link in it', () => {
    const onRowClick = vi.fn();
    const { container } = render(<Table columns={columns} rows={rows} rowKey={(r) => r.sku} onRowClick={onRowClick} rowData={(r) => ({ 'data-sku': r.sku })} />);
    const tr = container.querySelector('tr[data-sku=MUG]')!;
    expect(tr.className).toBe('clickable');
    fireEvent.click(tr.children[1]);
    expect(onRowClick).toHaveBeenCalledWith(rows[1]);
    fireEvent.click(screen.getByText('TEA'));
    expect(onRowClick).toHaveBeenCalledTimes(1);
  });

  it('adds a footer only when given one', () => {
    const foot = (
      <tr>
        <td>Total</td>
        <td class="num">3</td>
      </tr>
    );
    const { container, rerender } = render(<Table columns={columns} rows={rows} rowKey={(r) => r.sku} foot={foot} />);
    expect(cells(container.querySelector('tfoot tr')!)).toEqual(['Total', '3']);
    rerender(<Table columns={columns} rows={rows} rowKey={(r) => r.sku} foot={false} />);
    expect(container.querySelector('tfoot')).toBeNull();
  });
});
