import { useQueries, useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { get, qs } from '#web/app/api.ts';
import { useT } from '#web/app/i18n.ts';
import type { PageOf } from './DataTable.tsx';

export interface UnitOption {
  id: string;
  code: string;
  name: string;
  status: string;
}

/** Picks units in the user's scope by typing part of a name or code, diacritics optional. */
export function UnitSelect(props: {
  value?: string | string[];
  onChange?: (v: string | string[]) => void;
  multiple?: boolean;
  id?: string;
  'aria-label'?: string;
  activeOnly?: boolean;
  /** Says what picking does where it filters a list ("Lọc theo đơn vị"), not what typing does. */
  placeholder?: string;
}) {
  const { t } = useT();
  const [q, setQ] = useState('');
  const units = useQuery({
    queryKey: ['units', 'pick', q, props.activeOnly],
    queryFn: () =>
      get<PageOf<UnitOption>>(
        `/units${qs({ q, pageSize: 30, sort: 'name', status: props.activeOnly === false ? undefined : 'active' })}`,
      ),
  });
  // A chosen unit outside the current search page (a default, or one picked before a new search) is
  // looked up by id, so the field shows its name and never the raw id.
  const listed = new Set((units.data?.items ?? []).map((u) => u.id));
  const chosen = (Array.isArray(props.value) ? props.value : props.value ? [props.value] : []).filter(
    (id) => !listed.has(id),
  );
  const extra = useQueries({
    queries: chosen.map((id) => ({
      queryKey: ['units', 'one', id],
      queryFn: () => get<UnitOption>(`/units/${id}`),
      staleTime: 60_000,
    })),
  });
  const options = [
    ...(units.data?.items ?? []),
    ...extra.flatMap((x) => (x.data && !listed.has(x.data.id) ? [x.data] : [])),
  ].map((u) => ({ value: u.id, label: `${u.name} (${u.code})` }));
  return (
    <Select
      id={props.id}
      aria-label={props['aria-label']}
      mode={props.multiple ? 'multiple' : undefined}
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={props.value}
      onChange={props.onChange}
      placeholder={props.placeholder ?? t('ui.common.searchPlaceholder')}
      loading={units.isFetching}
      options={options}
      style={{ width: '100%' }}
    />
  );
}
