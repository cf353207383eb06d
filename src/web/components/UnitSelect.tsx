import { useQuery } from '@tanstack/react-query';
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
  return (
    <Select
      id={props.id}
      aria-label={props['aria-label']}
      mode={props.multiple ? 'multiple' : undefined}
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={props.value}
      onChange={props.onChange}
      placeholder={t('ui.common.searchPlaceholder')}
      loading={units.isFetching}
      options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.name} (${u.code})` }))}
      style={{ width: '100%' }}
    />
  );
}
