import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Form,
  Input,
  Row,
  Select,
  Space,
  Table,
  Upload,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { z } from 'zod';
import {
  type AssetItem,
  changes,
  type DeclarationContent,
  problems as missing,
  type Person,
  summarise,
} from '#shared/declarations/content.ts';
import { type AssetGroup, formDefinitions, nd130 } from '#shared/declarations/form.ts';
import type { Declaration } from '#shared/declarations/schemas.ts';
import { ApiError, api, errorText, get } from '#web/app/api.ts';
import { formatDate, formatVnd } from '#web/app/format.ts';
import { useT } from '#web/app/i18n.ts';
import { DateInput } from '#web/components/DateInput.tsx';
import { FormModal } from '#web/components/FormModal.tsx';
import { NumberInput } from '#web/components/NumberInput.tsx';
import { PageHeader, QueryState } from '#web/components/Page.tsx';
import { Wrap } from '#web/components/Wrap.tsx';
import { DeclarationStatus } from './DeclarationsPage.tsx';

type View = z.infer<typeof Declaration>;
type Content = DeclarationContent;

const personFields = [
  'fullName',
  'birthDate',
  'position',
  'workplace',
  'residence',
  'idNumber',
  'idIssued',
] as const;
const shortPerson = ['fullName', 'birthDate', 'residence', 'idNumber'] as const;

/** Part I: one person's general information, as inputs (or as text once it cannot change). */
function PersonFields({
  value,
  fields,
  onChange,
  readOnly,
  errorsAt,
  idPrefix,
}: {
  idPrefix: string;
  value: Person;
  fields: readonly (typeof personFields)[number][];
  onChange(p: Person): void;
  readOnly: boolean;
  errorsAt: (f: string) => string | undefined;
}) {
  const { t } = useT();
  return (
    <Row gutter={12}>
      {fields.map((f) => (
        <Col xs={24} md={12} key={f}>
          <Form.Item
            htmlFor={`${idPrefix}-${f}`}
            label={t(`ui.decl.person.${f}`)}
            validateStatus={errorsAt(f) ? 'error' : undefined}
            help={errorsAt(f)}
          >
            {f === 'birthDate' ? (
              // Day first whatever the browser's language (a native date input read 02/15/1971).
              <DateInput
                id={`${idPrefix}-${f}`}
                disabled={readOnly}
                max={dayjs().format('YYYY-MM-DD')}
                value={value[f] ?? null}
                onChange={(v) => onChange({ ...value, [f]: v })}
              />
            ) : (
              <Input
                id={`${idPrefix}-${f}`}
                readOnly={readOnly}
                value={value[f] ?? ''}
                inputMode={f === 'idNumber' ? 'numeric' : undefined}
                onChange={(e) => onChange({ ...value, [f]: e.target.value || null })}
              />
            )}
          </Form.Item>
        </Col>
      ))}
    </Row>
  );
}

type ItemForm = {
  owner: AssetItem['owner'];
  details: Record<string, string | number | undefined>;
  valueVnd?: number | null;
  unknown?: boolean;
  valueUnknownReason?: string | null;
  estimated?: boolean;
  currency?: string | null;
  foreignAmount?: number | null;
  rate?: number | null;
};

/** One asset group of Part II: its items as a table, added and changed in a dialog. */
function GroupCard({
  group,
  items,
  readOnly,
  onChange,
  problems,
  threshold,
}: {
  group: AssetGroup;
  items: AssetItem[];
  readOnly: boolean;
  onChange(items: AssetItem[]): void;
  problems: Array<[string, string]>;
  threshold: string;
}) {
  const { t, lang } = useT();
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [form] = Form.useForm<ItemForm>();
  const unknown = Form.useWatch('unknown', form);
  const currency = Form.useWatch('currency', form);
  const rule =
    group.threshold === 'none'
      ? t('ui.decl.threshold.none')
      : t(`ui.decl.threshold.${group.threshold}`, { amount: threshold });
  const initial = (): Partial<ItemForm> => {
    if (editing === 'new' || editing === null) return { owner: 'declarant', details: {} };
    const it = items[editing]!;
    return {
      ...it,
      details: { ...it.details },
      unknown: it.valueVnd == null && !!it.valueUnknownReason && !it.currency,
    };
  };
  return (
    <Card
      size="small"
      id={`group-${group.code}`}
      title={`${group.number}. ${group.label[lang]}`}
      extra={
        !readOnly && (
          <Button size="small" onClick={() => setEditing('new')}>
            {t('ui.decl.addItem')}
          </Button>
        )
      }
      style={{ marginBottom: 12 }}
    >
      <div className="muted" style={{ marginBottom: 8 }}>
        {rule}
      </div>
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 8 }}
          message={problems.map(([, m]) => m).join(' ')}
        />
      )}
      <Table<AssetItem & { index: number }>
        rowKey="id"
        className="wide-table"
        size="small"
        pagination={false}
        dataSource={items.map((it, index) => ({ ...it, index }))}
        locale={{ emptyText: t('ui.decl.noItems') }}
        columns={[
          ...group.details.map((d) => ({
            key: d.key,
            // A long heading (the form's "Giấy chứng nhận quyền sử dụng, sở hữu …") and a long value (an
            // address) wrap: at their full length they pushed the value and the actions off the screen
            // (sec31 UX 3, issue 17 §11).
            title: (
              <span className="th-wrap" style={{ maxWidth: '8em' }}>
                {d.label[lang]}
              </span>
            ),
            render: (_: unknown, it: AssetItem) => {
              const v = it.details[d.key];
              if (d.kind === 'choice') return d.choices?.find((c) => c.code === v)?.label[lang] ?? '';
              return (
                <Wrap width={160}>{v === undefined ? '' : `${v}${d.suffix ? ` ${d.suffix}` : ''}`}</Wrap>
              );
            },
          })),
          {
            key: 'owner',
            title: t('ui.decl.owner'),
            render: (_: unknown, it: AssetItem) => t(`ui.decl.owner.${it.owner}`),
          },
          {
            key: 'value',
            title: t('ui.decl.value'),
            align: 'right' as const,
            render: (_: unknown, it: AssetItem) =>
              it.currency && it.foreignAmount != null
                ? `${it.foreignAmount.toLocaleString()} ${it.currency}${it.rate ? ` ≈ ${formatVnd(Math.round(it.foreignAmount * it.rate), lang)}` : ''}`
                : it.valueVnd != null
                  ? `${formatVnd(it.valueVnd, lang)}${it.estimated ? ` (${t('ui.decl.estimated')})` : ''}`
                  : it.valueUnknownReason
                    ? t('ui.decl.valueUnknown')
                    : '',
          },
          ...(readOnly
            ? []
            : [
                {
                  key: 'actions',
                  title: '',
                  // Kept in view at the row's end while the details scroll (styles.css, wide-table).
                  className: 'pin-right',
                  render: (_: unknown, it: AssetItem & { index: number }) => (
                    <Space size={4}>
                      <Button size="small" onClick={() => setEditing(it.index)}>
                        {t('ui.common.edit')}
                      </Button>
                      <Button
                        size="small"
                        danger
                        onClick={() => onChange(items.filter((_, i) => i !== it.index))}
                      >
                        {t('ui.common.delete')}
                      </Button>
                    </Space>
                  ),
                },
              ]),
        ]}
      />
      <FormModal
        open={editing !== null}
        name={`item-${group.code}`}
        title={`${group.number}. ${group.label[lang]}`}
        form={form}
        initialValues={initial()}
        onClose={() => setEditing(null)}
        onSubmit={async (v) => {
          const details = Object.fromEntries(
            Object.entries(v.details ?? {}).filter(([, x]) => x !== undefined && x !== null && x !== ''),
          ) as Record<string, string | number>;
          const item: AssetItem = {
            id: editing === 'new' || editing === null ? crypto.randomUUID() : items[editing]!.id,
            owner: v.owner,
            details,
            valueVnd: v.unknown || v.currency ? null : (v.valueVnd ?? null),
            valueUnknownReason: v.unknown ? (v.valueUnknownReason ?? null) : null,
            estimated: v.estimated ?? false,
            currency: v.currency || null,
            foreignAmount: v.currency ? (v.foreignAmount ?? null) : null,
            rate: v.currency ? (v.rate ?? null) : null,
          };
          onChange(
            editing === 'new' || editing === null
              ? [...items, item]
              : items.map((x, i) => (i === editing ? item : x)),
          );
          setEditing(null);
        }}
      >
        {group.details.map((d) => (
          <Form.Item
            key={d.key}
            name={['details', d.key]}
            label={`${d.label[lang]}${d.suffix ? ` (${d.suffix})` : ''}`}
            rules={[
              ...(d.required ? [{ required: true, message: t('field.required') }] : []),
              ...(d.kind === 'number'
                ? [{ type: 'number' as const, min: 0, message: t('field.decl_negative') }]
                : []),
            ]}
          >
            {d.kind === 'choice' ? (
              <Select options={d.choices?.map((c) => ({ value: c.code, label: c.label[lang] }))} />
            ) : d.kind === 'number' ? (
              <NumberInput style={{ width: '100%' }} />
            ) : (
              <Input />
            )}
          </Form.Item>
        ))}
        <Form.Item
          name="owner"
          label={t('ui.decl.owner')}
          rules={[{ required: true, message: t('field.required') }]}
        >
          <Select
            options={(['declarant', 'spouse', 'child'] as const).map((o) => ({
              value: o,
              label: t(`ui.decl.owner.${o}`),
            }))}
          />
        </Form.Item>
        {group.foreignCurrency && (
          <Form.Item name="currency" label={t('ui.decl.currency')}>
            <Select
              allowClear
              placeholder="VND"
              options={['USD', 'EUR', 'JPY', 'CNY', 'KRW', 'GBP', 'AUD', 'SGD', 'THB'].map((c) => ({
                value: c,
                label: c,
              }))}
            />
          </Form.Item>
        )}
        {currency ? (
          <Space.Compact block>
            <Form.Item
              name="foreignAmount"
              label={t('ui.decl.foreignAmount')}
              style={{ width: '50%' }}
              rules={[{ type: 'number', min: 0, message: t('field.decl_negative') }]}
            >
              <NumberInput style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item
              name="rate"
              label={t('ui.decl.rate')}
              style={{ width: '50%' }}
              rules={[{ type: 'number', min: 0, message: t('field.decl_negative') }]}
            >
              <NumberInput style={{ width: '100%' }} />
            </Form.Item>
          </Space.Compact>
        ) : (
          <>
            <Form.Item name="unknown" valuePropName="checked">
              <Checkbox>{t('ui.decl.valueUnknown')}</Checkbox>
            </Form.Item>
            {unknown ? (
              <Form.Item
                name="valueUnknownReason"
                label={t('ui.decl.unknownReason')}
                rules={[{ required: true, message: t('field.required') }]}
              >
                <Input.TextArea rows={2} />
              </Form.Item>
            ) : (
              <>
                <Form.Item
                  name="valueVnd"
                  label={t('ui.decl.valueVnd')}
                  rules={[{ type: 'number', min: 0, message: t('field.decl_negative') }]}
                >
                  <NumberInput step={1_000_000} style={{ width: '100%' }} />
                </Form.Item>
                <Form.Item name="estimated" valuePropName="checked">
                  <Checkbox>{t('ui.decl.estimatedHelp')}</Checkbox>
                </Form.Item>
              </>
            )}
          </>
        )}
      </FormModal>
    </Card>
  );
}

export default function DeclarationPage() {
  const { id } = useParams();
  const { t, lang } = useT();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const query = useQuery({ queryKey: ['declaration', id], queryFn: () => get<View>(`/declarations/${id}`) });
  const [content, setContent] = useState<Content | null>(null);
  const [view, setView] = useState<View | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [returning, setReturning] = useState(false);
  const [returnForm] = Form.useForm<{ reason: string }>();
  useEffect(() => {
    if (query.data) {
      setView(query.data);
      setContent(query.data.content as unknown as Content);
    }
  }, [query.data]);
  const v = view;
  const form = (v && formDefinitions[v.formCode]) || nd130;
  const editable = !!v && v.reader === 'declarant' && (v.status === 'draft' || v.status === 'returned');
  const officer = v?.reader === 'officer' && v.status === 'submitted';
  const param = (code: string) => v?.parameters.find((p) => p.code === code)?.amountVnd ?? 0;
  // Part III and what is still missing, worked out as the declarant types (the same rules the server applies).
  const summary = content ? summarise(form, content) : null;
  const partIII =
    summary && v
      ? changes(form, summary, v.kind === 'first_time' ? null : v.previous, param('change_threshold'))
      : null;
  const live = content && partIII && v ? missing(form, content, partIII, v) : {};
  const problems: Record<string, string> = {
    ...Object.fromEntries(Object.entries(editable ? live : {}).map(([k, p]) => [k, t(p.key, p.values)])),
    ...fieldErrors,
  };
  const errorsAt = (prefix: string) => (f: string) => problems[`${prefix}.${f}`];
  const set = (c: Content) => setContent(c);
  const save = async () => {
    if (!content || !v) return null;
    setBusy(true);
    try {
      const saved = await api<View>('PUT', `/declarations/${v.id}`, { content, version: v.version });
      setView(saved);
      setFieldErrors({});
      qc.setQueryData(['declaration', id], saved);
      return saved;
    } catch (e) {
      if (e instanceof ApiError)
        setFieldErrors(
          Object.fromEntries(Object.entries(e.fields).map(([k, m]) => [k.replace(/^content\./, ''), m])),
        );
      message.error((e as Error).message);
      return null;
    } finally {
      setBusy(false);
    }
  };
  const submit = async () => {
    const saved = await save();
    if (!saved) return;
    if (Object.keys(saved.problems).length > 0) {
      message.error(t('ui.decl.stillMissing', { n: Object.keys(saved.problems).length }));
      return;
    }
    modal.confirm({
      title: t('ui.decl.submitConfirm'),
      content: t('ui.decl.submitHelp'),
      okText: t('ui.decl.submit'),
      onOk: async () => {
        try {
          const done = await api<View>('POST', `/declarations/${saved.id}/submit`, {
            version: saved.version,
          });
          setView(done);
          qc.setQueryData(['declaration', id], done);
          await qc.invalidateQueries({ queryKey: ['declarations'] });
          message.success(t('ui.decl.submitted'));
        } catch (e) {
          if (e instanceof ApiError) setFieldErrors(e.fields);
          message.error((e as Error).message);
        }
      },
    });
  };
  const decide = async (path: string, body?: unknown) => {
    const done = await api<View>('POST', `/declarations/${v!.id}/${path}`, body);
    setView(done);
    qc.setQueryData(['declaration', id], done);
    await qc.invalidateQueries({ queryKey: ['declarations'] });
    message.success(t('ui.common.saved'));
  };
  const money = (n: number) => formatVnd(n, lang);
  const list = Object.entries(problems);
  return (
    <>
      <Breadcrumb
        items={[
          { title: <Link to="/declarations">{t('ui.nav.declarations')}</Link> },
          { title: v ? `${v.fullName} · ${v.year}` : '' },
        ]}
      />
      <QueryState isLoading={query.isLoading} error={query.error}>
        {v && content && (
          <>
            <PageHeader
              title={`${form.title[lang]} — ${t(`ui.decl.kind.${v.kind}`)} ${v.year}`}
              extra={
                <Space wrap>
                  <DeclarationStatus status={v.status} />
                  {/* The official form to print and sign on every page (Decree 130 Annex I). */}
                  <Button href={`/api/declarations/${id}/docx`}>{t('ui.decl.printForm')}</Button>
                  <Button href={`/api/declarations/${id}/pdf`}>{t('ui.decl.printPdf')}</Button>
                  {v.signedScan && (
                    <Button type="link" href={`/api/declarations/${id}/signed`}>
                      {t('ui.decl.signedCopy', { name: v.signedScan.name })}
                    </Button>
                  )}
                  {/* A signed copy is taken while the declaration is with its unit (submitted, accepted). */}
                  {v.reader === 'declarant' && (v.status === 'submitted' || v.status === 'accepted') && (
                    <Upload
                      accept=".pdf,.jpg,.jpeg,.png"
                      showUploadList={false}
                      customRequest={async ({ file, onSuccess, onError }) => {
                        const fd = new FormData();
                        fd.append('file', file as File);
                        try {
                          onSuccess?.(await api('POST', `/declarations/${id}/signed`, fd));
                          message.success(t('ui.decl.signedUploaded'));
                          await query.refetch();
                        } catch (e) {
                          message.error(errorText(e));
                          onError?.(e as Error);
                        }
                      }}
                    >
                      <Button>{v.signedScan ? t('ui.decl.replaceSigned') : t('ui.decl.uploadSigned')}</Button>
                    </Upload>
                  )}
                  {editable && (
                    <>
                      <Button onClick={save} loading={busy}>
                        {t('ui.decl.saveDraft')}
                      </Button>
                      <Button type="primary" onClick={submit} loading={busy}>
                        {t('ui.decl.submit')}
                      </Button>
                    </>
                  )}
                  {officer && (
                    <>
                      <Button onClick={() => setReturning(true)}>{t('ui.decl.return')}</Button>
                      <Button type="primary" onClick={() => decide('accept')}>
                        {t('ui.decl.accept')}
                      </Button>
                    </>
                  )}
                </Space>
              }
            />
            <Descriptions size="small" column={{ xs: 1, md: 2, xxl: 3 }} style={{ marginBottom: 12 }}>
              <Descriptions.Item label={t('ui.decl.declarant')}>{v.fullName}</Descriptions.Item>
              <Descriptions.Item label={t('ui.common.unit')}>{v.unitName}</Descriptions.Item>
              <Descriptions.Item label={t('ui.decl.judgedOn')}>{formatDate(v.declaredOn)}</Descriptions.Item>
              <Descriptions.Item label={t('ui.decl.listedMin')}>
                {money(param('listed_item_min_value'))}
              </Descriptions.Item>
              <Descriptions.Item label={t('ui.decl.changeThreshold')}>
                {money(param('change_threshold'))}
              </Descriptions.Item>
              <Descriptions.Item label={t('ui.decl.formSource')}>{form.source}</Descriptions.Item>
            </Descriptions>
            {v.status === 'returned' && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 12 }}
                message={t('ui.decl.returnedBecause', {
                  // The sentence ends it: a reason typed with its own full stop would end twice.
                  reason: (v.returnReason ?? '').trim().replace(/[.。]+$/, ''),
                  due: formatDate(v.correctionDueOn),
                })}
              />
            )}
            {editable && list.length > 0 && (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 12 }}
                message={t('ui.decl.stillMissing', { n: list.length })}
                description={
                  <ul style={{ margin: 0, paddingLeft: 18 }}>
                    {list.slice(0, 12).map(([k, m]) => (
                      <li key={k}>{m}</li>
                    ))}
                    {list.length > 12 && <li>…</li>}
                  </ul>
                }
              />
            )}
            <Form layout="vertical" component="div">
              <Card size="small" title={t('ui.decl.part1')} style={{ marginBottom: 12 }}>
                <h3>{t('ui.decl.declarantInfo')}</h3>
                <PersonFields
                  idPrefix="declarant"
                  value={content.declarant}
                  fields={personFields}
                  readOnly={!editable}
                  errorsAt={errorsAt('declarant')}
                  onChange={(p) => set({ ...content, declarant: p })}
                />
                <Checkbox
                  disabled={!editable}
                  checked={!!content.spouse}
                  onChange={(e) => set({ ...content, spouse: e.target.checked ? { fullName: null } : null })}
                >
                  {t('ui.decl.hasSpouse')}
                </Checkbox>
                {content.spouse && (
                  <PersonFields
                    idPrefix="spouse"
                    value={content.spouse}
                    fields={['fullName', 'birthDate', 'workplace', 'residence', 'idNumber']}
                    readOnly={!editable}
                    errorsAt={errorsAt('spouse')}
                    onChange={(p) => set({ ...content, spouse: p })}
                  />
                )}
                <h3 style={{ marginTop: 12 }}>{t('ui.decl.children')}</h3>
                {content.children.map((ch, i) => (
                  <div key={`child-${i.toString()}`}>
                    <PersonFields
                      idPrefix={`child-${i}`}
                      value={ch}
                      fields={shortPerson}
                      readOnly={!editable}
                      errorsAt={errorsAt(`children.${i}`)}
                      onChange={(p) =>
                        set({ ...content, children: content.children.map((c, j) => (j === i ? p : c)) })
                      }
                    />
                    {editable && (
                      <Button
                        size="small"
                        danger
                        onClick={() =>
                          set({ ...content, children: content.children.filter((_, j) => j !== i) })
                        }
                      >
                        {t('ui.decl.removeChild')}
                      </Button>
                    )}
                  </div>
                ))}
                {editable && (
                  <Button
                    size="small"
                    onClick={() => set({ ...content, children: [...content.children, { fullName: null }] })}
                  >
                    {t('ui.decl.addChild')}
                  </Button>
                )}
              </Card>
              <h2>{t('ui.decl.part2')}</h2>
              {form.groups.map((g) => (
                <GroupCard
                  key={g.code}
                  group={g}
                  threshold={money(param('listed_item_min_value'))}
                  items={content.assets[g.code] ?? []}
                  readOnly={!editable}
                  problems={list.filter(([k]) => k.startsWith(`assets.${g.code}.`))}
                  onChange={(items) => set({ ...content, assets: { ...content.assets, [g.code]: items } })}
                />
              ))}
              {v.kind !== 'first_time' && (
                <Card size="small" title={t('ui.decl.income')} style={{ marginBottom: 12 }}>
                  <Table
                    rowKey={(_, i) => String(i)}
                    size="small"
                    pagination={false}
                    scroll={{ x: 'max-content' }}
                    dataSource={content.income.map((x, i) => ({ ...x, i }))}
                    locale={{ emptyText: t('ui.decl.noItems') }}
                    columns={[
                      {
                        key: 'recipient',
                        title: t('ui.decl.recipient'),
                        render: (_, x) => (
                          <Select
                            disabled={!editable}
                            value={x.recipient}
                            style={{ minWidth: 140 }}
                            aria-label={t('ui.decl.recipient')}
                            onChange={(r) =>
                              set({
                                ...content,
                                income: content.income.map((y, j) =>
                                  j === x.i ? { ...y, recipient: r } : y,
                                ),
                              })
                            }
                            options={(['declarant', 'spouse', 'child', 'joint'] as const).map((o) => ({
                              value: o,
                              label: t(`ui.decl.owner.${o}`),
                            }))}
                          />
                        ),
                      },
                      {
                        key: 'source',
                        title: t('ui.decl.source'),
                        render: (_, x) => (
                          <Select
                            disabled={!editable}
                            value={x.source}
                            style={{ minWidth: 200 }}
                            aria-label={t('ui.decl.source')}
                            onChange={(s) =>
                              set({
                                ...content,
                                income: content.income.map((y, j) => (j === x.i ? { ...y, source: s } : y)),
                              })
                            }
                            options={form.incomeSources.map((s) => ({ value: s.code, label: s.label[lang] }))}
                          />
                        ),
                      },
                      {
                        key: 'amount',
                        title: t('ui.decl.valueVnd'),
                        render: (_, x) => (
                          <NumberInput
                            disabled={!editable}
                            min={0}
                            step={1_000_000}
                            value={x.amountVnd}
                            aria-label={t('ui.decl.valueVnd')}
                            style={{ width: 180 }}
                            onChange={(a) =>
                              set({
                                ...content,
                                income: content.income.map((y, j) =>
                                  j === x.i ? { ...y, amountVnd: a ?? 0 } : y,
                                ),
                              })
                            }
                          />
                        ),
                      },
                      ...(editable
                        ? [
                            {
                              key: 'x',
                              title: '',
                              render: (_: unknown, x: { i: number }) => (
                                <Button
                                  size="small"
                                  danger
                                  onClick={() =>
                                    set({ ...content, income: content.income.filter((_, j) => j !== x.i) })
                                  }
                                >
                                  {t('ui.common.delete')}
                                </Button>
                              ),
                            },
                          ]
                        : []),
                    ]}
                  />
                  {editable && (
                    <Button
                      size="small"
                      style={{ marginTop: 8 }}
                      onClick={() =>
                        set({
                          ...content,
                          income: [
                            ...content.income,
                            { recipient: 'declarant', source: 'salary', amountVnd: 0 },
                          ],
                        })
                      }
                    >
                      {t('ui.decl.addIncome')}
                    </Button>
                  )}
                  <p style={{ marginTop: 8 }}>
                    {t('ui.decl.incomeTotal', { total: money(summary?.incomeVnd ?? 0) })}
                  </p>
                </Card>
              )}
              {v.kind !== 'first_time' && (
                <Card size="small" title={t('ui.decl.part3')} id="part-3" style={{ marginBottom: 12 }}>
                  {v.previous ? (
                    <>
                      <p>
                        {t('ui.decl.increaseTotal', {
                          total: money(partIII?.increaseVnd ?? 0),
                          threshold: money(param('change_threshold')),
                        })}
                      </p>
                      <Table
                        rowKey="group"
                        size="small"
                        pagination={false}
                        scroll={{ x: 'max-content' }}
                        dataSource={(partIII?.lines ?? []).filter(
                          (l) => l.countChange !== 0 || l.valueChange !== 0,
                        )}
                        locale={{ emptyText: t('ui.decl.noChange') }}
                        columns={[
                          {
                            key: 'group',
                            title: t('ui.decl.group'),
                            render: (_, l) =>
                              `${l.number}. ${form.groups.find((g) => g.code === l.group)?.label[lang] ?? l.group}`,
                          },
                          {
                            dataIndex: 'countChange',
                            title: t('ui.decl.countChange'),
                            align: 'right',
                            render: (n: number) => (n > 0 ? `+${n}` : String(n)),
                          },
                          {
                            dataIndex: 'valueChange',
                            title: t('ui.decl.valueChange'),
                            align: 'right',
                            render: (n: number) => `${n > 0 ? '+' : ''}${money(n)}`,
                          },
                          {
                            key: 'explain',
                            title: t('ui.decl.explanation'),
                            render: (_, l) => (
                              <Form.Item
                                style={{ margin: 0 }}
                                validateStatus={problems[`explanations.${l.group}`] ? 'error' : undefined}
                                help={problems[`explanations.${l.group}`]}
                                required={l.explanationRequired}
                              >
                                <Input.TextArea
                                  rows={2}
                                  readOnly={!editable}
                                  aria-label={t('ui.decl.explanation')}
                                  value={content.explanations[l.group] ?? ''}
                                  onChange={(e) =>
                                    set({
                                      ...content,
                                      explanations: { ...content.explanations, [l.group]: e.target.value },
                                    })
                                  }
                                />
                              </Form.Item>
                            ),
                          },
                        ]}
                      />
                      {editable && <p className="muted">{t('ui.decl.part3Help')}</p>}
                    </>
                  ) : (
                    <p>{t('ui.decl.noPrevious')}</p>
                  )}
                </Card>
              )}
            </Form>
          </>
        )}
      </QueryState>
      <FormModal
        open={returning}
        title={t('ui.decl.return')}
        form={returnForm}
        onClose={() => setReturning(false)}
        onSubmit={async (x) => {
          await decide('return', x);
          setReturning(false);
        }}
      >
        <Form.Item
          name="reason"
          label={t('ui.decl.returnReason')}
          rules={[{ required: true, message: t('field.required') }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </FormModal>
    </>
  );
}
