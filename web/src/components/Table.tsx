// The one data table of the app: a column is a heading and how a row fills its cell.
import type { ComponentChildren, JSX } from 'preact';
import { Empty } from './ui';

type Classes = string | false | null | undefined;

export interface Column<T> {
  /** The heading; none for a column of buttons. */
  header?: ComponentChildren;
  /** What the row shows in this column. */
  cell: (row: T, index: number) => ComponentChildren;
  /** Figures: right-aligned in a fixed-width font (class `num`), heading too. */
  num?: boolean;
  /** More classes of the cell: fixed (`mono`, `muted`) or by row (a warning colour). */
  class?: Classes | ((row: T) => Classes);
  /** The cell's tooltip. */
  title?: (row: T) => string | undefined;
  /** The cell's data-testid. */
  testid?: (row: T) => string;
}

export interface TableProps<T> {
  /** `false` (or null) leaves a column out, e.g. one the role may not see. */
  columns: (Column<T> | false | null | undefined)[];
  rows: readonly T[];
  rowKey: (row: T, index: number) => string | number;
  /** Shown instead of the table when there are no rows; without it the headings stay. */
  empty?: ComponentChildren;
  /** More classes of the table (`compact`, or a screen's own). */
  class?: string;
  testid?: string;
  /** A div around the table (`scroll-x`, `scroll-y`); the empty text stands outside it. */
  wrap?: string;
  /** More classes of a row (`row-done`, `row-late`, …). */
  rowClass?: (row: T, index: number) => Classes;
  /** Data attributes of a row (`data-wave`), for tests and scripts. */
  rowData?: (row: T) => Record<`data-${string}`, string | number>;
  /** A click anywhere on the row (not on a link or button in it); the row shows it can be clicked. */
  onRowClick?: (row: T) => void;
  /** Rows of a footer (totals). */
  foot?: ComponentChildren;
}

const joined = (...cs: Classes[]) => cs.filter(Boolean).join(' ') || undefined;

export function Table<T>(props: TableProps<T>) {
  const { rows, onRowClick } = props;
  if (rows.length === 0 && props.empty !== undefined) return <Empty>{props.empty}</Empty>;
  const columns = props.columns.filter((c): c is Column<T> => !!c);
  const table = (
    <table class={joined('table', props.class)} data-testid={props.testid}>
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={i} class={c.num ? 'num' : undefined}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, r) => {
          const click: JSX.MouseEventHandler<HTMLTableRowElement> | undefined = onRowClick
            ? (e) => {
                if (!(e.target as HTMLElement).closest('a, button, input, select')) onRowClick(row);
              }
            : undefined;
          return (
            <tr key={props.rowKey(row, r)} class={joined(props.rowClass?.(row, r), onRowClick && 'clickable')} onClick={click} {...props.rowData?.(row)}>
              {columns.map((c, i) => (
                <td
                  key={i}
                  class={joined(c.num && 'num', typeof c.class === 'function' ? c.class(row) : c.class)}
                  title={c.title?.(row)}
                  data-testid={c.testid?.(row)}
                >
                  {c.cell(row, r)}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
      {props.foot ? <tfoot>{props.foot}</tfoot> : null}
    </table>
  );
  return props.wrap ? <div class={props.wrap}>{table}</div> : table;
}
