/** 组织概况 · 规则提醒: the street's figures and every warning, grouped by rule, each linking to its organisation. */
import { useEffect, useState } from 'react';
import { Alert, Button, Collapse, Empty, Skeleton, Statistic, Table, Tag } from 'antd';
import { api } from '../../api/client';
import type { OrgOverview } from '../../../../shared/contract';
import { ORG_KIND_LABELS, type OrgKind } from '../../../../shared/domain/labels';
import { errorText } from '../../lib/format';
import { navigate } from '../../lib/router';

type Item = OrgOverview['groups'][number]['items'][number];

export function OrgOverviewView({ reloadKey }: { reloadKey: number }) {
  const [data, setData] = useState<OrgOverview | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api['orgs.overview']({}).then(
      (d) => live && setData(d),
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [reloadKey]);

  if (error) return <Alert type="error" showIcon title="组织概况没有加载出来" description={error} />;
  if (!data) return <Skeleton active />;
  const warnings = data.groups.reduce((a, g) => a + g.items.length, 0);

  return (
    <div className="orgs-overview">
      <section className="panel" aria-label="组织概况" style={{ display: 'flex', gap: 48, padding: '16px 24px' }}>
        <Statistic title="党组织" value={data.organisations} suffix="个" />
        <Statistic title="其中党支部" value={data.branches} suffix="个" />
        <Statistic title="正式党员" value={data.fullTotal} suffix="名" />
        <Statistic title="预备党员" value={data.probationaryTotal} suffix="名" />
        <Statistic title="规则提醒" value={warnings} suffix="条" styles={{ content: { color: warnings ? '#d46b08' : undefined } }} />
        <div className="muted" style={{ marginLeft: 'auto', alignSelf: 'flex-end' }}>
          按 {data.today} 计算
        </div>
      </section>
      <section className="panel" aria-label="规则提醒">
        {data.groups.length === 0 ? (
          <Empty description="所有党组织都符合组织设置规则，暂无提醒" />
        ) : (
          <Collapse
            defaultActiveKey={data.groups.map((g) => g.rule)}
            ghost
            items={data.groups.map((g) => ({
              key: g.rule,
              label: (
                <span>
                  <strong>{g.title}</strong>
                  <Tag color="orange" style={{ marginLeft: 8 }}>
                    {g.items.length} 个组织
                  </Tag>
                  <span className="muted">{g.advice}</span>
                </span>
              ),
              children: (
                <Table<Item>
                  size="small"
                  rowKey="orgId"
                  dataSource={g.items}
                  pagination={g.items.length > 10 ? { pageSize: 10, showSizeChanger: false, showTotal: (t) => `共 ${t} 个` } : false}
                  columns={[
                    {
                      title: '党组织',
                      dataIndex: 'orgName',
                      width: 260,
                      render: (name: string, r) => (
                        <Button type="link" style={{ padding: 0 }} onClick={() => navigate(`/orgs/${r.orgId}`)}>
                          {name}
                        </Button>
                      ),
                    },
                    { title: '类别', dataIndex: 'kind', width: 120, render: (k: OrgKind) => ORG_KIND_LABELS[k] },
                    { title: '上级组织', dataIndex: 'parentName', width: 180, render: (p: string | null) => p ?? '—' },
                    { title: '情况', dataIndex: 'facts' },
                  ]}
                />
              ),
            }))}
          />
        )}
      </section>
    </div>
  );
}
