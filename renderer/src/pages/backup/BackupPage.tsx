/**
 * 数据备份: the data as it is now, the backups beside it (date, why, counts, size), 立即备份, 备份到U盘…,
 * 从文件恢复…, and per backup 核对 and 恢复… (with a preview and a confirmation).
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Input, Space, Table, Tag, Tooltip } from 'antd';
import { CloudUploadOutlined, FolderOpenOutlined, SafetyCertificateOutlined, UsbOutlined } from '@ant-design/icons';
import { api } from '../../api/client';
import { EMPTY, errorText, fmtDateTime } from '../../lib/format';
import { fmtSize } from '../../lib/files';
import { BACKUP_KIND_LABELS, BACKUP_REASON_LABELS } from '../../../../shared/domain/labels';
import type { BackupOverview, BackupRow } from '../../../../shared/contract';
import { attachmentsCell, RESTORED_NOTE, RestoreModal } from './RestoreModal';

const num = (v: number | null | undefined) => (v == null ? EMPTY : v.toLocaleString('zh-CN'));

/**
 * A folder or file the clerk chooses: the system's dialog in the desktop app; in browser mode (no dialogs) a
 * path typed into a box.
 */
export function usePathPicker(pickers: boolean) {
  const { modal } = App.useApp();
  return useCallback(
    async (kind: 'folder' | 'file'): Promise<string | null> => {
      if (pickers) {
        const r = kind === 'folder' ? await api['backup.pickFolder']({}) : await api['backup.pickFile']({});
        return r.path;
      }
      return new Promise((resolve) => {
        let value = '';
        modal.confirm({
          title: kind === 'folder' ? '备份保存到哪个文件夹？' : '用哪个备份文件恢复？',
          icon: null,
          content: (
            <div>
              <p className="muted" style={{ marginTop: 0 }}>
                {kind === 'folder' ? '请输入文件夹的完整路径，例如U盘上的文件夹。' : '请输入备份文件（.djbak）或导入前的数据库副本（.db）的完整路径。'}
              </p>
              <Input aria-label={kind === 'folder' ? '文件夹路径' : '备份文件路径'} autoFocus onChange={(e) => (value = e.target.value)} />
            </div>
          ),
          okText: '确定',
          cancelText: '取消',
          onOk: () => resolve(value.trim() || null),
          onCancel: () => resolve(null),
        });
      });
    },
    [pickers, modal],
  );
}

export function BackupPage() {
  const { message, modal } = App.useApp();
  const [overview, setOverview] = useState<BackupOverview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [working, setWorking] = useState<'now' | 'usb' | 'file' | null>(null);
  const [checking, setChecking] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<BackupRow | null>(null);
  // The note a restore left for the reloaded window. Read during render, removed once shown: a render React throws
  // away (the page's chunk still loading, Strict Mode) must not take it.
  const [restored, setRestored] = useState<{ createdAt: string | null; safetyBackup: string | null; damagedCopy: string | null } | null>(() => {
    const raw = sessionStorage.getItem(RESTORED_NOTE);
    try {
      return raw ? JSON.parse(raw) : null;
    } catch {
      return null;
    }
  });
  useEffect(() => sessionStorage.removeItem(RESTORED_NOTE), []);
  const pick = usePathPicker(overview?.pickers ?? false);

  const load = useCallback(async () => {
    try {
      setOverview(await api['backup.list']({}));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const backupNow = async (where: 'now' | 'usb') => {
    let folder: string | undefined;
    if (where === 'usb') {
      const p = await pick('folder');
      if (!p) return;
      folder = p;
    }
    setWorking(where);
    try {
      const row = await api['backup.create']({ folder });
      await load();
      setWorking(null);
      void message.success(where === 'usb' ? `已备份到 ${row.file}，并已核对完好。` : '已备份，并已核对完好。');
    } catch (e) {
      setWorking(null);
      void message.error(errorText(e));
    }
  };

  const fromFile = async () => {
    const p = await pick('file');
    if (!p) return;
    setWorking('file');
    try {
      setRestoring(await api['backup.inspect']({ file: p }));
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setWorking(null);
    }
  };

  const verify = async (r: BackupRow) => {
    setChecking(r.file);
    try {
      const v = await api['backup.verify']({ file: r.file });
      if (v.ok && v.backup.info?.kind === 'databaseOnly')
        void message.success(`备份完好：数据库完整性检查通过，各表行数已读出（用时 ${(v.ms / 1000).toFixed(1)} 秒）。这份是仅含数据库的副本，不含附件。`);
      else if (v.ok) void message.success(`备份完好：数据库检查通过，各表行数和 ${v.backup.info?.archiveFiles ?? 0} 个附件都与备份说明一致（用时 ${(v.ms / 1000).toFixed(1)} 秒）。`);
      else
        modal.error({
          title: '这个备份有问题，不能用它恢复',
          content: (
            <ul style={{ paddingLeft: 18, margin: 0 }}>
              {v.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ),
        });
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setChecking(null);
    }
  };

  const last = overview?.backups.find((b) => b.info);
  const columns = [
    {
      title: '备份时间',
      key: 'at',
      width: 150,
      render: (_: unknown, r: BackupRow) => (r.info ? fmtDateTime(r.info.createdAt) : <span className="muted">{fmtDateTime(r.modifiedAt)}</span>),
    },
    {
      title: '类型',
      key: 'reason',
      width: 150,
      render: (_: unknown, r: BackupRow) =>
        r.info ? (
          <Space size={0}>
            <Tag color={r.info.reason === 'manual' ? 'blue' : 'default'}>{BACKUP_REASON_LABELS[r.info.reason]}</Tag>
            {r.info.kind === 'databaseOnly' && (
              <Tooltip title={BACKUP_KIND_LABELS.databaseOnly}>
                <Tag color="gold">不含附件</Tag>
              </Tooltip>
            )}
          </Space>
        ) : (
          <Tag color="red">无法使用</Tag>
        ),
    },
    {
      title: '说明',
      key: 'label',
      ellipsis: true,
      render: (_: unknown, r: BackupRow) =>
        r.problem ? (
          <Tooltip title={r.problem}>
            <span style={{ color: '#cf1322' }}>{r.problem}</span>
          </Tooltip>
        ) : (
          (r.info?.label ?? <span className="muted">{r.fileName}</span>)
        ),
    },
    { title: '在册党员', key: 'members', width: 90, align: 'right' as const, render: (_: unknown, r: BackupRow) => num(r.info?.activeMembers) },
    { title: '党组织', key: 'orgs', width: 76, align: 'right' as const, render: (_: unknown, r: BackupRow) => num(r.info?.organisations) },
    { title: '附件', key: 'files', width: 80, align: 'right' as const, render: (_: unknown, r: BackupRow) => attachmentsCell(r.info) },
    { title: '大小', key: 'size', width: 84, align: 'right' as const, render: (_: unknown, r: BackupRow) => fmtSize(r.size) },
    {
      title: '操作',
      key: 'actions',
      width: 150,
      render: (_: unknown, r: BackupRow) => (
        <Space size={4}>
          <Button size="small" disabled={!r.info} loading={checking === r.file} onClick={() => void verify(r)}>
            核对
          </Button>
          <Button size="small" danger disabled={!r.info || !!r.problem} onClick={() => setRestoring(r)}>
            恢复…
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <div className="page">
      <div className="page-title">
        <h1>数据备份</h1>
        <div className="actions">
          <Space>
            <Button type="primary" icon={<CloudUploadOutlined />} loading={working === 'now'} disabled={working !== null && working !== 'now'} onClick={() => void backupNow('now')}>
              立即备份
            </Button>
            <Button icon={<UsbOutlined />} loading={working === 'usb'} disabled={working !== null && working !== 'usb'} onClick={() => void backupNow('usb')}>
              备份到U盘…
            </Button>
            <Button icon={<FolderOpenOutlined />} loading={working === 'file'} disabled={working !== null && working !== 'file'} onClick={() => void fromFile()}>
              从文件恢复…
            </Button>
          </Space>
        </div>
      </div>
      {restored && (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setRestored(null) }}
          style={{ marginBottom: 12 }}
          title={`已恢复为 ${restored.createdAt ? fmtDateTime(restored.createdAt) : ''} 备份中的数据。`}
          description={
            restored.safetyBackup
              ? `恢复前的数据已备份（类型“恢复前”），如需找回，可在下表中用它恢复。`
              : restored.damagedCopy
                ? `损坏的数据文件已另存到：${restored.damagedCopy}`
                : undefined
          }
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {overview && (
        <div className="panel backup-summary" data-testid="backup-summary">
          <div>
            <span className="muted">现在的数据：</span>
            在册党员 <b>{num(overview.current?.activeMembers)}</b> 人，党组织 <b>{num(overview.current?.organisations)}</b> 个，附件 <b>{num(overview.current?.archiveFiles)}</b> 个
          </div>
          <div>
            <span className="muted">最近一次备份：</span>
            {last?.info ? `${fmtDateTime(last.info.createdAt)}（${BACKUP_REASON_LABELS[last.info.reason]}）` : '还没有备份'}
          </div>
          <div className="muted" style={{ wordBreak: 'break-all' }}>
            数据文件：{overview.dbPath}　备份文件夹：{overview.folder}
          </div>
        </div>
      )}
      <Alert
        type="info"
        showIcon
        icon={<SafetyCertificateOutlined />}
        style={{ marginBottom: 12 }}
        title="软件会自动备份：每天第一次打开时、恢复前和软件升级前（数据库和附件），每次导入前（只存数据库）；每份备份写完后都会读回核对。"
        description={`${overview?.keeps ?? ''} 建议每周用“备份到U盘…”另存一份，U盘放在别处保管。`}
      />
      <Table<BackupRow>
        data-testid="backup-table"
        size="small"
        rowKey="file"
        loading={!overview && !error}
        dataSource={overview?.backups ?? []}
        columns={columns}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 份` }}
        locale={{ emptyText: '还没有备份。点“立即备份”备份一份。' }}
      />
      <RestoreModal backup={restoring} current={overview?.current ?? null} onClose={() => setRestoring(null)} />
    </div>
  );
}
