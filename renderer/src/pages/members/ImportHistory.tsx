/** 导入记录: every import that wrote to the register — when, which file, how many rows of each kind, who. */
import { useEffect, useState } from 'react';
import { Alert, Button, Table, Tooltip } from 'antd';
import { api } from '../../api/client';
import type { ImportBatch } from '../../../../shared/contract';
import { errorText, fmtDateTime, EMPTY } from '../../lib/format';

export function ImportHistory({ reloadKey }: { reloadKey: number }) {
  const [rows, setRows] = useState<ImportBatch[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [again, setAgain] = useState(0);
  useEffect(() => {
    let live = true;
    api['import.history']({}).then(
      (r) => {
        if (!live) return;
        setRows(r);
        setError(null);
      },
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [reloadKey, again]);

  const num = (v: number) => (v ? v.toLocaleString('zh-CN') : <span className="muted">0</span>);
  return (
    <section className="panel" aria-labelledby="import-history-title" data-testid="import-history">
      <h2 className="panel-title" id="import-history-title">
        导入记录
      </h2>
      {error && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title="导入记录没有加载出来"
          description={error}
          action={<Button onClick={() => setAgain((k) => k + 1)}>重试</Button>}
        />
      )}
      <Table<ImportBatch>
        rowKey="id"
        size="small"
        loading={rows === null && !error}
        dataSource={rows ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 次导入` }}
        locale={{ emptyText: '还没有导入过' }}
        columns={[
          { title: '导入时间', dataIndex: 'at', key: 'at', width: 150, render: (v: string) => <span className="nowrap">{fmtDateTime(v)}</span> },
          {
            title: '文件',
            dataIndex: 'fileName',
            key: 'fileName',
            ellipsis: { showTitle: false },
            render: (v: string, r) => (
              <Tooltip title={`${v}（SHA-256 ${r.sha256.slice(0, 16)}…）`}>
                <span>{v}</span>
              </Tooltip>
            ),
          },
          { title: '行数', dataIndex: 'rows', key: 'rows', width: 76, align: 'right', render: num },
          { title: '新增', dataIndex: 'inserted', key: 'inserted', width: 76, align: 'right', render: num },
          { title: '更新', dataIndex: 'updated', key: 'updated', width: 76, align: 'right', render: num },
          { title: '未变', dataIndex: 'unchanged', key: 'unchanged', width: 76, align: 'right', render: num },
          {
            title: '有误',
            dataIndex: 'errors',
            key: 'errors',
            width: 76,
            align: 'right',
            render: (v: number) => (v ? <span className="text-error">{v.toLocaleString('zh-CN')}</span> : <span className="muted">0</span>),
          },
          { title: '操作人', dataIndex: 'actor', key: 'actor', width: 96, ellipsis: true, render: (v: string | null) => v ?? EMPTY },
          {
            title: '批次号',
            dataIndex: 'id',
            key: 'id',
            width: 250,
            ellipsis: { showTitle: true },
            render: (v: string) => <span className="id-number">{v}</span>,
          },
        ]}
      />
    </section>
  );
}
