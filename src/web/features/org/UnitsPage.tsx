import { ApartmentOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, Input, List, Row, Tree, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { get, qs } from '#web/app/api.ts';
import { useT } from '#web/app/i18n.ts';
import { useSession } from '#web/app/session.tsx';
import type { PageOf } from '#web/components/DataTable.tsx';
import { ImportWizard } from '#web/components/ImportWizard.tsx';
import { PageHeader } from '#web/components/Page.tsx';
import { StatusTag } from '#web/components/StatusTag.tsx';
import { useUrlState } from '#web/components/useUrlState.ts';
import type { Unit } from './types.ts';
import { UnitDetail } from './UnitDetail.tsx';
import { UnitForm } from './UnitForm.tsx';

interface Node {
  key: string;
  title: React.ReactNode;
  isLeaf: boolean;
  children?: Node[];
}

function label(u: Unit, t: ReturnType<typeof useT>['t']) {
  return (
    <span>
      {u.name} <Typography.Text type="secondary">({u.code})</Typography.Text>
      {u.status !== 'active' && (
        <StatusTag tone={u.status === 'dissolved' ? 'warn' : 'muted'}>
          {t(u.status === 'dissolved' ? 'ui.status.dissolved' : 'ui.status.archived')}
        </StatusTag>
      )}
    </span>
  );
}

/** Organisation tree on the left (lazy, searchable), the chosen unit's record on the right. */
export default function UnitsPage() {
  const { t } = useT();
  const { unitId } = useParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { currentUnitId, canAnywhere } = useSession();
  const [url, setUrl] = useUrlState<'q'>();
  const [treeData, setTreeData] = useState<Node[]>([]);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const canManage = canAnywhere('org.manage');

  const toNode = useCallback(
    (u: Unit): Node => ({ key: u.id, title: label(u, t), isLeaf: (u.childCount ?? 0) === 0 }),
    [t],
  );

  // The root and its first level are asked for together (they were one after the other, issue 17 §24),
  // the root under the key the detail beside it reads (one request for both).
  const root = useQuery({
    queryKey: ['units', 'detail', currentUnitId],
    queryFn: () => get<Unit>(`/units/${currentUnitId}`),
  });
  const firstLevel = useQuery({
    queryKey: ['units', 'children', currentUnitId],
    queryFn: () => get<PageOf<Unit>>(`/units${qs({ parentId: currentUnitId, pageSize: 200, sort: 'name' })}`),
  });
  const search = useQuery({
    queryKey: ['units', 'search', url.q],
    queryFn: () => get<PageOf<Unit>>(`/units${qs({ q: url.q, pageSize: 50, sort: 'name' })}`),
    enabled: !!url.q,
  });

  const [expanded, setExpanded] = useState<React.Key[]>([]);
  const loadChildren = async (node: { key: React.Key }) => {
    const page = await get<PageOf<Unit>>(
      `/units${qs({ parentId: String(node.key), pageSize: 200, sort: 'name' })}`,
    );
    const children = page.items.map(toNode);
    const attach = (list: Node[]): Node[] =>
      list.map((n) =>
        n.key === node.key ? { ...n, children } : n.children ? { ...n, children: attach(n.children) } : n,
      );
    setTreeData((prev) => attach(prev));
  };

  // The tree opens on the user's unit with its first level shown. A change (`generation`) closes it back
  // to that and reads both again: a unit added deeper is then found where it now is.
  const [generation, setGeneration] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` re-runs it after a change
  useEffect(() => {
    if (!root.data || !firstLevel.data) return;
    setTreeData([
      {
        ...toNode({ ...root.data, childCount: 1 }),
        isLeaf: false,
        children: firstLevel.data.items.map(toNode),
      },
    ]);
    setExpanded([root.data.id]);
  }, [root.data, firstLevel.data, toNode, generation]);

  const refresh = () => {
    setGeneration((g) => g + 1);
    void qc.invalidateQueries({ queryKey: ['units'] });
  };

  return (
    <>
      <PageHeader
        title={t('ui.units.title')}
        extra={
          canManage && (
            <>
              <Button icon={<ImportOutlined />} onClick={() => setImporting(true)}>
                {t('ui.units.import')}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('ui.units.create')}
              </Button>
            </>
          )
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10} xxl={8}>
          <Card
            title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('ui.units.tree')}</h2>}
            styles={{ body: { padding: 12 } }}
          >
            <Input.Search
              aria-label={t('ui.common.search')}
              placeholder={t('ui.common.searchPlaceholder')}
              defaultValue={url.q}
              allowClear
              onSearch={(v) => setUrl({ q: v.trim() })}
              style={{ marginBottom: 12 }}
            />
            {url.q ? (
              <List
                size="small"
                loading={search.isFetching}
                locale={{ emptyText: t('ui.common.empty') }}
                dataSource={search.data?.items ?? []}
                renderItem={(u) => (
                  <List.Item
                    style={{ cursor: 'pointer', background: u.id === unitId ? '#e6f0fb' : undefined }}
                    onClick={() => navigate(`/units/${u.id}${qs({ q: url.q })}`)}
                  >
                    {label(u, t)}
                  </List.Item>
                )}
              />
            ) : (
              <Tree
                aria-label={t('ui.units.tree')}
                showLine
                icon={<ApartmentOutlined />}
                loadData={loadChildren}
                treeData={treeData}
                expandedKeys={expanded}
                onExpand={setExpanded}
                selectedKeys={unitId ? [unitId] : []}
                onSelect={(keys) => keys[0] && navigate(`/units/${String(keys[0])}`)}
                height={560}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={14} xxl={16}>
          <UnitDetail unitId={unitId ?? currentUnitId} onChanged={refresh} />
        </Col>
      </Row>
      <UnitForm
        open={creating}
        defaultParentId={unitId ?? currentUnitId}
        onClose={() => setCreating(false)}
        onSaved={(u) => {
          setCreating(false);
          refresh();
          navigate(`/units/${u.id}`);
        }}
      />
      <ImportWizard entity="units" open={importing} onClose={() => setImporting(false)} onDone={refresh} />
    </>
  );
}
