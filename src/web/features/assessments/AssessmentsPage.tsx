import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Checkbox, Form, Input, Select, Table, Tabs } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { communeLevel } from '#shared/org/schemas.ts';
import { api, get, qs } from '#web/app/api.ts';
import { formatDate, formatNumber } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { useSession } from '#web/app/session.tsx';
import { DataTable, type PageOf } from '#web/components/DataTable.tsx';
import { FormModal } from '#web/components/FormModal.tsx';
import { NumberInput } from '#web/components/NumberInput.tsx';
import { PageHeader, QueryState } from '#web/components/Page.tsx';
import { labelCells, PHONE_CARDS } from '#web/components/phoneCards.tsx';
import { StatusTag } from '#web/components/StatusTag.tsx';
import { UnitSelect } from '#web/components/UnitSelect.tsx';
import { UserSelect } from '#web/components/UserSelect.tsx';
import { useUrlState } from '#web/components/useUrlState.ts';
import { Wrap } from '#web/components/Wrap.tsx';
import { type AssessmentRow, assessmentTone, type CampaignRow, campaignTone } from './types.ts';

interface Framework {
  id: string;
  code: string;
  nameVi: string;
  nameEn: string;
  versionId: string;
  version: number;
  status: string;
}

export function useFrameworks() {
  return useQuery({
    queryKey: ['frameworks'],
    queryFn: () => get<Framework[]>('/frameworks'),
    staleTime: 600_000,
  });
}

/** In the Vietnamese alphabet (Ă after A, Đ after D), tone marks only breaking ties. */
const byVietnamese = new Intl.Collator('vi', { sensitivity: 'base' }).compare;

export default function AssessmentsPage() {
  const { t, lang } = useT();
  const navigate = useNavigate();
  const { canAnywhere } = useSession();
  const [url, setUrl] = useUrlState<'tab'>();
  const [creating, setCreating] = useState(false);
  const frameworks = useFrameworks();
  const fwName = (code: string) => {
    const f = frameworks.data?.find((x) => x.code === code);
    return f ? (lang === 'vi' ? f.nameVi : f.nameEn) : code;
  };
  const manage = canAnywhere('assessments.manage');
  const reviews = manage || canAnywhere('assessments.review');
  const self = canAnywhere('assessments.self');
  const mine = useQuery({
    queryKey: ['assessments', 'mine'],
    queryFn: () => get<AssessmentRow[]>('/assessments?mine=true'),
    enabled: self,
  });
  const tabs = [
    reviews && {
      key: 'campaigns',
      label: t('ui.assess.tabCampaigns'),
      children: (
        <DataTable<CampaignRow>
          ariaLabel={t('ui.assess.tabCampaigns')}
          queryKey={['campaigns']}
          rowKey="id"
          exportName="dot-danh-gia"
          fetchPage={(p) =>
            get<PageOf<CampaignRow>>(`/campaigns${qs({ page: p.page, pageSize: p.pageSize })}`)
          }
          onRowClick={(c) => navigate(`/campaigns/${c.id}`)}
          columns={[
            { key: 'year', title: t('ui.plans.year'), width: 80 },
            // Long names wrap: the list's status, due date and progress stay in sight at 1280 px (rev29).
            { key: 'title', title: t('ui.common.name'), render: (c) => <Wrap width={300}>{c.title}</Wrap> },
            {
              key: 'frameworkCode',
              title: t('ui.assess.framework'),
              // The campaign's name says its framework; shown on choice so due date and progress fit.
              optional: 'hidden',
              render: (c) => <Wrap width={220}>{fwName(c.frameworkCode)}</Wrap>,
              value: (c) => fwName(c.frameworkCode),
            },
            {
              key: 'unitName',
              title: t('ui.assess.runBy'),
              optional: 'shown',
              render: (c) => <Wrap width={140}>{c.unitName}</Wrap>,
            },
            {
              key: 'status',
              title: t('ui.common.status'),
              render: (c) => (
                <StatusTag tone={campaignTone[c.status as keyof typeof campaignTone] ?? 'muted'}>
                  {t(`ui.assess.campaignStatus.${c.status}`)}
                </StatusTag>
              ),
              value: (c) => t(`ui.assess.campaignStatus.${c.status}`),
            },
            {
              key: 'selfDue',
              title: t('ui.assess.selfDue'),
              render: (c) => formatDate(c.selfDue),
              value: (c) => formatDate(c.selfDue),
            },
            {
              key: 'progress',
              title: t('ui.assess.progress'),
              render: (c) =>
                `${c.submitted}/${c.assessments} · ${t('ui.assess.finalisedCount', { n: c.finalised })}`,
              value: (c) => `${c.submitted}/${c.assessments}`,
            },
          ]}
        />
      ),
    },
    self && {
      key: 'mine',
      label: t('ui.assess.tabMine'),
      children: (
        <QueryState
          isLoading={mine.isLoading}
          error={mine.error}
          isEmpty={mine.data?.length === 0}
          onRetry={() => void mine.refetch()}
        >
          <Table<AssessmentRow>
            rowKey="id"
            pagination={false}
            dataSource={mine.data ?? []}
            scroll={{ x: true }}
            className={PHONE_CARDS}
            columns={labelCells<AssessmentRow>([
              { dataIndex: 'year', title: t('ui.plans.year'), sorter: (a, b) => a.year - b.year },
              {
                dataIndex: 'campaignTitle',
                title: t('ui.common.name'),
                sorter: (a, b) => byVietnamese(a.campaignTitle, b.campaignTitle),
                render: (_, a) => <Link to={`/assessments/${a.id}`}>{a.campaignTitle}</Link>,
              },
              {
                dataIndex: 'unitName',
                title: t('ui.common.unit'),
                sorter: (a, b) => byVietnamese(a.unitName, b.unitName),
              },
              {
                dataIndex: 'status',
                title: t('ui.common.status'),
                sorter: (a, b) => a.status.localeCompare(b.status),
                render: (_, a) => (
                  <StatusTag tone={assessmentTone[a.status as keyof typeof assessmentTone] ?? 'muted'}>
                    {t(`ui.assess.status.${a.status}`)}
                  </StatusTag>
                ),
              },
              {
                dataIndex: 'selfDue',
                title: t('ui.assess.selfDue'),
                sorter: (a, b) => (a.selfDue ?? '9999').localeCompare(b.selfDue ?? '9999'),
                render: (v: string | null) => formatDate(v),
              },
              {
                dataIndex: 'selfTotal',
                title: t('ui.assess.selfTotal'),
                sorter: (a, b) => a.selfTotal - b.selfTotal,
                // Nothing answered yet is not a score of 0 (issue 17 §12).
                render: (v: number, a) => (a.answered === 0 ? '—' : formatNumber(v, lang)),
              },
              {
                dataIndex: 'reviewTotal',
                title: t('ui.assess.reviewTotal'),
                sorter: (a, b) => (a.reviewTotal ?? -1) - (b.reviewTotal ?? -1),
                render: (v: number | null) => (v === null ? '—' : formatNumber(v, lang)),
              },
            ])}
          />
        </QueryState>
      ),
    },
  ].filter(Boolean) as Array<{ key: string; label: string; children: React.ReactNode }>;
  return (
    <>
      <PageHeader
        title={t('ui.assess.title')}
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('ui.assess.create')}
            </Button>
          )
        }
      />
      <Tabs activeKey={url.tab ?? tabs[0]?.key} onChange={(tab) => setUrl({ tab }, false)} items={tabs} />
      <CreateCampaign
        open={creating}
        onClose={() => setCreating(false)}
        onDone={(id) => navigate(`/campaigns/${id}`)}
      />
    </>
  );
}

interface CreateValues {
  versionId: string;
  title: string;
  year: number;
  unitId: string;
  parentId: string;
  unitTypes: string[];
  reviewerId?: string;
}

function CreateCampaign({
  open,
  onClose,
  onDone,
}: {
  open: boolean;
  onClose(): void;
  onDone(id: string): void;
}) {
  const { t, lang } = useT();
  const { currentUnitId } = useSession();
  const [form] = Form.useForm<CreateValues>();
  const frameworks = useFrameworks();
  return (
    <FormModal<CreateValues>
      open={open}
      title={t('ui.assess.create')}
      form={form}
      initialValues={{
        year: new Date().getFullYear(),
        unitId: currentUnitId,
        parentId: currentUnitId,
        unitTypes: ['department', ...communeLevel],
      }}
      onClose={onClose}
      onSubmit={async (v) => {
        const out = await api<{ id: string }>('POST', '/campaigns', {
          versionId: v.versionId,
          title: v.title,
          year: v.year,
          unitId: v.unitId,
          unitIds: [v.parentId],
          subtrees: true,
          unitTypes: v.unitTypes,
          reviewerIds: v.reviewerId ? [v.reviewerId] : [],
        });
        onDone(out.id);
      }}
    >
      <Form.Item
        name="versionId"
        label={t('ui.assess.framework')}
        rules={[{ required: true, message: t('field.required') }]}
      >
        <Select
          options={(frameworks.data ?? [])
            .filter((f) => f.status === 'published')
            .map((f) => ({
              value: f.versionId,
              label: `${lang === 'vi' ? f.nameVi : f.nameEn} (v${f.version})`,
            }))}
        />
      </Form.Item>
      <Form.Item
        name="title"
        label={t('ui.common.name')}
        rules={[{ required: true, message: t('field.required') }]}
      >
        <Input maxLength={300} />
      </Form.Item>
      <Form.Item
        name="year"
        label={t('ui.plans.year')}
        rules={[{ required: true, message: t('field.required') }]}
      >
        <NumberInput min={2000} precision={0} max={2100} />
      </Form.Item>
      <Form.Item
        name="unitId"
        label={t('ui.assess.runBy')}
        rules={[{ required: true, message: t('field.required') }]}
      >
        <UnitSelect />
      </Form.Item>
      <Form.Item
        name="parentId"
        label={t('ui.assess.assessedUnder')}
        rules={[{ required: true, message: t('field.required') }]}
      >
        <UnitSelect />
      </Form.Item>
      <Form.Item name="unitTypes" label={t('ui.assess.unitTypes')}>
        <Checkbox.Group
          options={(['department', ...communeLevel, 'sub_unit', 'enterprise'] as const).map((k) => ({
            value: k,
            label: t(`unitType.${k}`),
          }))}
        />
      </Form.Item>
      <Form.Item name="reviewerId" label={t('ui.assess.reviewer')}>
        <UserSelect withRole="reviewer" />
      </Form.Item>
    </FormModal>
  );
}
