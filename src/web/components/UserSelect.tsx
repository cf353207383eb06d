import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { get, qs } from '#web/app/api.ts';
import { useT } from '#web/app/i18n.ts';
import type { PageOf } from './DataTable.tsx';

/** Picks a user in scope by typing part of a name, user name or e-mail. */
export function UserSelect(props: {
  value?: string | string[];
  onChange?: (v: never) => void;
  /** Several people (a team). */
  mode?: 'multiple';
  'aria-label'?: string;
  id?: string;
  placeholder?: string;
  /** Only holders of this role (e.g. the intake officers who may handle a report). */
  withRole?: string;
}) {
  const { t } = useT();
  const [q, setQ] = useState('');
  const users = useQuery({
    queryKey: ['users', 'pick', q, props.withRole],
    queryFn: () =>
      get<PageOf<{ id: string; fullName: string; username: string }>>(
        `/users${qs({ q, pageSize: 30, role: props.withRole })}`,
      ),
  });
  return (
    <Select
      id={props.id}
      aria-label={props['aria-label']}
      allowClear
      mode={props.mode}
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={props.value as never}
      onChange={props.onChange}
      placeholder={props.placeholder ?? t('ui.common.searchPlaceholder')}
      loading={users.isFetching}
      options={(users.data?.items ?? []).map((u) => ({
        value: u.id,
        label: `${u.fullName} (${u.username})`,
      }))}
      style={{ width: '100%' }}
    />
  );
}
