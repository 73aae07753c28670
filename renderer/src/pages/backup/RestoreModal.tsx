/**
 * 恢复: what the backup holds beside what there is now, what will happen, a confirmation, then the restore.
 * After it the page reloads, so every screen reads the restored data.
 */
import { useState, type ReactNode } from 'react';
import { Alert, Checkbox, Descriptions, Modal, Spin, Table, Tooltip } from 'antd';
import { api } from '../../api/client';
import { EMPTY, errorText, fmtDateTime } from '../../lib/format';
import { fmtSize } from '../../lib/files';
import { BACKUP_KIND_LABELS, BACKUP_REASON_LABELS } from '../../../../shared/domain/labels';
import type { BackupOverview, BackupRow } from '../../../../shared/contract';
import type { BackupInfo } from '../../../../shared/backup';

/** Remembered across the reload that follows a restore, so the page can say what happened. */
export const RESTORED_NOTE = 'dj-restored';

const n = (v: number | null | undefined) => (v == null ? EMPTY : v.toLocaleString('zh-CN'));

/** A backup's attachments in a table cell: the count, or 不含附件 for a database-only copy (导入前-*.db). */
export function attachmentsCell(info: BackupInfo | null | undefined): ReactNode {
  if (info?.kind === 'databaseOnly')
    return (
      <Tooltip title="这份是仅含数据库的副本（导入前自动保存），不含附件；用它恢复时附件保持现状。">
        <span className="muted">不含附件</span>
      </Tooltip>
    );
  return n(info?.archiveFiles);
}

export function RestoreModal({
  backup,
  current,
  recovery = false,
  onClose,
}: {
  backup: BackupRow | null;
  current: BackupOverview['current'];
  /** The data file is damaged: nothing to compare with, nothing to back up first. */
  recovery?: boolean;
  onClose: () => void;
}) {
  const [confirmed, setConfirmed] = useState(false);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const info = backup?.info;

  const restore = async () => {
    if (!backup) return;
    setRunning(true);
    setError(null);
    try {
      const r = await api['backup.restore']({ file: backup.file });
      sessionStorage.setItem(
        RESTORED_NOTE,
        JSON.stringify({ createdAt: r.restored.info?.createdAt ?? null, safetyBackup: r.safetyBackup, damagedCopy: r.damagedCopy }),
      );
      // Every screen (and every cached list) starts again on the restored data.
      window.location.reload();
    } catch (e) {
      setError(errorText(e));
      setRunning(false);
    }
  };

  const databaseOnly = info?.kind === 'databaseOnly';
  const rows: { key: string; what: string; backup: ReactNode; now: ReactNode }[] = [
    { key: 'members', what: '在册党员（人）', backup: n(info?.activeMembers), now: n(current?.activeMembers) },
    { key: 'orgs', what: '党组织（个）', backup: n(info?.organisations), now: n(current?.organisations) },
    {
      key: 'files',
      what: '附件（个）',
      backup: databaseOnly ? <span className="muted">不含附件</span> : n(info?.archiveFiles),
      now: databaseOnly ? `${n(current?.archiveFiles)}（保持不变）` : n(current?.archiveFiles),
    },
  ];

  return (
    <Modal
      open={backup !== null}
      title="用备份恢复数据"
      width={640}
      okText="开始恢复"
      cancelText="取消"
      okButtonProps={{ danger: true, disabled: !confirmed || !info || !!backup?.problem }}
      confirmLoading={running}
      cancelButtonProps={{ disabled: running }}
      closable={!running}
      mask={{ closable: !running }}
      onOk={() => void restore()}
      onCancel={onClose}
      destroyOnHidden
    >
      {backup && !info && <Alert type="error" showIcon title="这个文件不能用来恢复" description={backup.problem} />}
      {backup && info && (
        <Spin spinning={running} description="正在恢复：核对备份、备份现有数据、替换数据……请不要关闭软件。">
          {backup.problem && <Alert type="error" showIcon title={backup.problem} style={{ marginBottom: 12 }} />}
          <Descriptions
            size="small"
            bordered
            column={2}
            styles={{ label: { whiteSpace: 'nowrap' } }}
            items={[
              { key: 'at', label: '备份时间', children: fmtDateTime(info.createdAt) },
              { key: 'reason', label: '类型', children: BACKUP_REASON_LABELS[info.reason] },
              { key: 'file', label: '文件', span: 2, children: <span style={{ wordBreak: 'break-all' }}>{backup.file}</span> },
              { key: 'size', label: '大小', children: fmtSize(backup.size) },
              // A database copy says nothing of the version that wrote it; what it holds matters more.
              databaseOnly
                ? { key: 'kind', label: '内容', children: BACKUP_KIND_LABELS[info.kind] }
                : { key: 'ver', label: '软件版本', children: info.appVersion || EMPTY },
            ]}
          />
          <Table
            style={{ marginTop: 12 }}
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={rows}
            columns={[
              { title: '', dataIndex: 'what', key: 'what' },
              { title: '备份中', dataIndex: 'backup', key: 'backup', align: 'right' },
              ...(recovery ? [] : [{ title: '现在', dataIndex: 'now', key: 'now', align: 'right' as const }]),
            ]}
          />
          <Alert
            style={{ marginTop: 12 }}
            type="warning"
            showIcon
            title={recovery ? '恢复后，软件使用这份备份中的数据。' : `恢复后，现在的数据会被这份备份替换：${fmtDateTime(info.createdAt)} 之后的修改都将不见。`}
            description={
              <>
                {databaseOnly && (
                  <div data-testid="database-only-note">
                    这份备份只有数据库，不含附件：恢复只替换数据库，附件保持现在的样子
                    {info.reason === 'import'
                      ? '（它是导入前自动保存的数据库副本，导入不会改动附件，所以附件不会因此丢失）。'
                      : '（数据库中记录的附件如不在这台电脑上，相应记录会显示“文件缺失”）。'}
                  </div>
                )}
                {recovery
                  ? '损坏的数据文件会先另存一份（在备份文件夹中），供技术支持查看。'
                  : '恢复前，软件会先把现在的数据备份一份（类型“恢复前”），如有需要，可以再用它恢复回来。'}
              </>
            }
          />
          <Checkbox style={{ marginTop: 12 }} checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)}>
            我已确认，用这份备份{recovery ? '恢复数据' : '替换现在的数据'}
          </Checkbox>
          {error && <Alert style={{ marginTop: 12 }} type="error" showIcon title={error} />}
        </Spin>
      )}
    </Modal>
  );
}
