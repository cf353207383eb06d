import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Descriptions, Drawer, Select, Space, Table } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { auditActionLabel, auditActions, auditEntities, auditEntityLabel } from '#shared/audit/catalogue.ts';
import { auditFieldLabel } from '#shared/audit/fields.ts';
import { walksAuditChain } from '#shared/permissions.ts';
import { ApiError, get, qs } from '#web/app/api.ts';
import { formatDateTime } from '#web/app/format.ts';
import { labelOf, useT } from '#web/app/i18n.ts';
import { useSession } from '#web/app/session.tsx';
import { DataTable, type PageOf } from '#web/components/DataTable.tsx';
import { PageHeader } from '#web/components/Page.tsx';
import { UnitSelect } from '#web/components/UnitSelect.tsx';
import { UserSelect } from '#web/components/UserSelect.tsx';
import { useUrlState } from '#web/components/useUrlState.ts';
import { Wrap } from '#web/components/Wrap.tsx';
import { auditCodePrefix, auditValueText } from './values.ts';

interface AuditEvent {
  seq: number;
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string;
  entityName: string | null;
  unitId: string | null;
  unitName: string | null;
  changes: Record<string, unknown>;
  valueNames: Record<string, string>;
  requestId: string | null;
}

interface ChainReport {
  ok: boolean;
  checked: number;
  firstBad?: { seq: number; problem: string };
}

export default function AuditPage() {
  const { t, lang } = useT();
  const { actor, canAnywhere } = useSession();
  const [url, setUrl] = useUrlState<'action' | 'entityType' | 'from' | 'to' | 'actorId' | 'unitId'>();
  const [selected, setSelected] = useState<AuditEvent | null>(null);
  const [report, setReport] = useState<ChainReport | ApiError | null>(null);
  const [verifying, setVerifying] = useState(false);
  const mayVerify = walksAuditChain(actor);
  const filters = {
    action: url.action,
    entityType: url.entityType,
    from: url.from,
    to: url.to,
    actorId: url.actorId,
  };

  const verify = async () => {
    setVerifying(true);
    try {
      setReport(await get<ChainReport>('/audit/verify'));
    } catch (e) {
      setReport(e instanceof ApiError ? e : null);
    } finally {
      setVerifying(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('ui.audit.title')}
        extra={
          mayVerify && (
            <Space wrap>
              <Button icon={<SafetyCertificateOutlined />} onClick={verify} loading={verifying}>
                {t('ui.audit.verify')}
              </Button>
              {/* A copy kept off this machine is what shows a trimmed checkpoint file (ADR 0003). */}
              <Button href="/api/audit/checkpoints" download>
                {t('ui.audit.checkpoints')}
              </Button>
            </Space>
          )
        }
      />
      {report && (
        <Alert
          style={{ marginBottom: 16 }}
          showIcon
          role="status"
          type={report instanceof ApiError ? 'error' : report.ok ? 'success' : 'error'}
          message={
            report instanceof ApiError
              ? report.message
              : report.ok
                ? t('ui.audit.intact', { count: report.checked })
                : t('ui.audit.broken', { seq: report.firstBad!.seq, problem: report.firstBad!.problem })
          }
        />
      )}
      <DataTable<AuditEvent>
        ariaLabel={t('ui.audit.title')}
        queryKey={['audit', filters]}
        rowKey="id"
        exportName="nhat-ky"
        fetchPage={(p) =>
          get<PageOf<AuditEvent>>(
            `/audit/events${qs({ ...filters, page: p.page, pageSize: p.pageSize, sort: p.sort })}`,
          )
        }
        onRowClick={setSelected}
        filters={
          <>
            <Select
              aria-label={t('ui.audit.action')}
              placeholder={t('ui.audit.action')}
              value={url.action}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              onChange={(v) => setUrl({ action: v })}
              options={auditActions.map((a) => ({ value: a, label: auditActionLabel(lang, a) }))}
              style={{ width: 240 }}
            />
            <Select
              aria-label={t('ui.audit.entity')}
              placeholder={t('ui.audit.entity')}
              value={url.entityType}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              onChange={(v) => setUrl({ entityType: v })}
              options={auditEntities.map((k) => ({ value: k, label: auditEntityLabel(lang, k) }))}
              style={{ width: 200 }}
            />
            {canAnywhere('users.read') && (
              <div style={{ width: 220 }}>
                <UserSelect
                  aria-label={t('ui.audit.actor')}
                  placeholder={t('ui.audit.actor')}
                  value={url.actorId}
                  onChange={(v) => setUrl({ actorId: v })}
                />
              </div>
            )}
            <div style={{ width: 220 }}>
              <UnitSelect
                aria-label={t('ui.common.unit')}
                placeholder={t('ui.common.filterByUnit')}
                value={url.unitId}
                onChange={(v) => setUrl({ unitId: v as string })}
                activeOnly={false}
              />
            </div>
            <DatePicker.RangePicker
              aria-label={t('ui.common.date')}
              format="DD/MM/YYYY"
              value={url.from && url.to ? [dayjs(url.from), dayjs(url.to)] : null}
              onChange={(r) =>
                setUrl({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })
              }
            />
          </>
        }
        columns={[
          {
            key: 'at',
            title: t('ui.audit.at'),
            sort: 'at',
            render: (e) => formatDateTime(e.at),
            value: (e) => formatDateTime(e.at),
          },
          {
            key: 'action',
            title: t('ui.audit.action'),
            // Wraps: the actor stays in sight at 1280 px beside a long action ("Quyết định biện pháp …").
            render: (e) => <Wrap width={220}>{auditActionLabel(lang, e.action)}</Wrap>,
            value: (e) => auditActionLabel(lang, e.action),
          },
          {
            key: 'entityType',
            title: t('ui.audit.entity'),
            // A long campaign title must not push the actor off a 1280 px screen: cut, with the whole in a tooltip.
            render: (e) => {
              // A record no module names (a file, a recommendation) is said by its kind; its id is in the
              // event's details, not in the list (sec31 re-test: "Chức vụ 72b98a80").
              const name = `${auditEntityLabel(lang, e.entityType)}${e.entityName ? ` ${e.entityName}` : ''}`;
              return (
                <span
                  title={name}
                  style={{
                    display: 'inline-block',
                    maxWidth: 300,
                    overflow: 'hidden',
                    textOverflow: 'ellipsis',
                    whiteSpace: 'nowrap',
                    verticalAlign: 'bottom',
                  }}
                >
                  {name}
                </span>
              );
            },
            value: (e) => `${auditEntityLabel(lang, e.entityType)} ${e.entityName ?? e.entityId}`,
          },
          {
            key: 'unitName',
            title: t('ui.common.unit'),
            render: (e) => <Wrap width={180}>{e.unitName ?? t('ui.audit.system')}</Wrap>,
          },
          {
            key: 'actorName',
            title: t('ui.audit.actor'),
            render: (e) => e.actorName ?? t('ui.audit.system'),
          },
        ]}
      />
      <Drawer
        open={!!selected}
        onClose={() => setSelected(null)}
        title={selected ? auditActionLabel(lang, selected.action) : ''}
        size={560}
      >
        {selected && (
          <>
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label="#">{selected.seq}</Descriptions.Item>
              <Descriptions.Item label={t('ui.audit.at')}>{formatDateTime(selected.at)}</Descriptions.Item>
              <Descriptions.Item
                label={t('ui.audit.entity')}
              >{`${auditEntityLabel(lang, selected.entityType)} ${selected.entityName ?? selected.entityId}`}</Descriptions.Item>
              <Descriptions.Item label={t('ui.common.unit')}>
                {selected.unitName ?? t('ui.audit.system')}
              </Descriptions.Item>
              <Descriptions.Item label={t('ui.audit.actor')}>
                {selected.actorName ?? t('ui.audit.system')}
              </Descriptions.Item>
              <Descriptions.Item label={t('ui.audit.requestId')}>
                {selected.requestId ?? ''}
              </Descriptions.Item>
            </Descriptions>
            <h2 style={{ fontSize: 16, marginTop: 16 }}>{t('ui.audit.changes')}</h2>
            <Table
              size="small"
              pagination={false}
              rowKey="key"
              aria-label={t('ui.audit.changes')}
              dataSource={Object.entries(selected.changes).map(([field, v]) => {
                const prefix = auditCodePrefix(selected.entityType, field);
                const text = (x: unknown) =>
                  auditValueText(
                    x,
                    selected.valueNames,
                    lang,
                    [t('ui.common.yes'), t('ui.common.no')],
                    prefix ? (c) => labelOf(t, prefix, c) : undefined,
                  );
                // A change is kept as [before, after]; a value alone is what the record was given.
                const pair = Array.isArray(v) && v.length === 2;
                return {
                  key: field,
                  field: auditFieldLabel(lang, field),
                  before: pair ? text(v[0]) : '',
                  after: pair ? text(v[1]) : text(v),
                };
              })}
              columns={[
                { key: 'field', dataIndex: 'field', title: t('ui.audit.field') },
                { key: 'before', dataIndex: 'before', title: t('ui.audit.before') },
                { key: 'after', dataIndex: 'after', title: t('ui.audit.after') },
              ]}
            />
          </>
        )}
      </Drawer>
    </>
  );
}
