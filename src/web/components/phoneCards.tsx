import type { TableColumnsType } from 'antd';
import type { ReactNode, TdHTMLAttributes } from 'react';

/**
 * A list on a phone is a stack of cards, one per row, each value beside its column's name and the row's
 * actions at its foot: a table scrolled sideways showed two or three columns of seven, with approve and
 * refuse off-screen and nothing saying more was there. Plain CSS on the drawn page (`.cards-on-phone`
 * below 600 px, styles.css), so it needs no script: each cell carries its column's name, and its value
 * is one element beside it however many parts (text, tags) it has.
 */
export const PHONE_CARDS = 'cards-on-phone';

/**
 * `heading`: the key of a column that heads each card without its name, as a tree's first column does
 * (its row's indent and expand button sit beside the value).
 */
export type CardColumns<T> = Array<TableColumnsType<T>[number] & { cardLabel?: string }>;

export function labelCells<T>(columns: CardColumns<T>, heading?: string): TableColumnsType<T> {
  const withClass = (c: TableColumnsType<T>[number], name: string) => ({
    ...c,
    className: [c.className, name].filter(Boolean).join(' '),
  });
  return columns.map(({ cardLabel, ...c }) => {
    // A header that is not plain text (an abbreviation with its full name on hover) names its cards'
    // lines by `cardLabel`.
    const label = cardLabel ?? (typeof c.title === 'string' ? c.title : '');
    if (heading && c.key === heading) return withClass(c, 'card-heading');
    if (!label || c.key === 'actions') return withClass(c, 'card-actions');
    const own = c.onCell;
    const render = c.render;
    // The cell's content once per row and pass: `onCell` reads it to mark an empty field, `render` draws
    // it (columns are made anew on each render, so nothing stale is kept).
    const drawn = new WeakMap<object, ReactNode>();
    const shown = (value: unknown, row: T, index: number) => {
      const key = row as object;
      if (!drawn.has(key)) drawn.set(key, (render ? render(value, row, index) : value) as ReactNode);
      return drawn.get(key);
    };
    return {
      ...c,
      onCell: (row: T, index?: number) => {
        const cell = own?.(row, index);
        const value =
          'dataIndex' in c && typeof c.dataIndex === 'string'
            ? (row as Record<string, unknown>)[c.dataIndex]
            : undefined;
        // Left out of a phone's card when there is nothing to show (an empty field's name alone).
        const empty = isEmpty(shown(value, row, index ?? 0));
        return {
          ...cell,
          className:
            [cell?.className, empty ? 'card-empty' : undefined].filter(Boolean).join(' ') || undefined,
          'data-label': label,
        } as TdHTMLAttributes<HTMLElement>;
      },
      render: (value: unknown, row: T, index: number) => (
        <div className="card-value">{shown(value, row, index)}</div>
      ),
    };
  });
}

const isEmpty = (node: ReactNode) => node === null || node === undefined || node === false || node === '';
