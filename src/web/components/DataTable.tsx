import { DownloadOutlined, FilterOutlined, SettingOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { App, Badge, Button, Checkbox, Popover, Space, Table, type TableColumnsType } from 'antd';
import { type ReactNode, useState } from 'react';
import { COLUMNS_COOKIE } from '#shared/choices.ts';
import { choiceOf, tellServer } from '#web/app/cookies.ts';
import { useT } from '#web/app/i18n.ts';
import { useScreens } from '#web/app/screens.tsx';
import { ErrorAlert } from './Page.tsx';
import { Part } from './Part.tsx';
import { labelCells, PHONE_CARDS } from './phoneCards.tsx';
import { useUrlState } from './useUrlState.ts';
import { downloadXlsx } from './xlsx.ts';

export interface PageOf<T> {
  items: T[];
  total: number;
  /** The server stopped counting at `total`: there are more (shown as "10.000+"). */
  totalCapped?: boolean;
  page: number;
  pageSize: number;
}

export interface Column<T> {
  key: string;
  title: string;
  render?: (row: T) => ReactNode;
  /** Plain value for the spreadsheet export (defaults to row[key]). */
  value?: (row: T) => string | number | null;
  /** Server sort key; the column is sortable when set. */
  sort?: string;
  width?: number | string;
  /**
   * A column the user may hide, and whether it shows until they choose: 'shown', or 'hidden' for detail
   * that would push the columns a task depends on out of a 1280-pixel screen. Without it, always shown.
   */
  optional?: 'shown' | 'hidden';
}

type ColumnChoices = Record<string, Record<string, boolean>>;

function columnChoices(): ColumnChoices {
  try {
    const all = JSON.parse(choiceOf(COLUMNS_COOKIE) ?? '{}') as unknown;
    return all && typeof all === 'object' ? (all as ColumnChoices) : {};
  } catch {
    return {};
  }
}

/**
 * The user's choice of optional columns, per table, kept in this browser as a cookie: the server draws
 * the table with the same columns (`draw.tsx`).
 */
function useColumnChoice(table: string, columns: Array<Column<never>>) {
  const [chosen, setChosen] = useState<Record<string, boolean>>(() => columnChoices()[table] ?? {});
  const visible = (c: Column<never>) => !c.optional || (chosen[c.key] ?? c.optional === 'shown');
  const toggle = (key: string, on: boolean) => {
    const next = { ...chosen, [key]: on };
    setChosen(next);
    tellServer(COLUMNS_COOKIE, JSON.stringify({ ...columnChoices(), [table]: next }));
  };
  return { visible, toggle, any: columns.some((c) => c.optional) };
}

interface Props<T> {
  queryKey: unknown[];
  fetchPage(params: { page: number; pageSize: number; sort?: string }): Promise<PageOf<T>>;
  columns: Column<T>[];
  rowKey: keyof T & string;
  exportName: string;
  onRowClick?(row: T): void;
  /** What stays above the list on every screen: its search, a main choice. */
  toolbar?: ReactNode;
  /** The list's other filters: beside the toolbar on a wide screen, folded behind one button on a phone. */
  filters?: ReactNode;
  ariaLabel: string;
}

/**
 * Address parameters that are not a list's filters: what the fold's badge leaves out. The year is the
 * list's period (most lists always have one), not a narrowing the reader might have forgotten.
 */
const NOT_FILTERS = new Set([
  'page',
  'pageSize',
  'sort',
  'q',
  'tab',
  'dialog',
  'item',
  'view',
  'step',
  'year',
]);

const EXPORT_MAX = 10_000;

/**
 * Paging for a table whose rows are all loaded at once but may number a thousand (a province's units):
 * fifty drawn at a time, as drawing them all took seconds.
 */
export const unitsPaging = (t: (key: 'ui.common.total', values: { total: number }) => string) => ({
  defaultPageSize: 50,
  showSizeChanger: true,
  pageSizeOptions: [50, 100, 500],
  hideOnSinglePage: true,
  showTotal: (total: number) => t('ui.common.total', { total }),
});

/** Server-side paginated, sortable table whose state lives in the URL, with an XLSX export of all rows. */
export function DataTable<T extends object>({
  queryKey,
  fetchPage,
  columns,
  rowKey,
  exportName,
  onRowClick,
  toolbar,
  filters,
  ariaLabel,
}: Props<T>) {
  const { t } = useT();
  // On a phone the filters, column choice and export fold behind one button, so the first rows show
  // without scrolling past a stack of boxes.
  const wide = useScreens().md !== false;
  const [unfolded, setUnfolded] = useState(false);
  const shown = wide || !filters || unfolded;
  const { message } = App.useApp();
  const [url, setUrl] = useUrlState();
  const page = Number(url.page ?? 1);
  const pageSize = Number(url.pageSize ?? 20);
  const sort = url.sort;
  const [exporting, setExporting] = useState(false);
  const choice = useColumnChoice(exportName, columns as Array<Column<never>>);
  const q = useQuery({
    queryKey: [...queryKey, page, pageSize, sort],
    queryFn: () => fetchPage({ page, pageSize, sort }),
    placeholderData: keepPreviousData,
  });

  const exportXlsx = async () => {
    setExporting(true);
    try {
      const rows: T[] = [];
      for (let p = 1; rows.length < EXPORT_MAX; p++) {
        const r = await fetchPage({ page: p, pageSize: 200, sort });
        rows.push(...r.items);
        if (r.items.length < 200 || rows.length >= r.total) break;
      }
      // A column without a title holds actions (buttons), never data: no empty column in the sheet.
      const exported = columns.filter((c) => c.title !== '');
      await downloadXlsx(exportName, [
        {
          name: exportName,
          header: exported.map((c) => c.title),
          rows: rows.map((r) =>
            exported.map((c) =>
              c.value
                ? c.value(r)
                : (((r as Record<string, unknown>)[c.key] as string | number | null) ?? ''),
            ),
          ),
        },
      ]);
    } catch {
      message.error(t('ui.common.networkError'));
    } finally {
      setExporting(false);
    }
  };

  // The export keeps every column; the screen shows those chosen.
  const antColumns: TableColumnsType<T> = labelCells(
    columns
      .filter((c) => choice.visible(c as Column<never>))
      .map((c) => ({
        key: c.key,
        title: c.title,
        width: c.width,
        // What a row's task depends on stays in sight however wide the table: its actions pin to the right.
        className: c.key === 'actions' ? 'pin-right' : undefined,
        sorter: !!c.sort,
        sortOrder: c.sort && sort === c.sort ? 'ascend' : c.sort && sort === `-${c.sort}` ? 'descend' : null,
        render: (_: unknown, row: T) =>
          c.render ? c.render(row) : String((row as Record<string, unknown>)[c.key] ?? ''),
      })),
  ).map((c) => ({
    ...c,
    // A long header wraps: a table as wide as its content was as wide as its headers' one-line widths, and
    // a narrow column of wrapped values kept a long name off-screen under the pinned actions (rev29).
    title: typeof c.title === 'string' && c.title ? <span className="th-wrap">{c.title}</span> : c.title,
  }));

  return (
    <div>
      <Part>
        <div className="toolbar">
          {toolbar}
          {!wide && filters && (
            <Badge count={Object.entries(url).filter(([k, v]) => v && !NOT_FILTERS.has(k)).length}>
              <Button
                icon={<FilterOutlined />}
                onClick={() => setUnfolded((o) => !o)}
                aria-expanded={unfolded}
              >
                {t('ui.common.filters')}
              </Button>
            </Badge>
          )}
          {shown && filters}
          <div style={{ flex: 1 }} />
          {shown && choice.any && (
            <Popover
              trigger="click"
              placement="bottomRight"
              title={t('ui.common.columns')}
              content={
                <Space orientation="vertical">
                  {columns.map((c) => (
                    <Checkbox
                      key={c.key}
                      checked={choice.visible(c as Column<never>)}
                      disabled={!c.optional}
                      onChange={(e) => choice.toggle(c.key, e.target.checked)}
                    >
                      {c.title || t('ui.common.actions')}
                    </Checkbox>
                  ))}
                </Space>
              }
            >
              <Button icon={<SettingOutlined />}>{t('ui.common.columns')}</Button>
            </Popover>
          )}
          {shown && (
            <Button
              icon={<DownloadOutlined />}
              onClick={exportXlsx}
              loading={exporting}
              disabled={!q.data?.total}
            >
              {t('ui.common.exportXlsx')}
            </Button>
          )}
        </div>
      </Part>
      <Part>
        {q.error ? (
          <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
        ) : (
          <Table<T>
            aria-label={ariaLabel}
            rowKey={rowKey}
            size="middle"
            loading={q.isFetching}
            columns={antColumns}
            dataSource={q.data?.items ?? []}
            className={`wide-table ${PHONE_CARDS}`}
            locale={{ emptyText: t('ui.common.empty') }}
            onRow={
              onRowClick
                ? (row) => ({ onClick: () => onRowClick(row), style: { cursor: 'pointer' } })
                : undefined
            }
            pagination={{
              current: page,
              pageSize,
              total: q.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [10, 20, 50, 100],
              showTotal: (total) =>
                q.data?.totalCapped
                  ? t('ui.common.totalMore', { total: total.toLocaleString('vi-VN') })
                  : t('ui.common.total', { total }),
            }}
            onChange={(pagination, _filters, sorter) => {
              const s = Array.isArray(sorter) ? sorter[0] : sorter;
              const col = columns.find((c) => c.key === s?.columnKey);
              const nextSort =
                s?.order && col?.sort ? (s.order === 'descend' ? `-${col.sort}` : col.sort) : undefined;
              setUrl(
                {
                  page: String(pagination.current ?? 1),
                  pageSize: String(pagination.pageSize ?? 20),
                  sort: nextSort,
                },
                false,
              );
            }}
          />
        )}
      </Part>
    </div>
  );
}
