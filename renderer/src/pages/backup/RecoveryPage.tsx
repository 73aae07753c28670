/**
 * When the data file is damaged the main process opens in recovery mode (app.info says so): instead of the app,
 * this screen says what happened, checks the backups newest first, offers the newest good one, and restores it;
 * the page then reloads on the restored data.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Button, Result, Space, Spin, Table, Tag } from 'antd';
import { FolderOpenOutlined } from '@ant-design/icons';
import { api } from '../../api/client';
import { EMPTY, errorText, fmtDateTime } from '../../lib/format';
import { fmtSize } from '../../lib/files';
import { BACKUP_REASON_LABELS } from '../../../../shared/domain/labels';
import type { BackupOverview, BackupRow } from '../../../../shared/contract';
import { attachmentsCell, RestoreModal } from './RestoreModal';
import { usePathPicker } from './BackupPage';

/** Shows the recovery screen instead of the app while the data file is damaged. */
export function RecoveryGate({ children }: { children: ReactNode }) {
  const [state, setState] = useState<{ problem: string } | null | undefined>(undefined);
  useEffect(() => {
    api['app.info']({}).then(
      (info) => setState(info.recovery ?? null),
      // Refused (the lock) or unanswered: not recovery; the app shows its own screens.
      () => setState(null),
    );
  }, []);
  if (state === undefined) return null;
  if (state) return <RecoveryPage problem={state.problem} />;
  return <>{children}</>;
}

type Checked = 'checking' | 'good' | 'bad';

export function RecoveryPage({ problem }: { problem: string }) {
  const [overview, setOverview] = useState<BackupOverview | null>(null);
  const [checked, setChecked] = useState<Record<string, Checked>>({});
  const [newestGood, setNewestGood] = useState<BackupRow | null | undefined>(undefined);
  const [restoring, setRestoring] = useState<BackupRow | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pick = usePathPicker(overview?.pickers ?? false);

  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const o = await api['backup.list']({});
        if (!live) return;
        setOverview(o);
        // Newest first, until one reads back whole.
        for (const b of o.backups) {
          if (!b.info || b.problem) continue;
          setChecked((c) => ({ ...c, [b.file]: 'checking' }));
          const v = await api['backup.verify']({ file: b.file }).catch(() => null);
          if (!live) return;
          setChecked((c) => ({ ...c, [b.file]: v?.ok ? 'good' : 'bad' }));
          if (v?.ok) {
            setNewestGood(b);
            return;
          }
        }
        setNewestGood(null);
      } catch (e) {
        if (live) setError(errorText(e));
      }
    })();
    return () => {
      live = false;
    };
  }, []);

  const fromFile = async () => {
    const p = await pick('file');
    if (!p) return;
    try {
      setRestoring(await api['backup.inspect']({ file: p }));
    } catch (e) {
      setError(errorText(e));
    }
  };

  const stateTag = (r: BackupRow) => {
    if (!r.info || r.problem) return <Tag color="red">无法使用</Tag>;
    const c = checked[r.file];
    if (c === 'checking') return <Tag color="processing">正在核对</Tag>;
    if (c === 'good') return <Tag color="green">完好</Tag>;
    if (c === 'bad') return <Tag color="red">已损坏</Tag>;
    return <Tag>未核对</Tag>;
  };

  return (
    <div className="recovery-page" data-testid="recovery-page">
      <div className="recovery-card">
        <Result
          status="warning"
          title="数据文件损坏，软件暂时不能正常使用"
          subTitle={
            <>
              <div>{problem}</div>
              <div style={{ marginTop: 6 }}>不用担心：可以用备份恢复数据。恢复前，损坏的文件会另存一份，供技术支持查看。请不要删除数据文件。</div>
            </>
          }
          extra={
            newestGood === undefined ? (
              <Spin description="正在查找完好的备份……">
                <div style={{ height: 40 }} />
              </Spin>
            ) : newestGood ? (
              <Space direction="vertical" size={4}>
                <div>
                  最新的完好备份：<b>{fmtDateTime(newestGood.info!.createdAt)}</b>（{BACKUP_REASON_LABELS[newestGood.info!.reason]}），在册党员{' '}
                  {newestGood.info!.activeMembers ?? EMPTY} 人，
                  {newestGood.info!.kind === 'databaseOnly' ? '仅数据库（不含附件，恢复后附件保持现状）' : `附件 ${newestGood.info!.archiveFiles ?? 0} 个`}
                </div>
                <Space>
                  <Button type="primary" size="large" onClick={() => setRestoring(newestGood)}>
                    用这份备份恢复
                  </Button>
                  <Button size="large" icon={<FolderOpenOutlined />} onClick={() => void fromFile()}>
                    从U盘上的备份恢复…
                  </Button>
                </Space>
              </Space>
            ) : (
              <Space direction="vertical">
                <Alert type="error" showIcon title="在备份文件夹中没有找到完好的备份。" description="如有U盘上的备份，请点下面的按钮选择它；否则请联系技术支持，不要删除数据文件。" />
                <Button type="primary" size="large" icon={<FolderOpenOutlined />} onClick={() => void fromFile()}>
                  从U盘上的备份恢复…
                </Button>
              </Space>
            )
          }
        />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        {overview && overview.backups.length > 0 && (
          <Table<BackupRow>
            size="small"
            rowKey="file"
            dataSource={overview.backups}
            pagination={{ pageSize: 5, hideOnSinglePage: true }}
            columns={[
              { title: '备份时间', key: 'at', width: 150, render: (_, r) => (r.info ? fmtDateTime(r.info.createdAt) : fmtDateTime(r.modifiedAt)) },
              { title: '类型', key: 'reason', width: 90, render: (_, r) => (r.info ? BACKUP_REASON_LABELS[r.info.reason] : EMPTY) },
              { title: '在册党员', key: 'm', width: 90, align: 'right', render: (_, r) => r.info?.activeMembers ?? EMPTY },
              { title: '附件', key: 'f', width: 80, align: 'right', render: (_, r) => attachmentsCell(r.info) },
              { title: '大小', key: 's', width: 84, align: 'right', render: (_, r) => fmtSize(r.size) },
              { title: '状态', key: 'state', width: 90, render: (_, r) => stateTag(r) },
              {
                title: '',
                key: 'go',
                width: 90,
                render: (_, r) => (
                  <Button size="small" disabled={!r.info || !!r.problem || checked[r.file] === 'bad'} onClick={() => setRestoring(r)}>
                    恢复…
                  </Button>
                ),
              },
            ]}
          />
        )}
      </div>
      <RestoreModal backup={restoring} current={null} recovery onClose={() => setRestoring(null)} />
    </div>
  );
}
