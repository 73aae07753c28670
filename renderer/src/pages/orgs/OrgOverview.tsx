/**
 * 规则提醒: every organisation's warnings in the street, grouped by rule, each linking to its organisation. Shown on the
 * 概览 page (the street's figures are there; the organisation page links to it).
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Collapse, Empty, Skeleton, Table, Tag } from 'antd';
import { api } from '../../api/client';
import type { OrgOverview } from '../../../../shared/contract';
import { ORG_KIND_LABELS, type OrgKind } from '../../../../shared/domain/labels';
import { errorText } from '../../lib/format';
import { navigate } from '../../lib/router';

type Item = OrgOverview['groups'][number]['items'][number];

export function RuleWarnings({ reloadKey = 0 }: { reloadKey?: number }) {
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
      <section className="panel" aria-label="规则提醒" id="rule-warnings">
        <h2 className="panel-title">
          规则提醒 <span className="panel-note">共 {warnings} 条，按 {data.today} 计算；点组织名称查看和修改</span>
        </h2>
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
