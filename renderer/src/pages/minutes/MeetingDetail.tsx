/** A meeting record: its details, attendees, minutes, decisions, follow-ups, and its attachments (add, open, remove). */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, App, Button, Descriptions, Table, Tag, Tooltip } from 'antd';
import { ArrowLeftOutlined, DeleteOutlined, EditOutlined, PaperClipOutlined, PrinterOutlined } from '@ant-design/icons';
import { api } from '../../api/client';
import { EMPTY, errorText } from '../../lib/format';
import { fmtSize, readFileBase64, saveDownload } from '../../lib/files';
import { navigate } from '../../lib/router';
import type { Attachment, FollowUp, Meeting, MeetingType } from '../../../../shared/minutes';
import { MEETING_TYPE_LABELS } from '../../../../shared/minutes';
import { MEETING_FIELD_LABELS } from '../../../../shared/domain/labels';
import { AuditSection } from '../../components/AuditSection';
import { useOrgs } from '../../lib/orgs';
import { TypeTag } from './MinutesPage';
import { ActionLink } from '../../components/RecordLink';

export function timeText(m: Pick<Meeting, 'heldOn' | 'startTime' | 'endTime'>): string {
  return [m.heldOn, m.startTime && (m.endTime ? `${m.startTime}—${m.endTime}` : m.startTime)].filter(Boolean).join(' ');
}

const STATE_TAGS: Record<Attachment['state'], ReactNode> = {
  ok: <Tag color="green">完好</Tag>,
  missing: <Tag color="red">文件缺失</Tag>,
  changed: <Tag color="red">内容被改动</Tag>,
};

export function MeetingDetail({ id }: { id: number }) {
  const { message, modal } = App.useApp();
  const [m, setM] = useState<Meeting | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const load = useCallback(async () => {
    try {
      setM(await api['minutes.get']({ id }));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);
  const loadAudit = useCallback(() => api['minutes.audit']({ id }), [id]);
  const { byId } = useOrgs();
  const orgName = (orgId: number) => byId.get(orgId)?.name;
  if (error) return <div className="page"><Alert type="error" showIcon title={error} /></div>;
  if (!m) return <div className="page muted">正在读取…</div>;

  const attach = async (files: FileList | null) => {
    if (!files?.length) return;
    setBusy(true);
    try {
      const list = [];
      for (const f of Array.from(files)) list.push({ fileName: f.name, dataBase64: await readFileBase64(f) });
      const next = await api['minutes.attach']({ meetingId: m.id, files: list });
      setM(next);
      message.success(`已添加 ${list.length} 个附件`);
    } catch (e) {
      message.error(e instanceof Error && !(e as { code?: string }).code ? e.message : errorText(e));
    } finally {
      setBusy(false);
      if (fileInput.current) fileInput.current.value = '';
    }
  };
  const open = async (a: Attachment) => {
    try {
      const r = await api['minutes.openAttachment']({ id: a.id });
      if (!r.opened) saveDownload(await api['minutes.downloadAttachment']({ id: a.id }));
    } catch (e) {
      modal.error({ title: `无法打开“${a.fileName}”`, content: errorText(e) });
      void load();
    }
  };
  const detach = (a: Attachment) =>
    modal.confirm({
      title: `移除附件“${a.fileName}”？`,
      content: '只是从这条会议记录中移除，档案文件夹里的文件不会删除。',
      okText: '移除',
      cancelText: '取消',
      onOk: async () => {
        try {
          setM(await api['minutes.detach']({ meetingId: m.id, attachmentId: a.id }));
        } catch (e) {
          message.error(errorText(e));
        }
      },
    });
  const remove = () =>
    modal.confirm({
      title: `删除会议记录“${m.title}”？`,
      content: '删除后不能恢复（操作日志中留有记录）。附件文件仍保留在档案文件夹中。',
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await api['minutes.delete']({ id: m.id });
          message.success('会议记录已删除');
          navigate('/minutes');
        } catch (e) {
          message.error(errorText(e));
        }
      },
    });

  const present = m.attendees.filter((a) => a.present);
  const absent = m.attendees.filter((a) => !a.present);
  const problems = m.attachmentList.filter((a) => a.state !== 'ok');
  return (
    <div className="page meeting-detail">
      <div className="meeting-head">
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/minutes')}>
          返回列表
        </Button>
        <h1>{m.title}</h1>
        <TypeTag type={m.type} />
        <span style={{ flex: 1 }} />
        <Button icon={<EditOutlined />} onClick={() => navigate(`/minutes/${m.id}/edit`)}>
          编辑
        </Button>
        <Button icon={<PrinterOutlined />} onClick={() => navigate(`/minutes/${m.id}/print`)}>
          打印
        </Button>
        <Button danger icon={<DeleteOutlined />} onClick={remove}>
          删除
        </Button>
      </div>
      {problems.map((a) => (
        <Alert
          key={a.id}
          type="error"
          showIcon
          style={{ marginBottom: 8 }}
          title={
            a.state === 'missing'
              ? `附件“${a.fileName}”在档案文件夹中找不到了（可能被删除或移动）。请从备份中恢复档案文件夹。`
              : `附件“${a.fileName}”的内容与存档时不一致（文件被改动或损坏）。请从备份中恢复档案文件夹。`
          }
        />
      ))}
      <Descriptions bordered size="small" column={3} data-testid="meeting-details" className="meeting-desc">
        <Descriptions.Item label="会议时间">{timeText(m)}</Descriptions.Item>
        <Descriptions.Item label="会议地点">{m.place ?? EMPTY}</Descriptions.Item>
        <Descriptions.Item label="组织">{m.orgName ?? EMPTY}</Descriptions.Item>
        <Descriptions.Item label="主持人">{m.host ?? EMPTY}</Descriptions.Item>
        <Descriptions.Item label="记录人">{m.recorder ?? EMPTY}</Descriptions.Item>
        <Descriptions.Item label="来源">{m.importedFrom ? `导入自“${m.importedFrom}”` : '录入'}</Descriptions.Item>
        <Descriptions.Item label={`出席（${present.length} 人）`} span={3}>
          {present.length ? present.map((a) => a.name + (a.memberLeft ? '（已离开）' : '')).join('、') : EMPTY}
        </Descriptions.Item>
        <Descriptions.Item label={`缺席（${absent.length} 人）`} span={3}>
          {absent.length ? absent.map((a) => `${a.name}${a.reason ? `（${a.reason}）` : ''}`).join('、') : EMPTY}
        </Descriptions.Item>
      </Descriptions>
      <section className="meeting-section" aria-label="会议议题">
        <h2>会议议题</h2>
        <div className="meeting-text">{m.agenda ?? <span className="muted">（未填写）</span>}</div>
      </section>
      <section className="meeting-section" aria-label="会议内容">
        <h2>会议内容</h2>
        <div className="meeting-text" data-testid="meeting-minutes">
          {m.minutes ?? <span className="muted">（未填写）</span>}
        </div>
      </section>
      <section className="meeting-section" aria-label="决定事项">
        <h2>决定事项</h2>
        <div className="meeting-text">{m.decisions ?? <span className="muted">（未填写）</span>}</div>
      </section>
      {m.followUps.length > 0 && (
        <section className="meeting-section" aria-label="后续事项">
          <h2>后续事项</h2>
          <Table<FollowUp>
            size="small"
            pagination={false}
            rowKey={(_, i) => String(i)}
            dataSource={m.followUps}
            columns={[
              { title: '事项', dataIndex: 'item', key: 'item' },
              { title: '责任人', dataIndex: 'owner', key: 'owner', width: 120, render: (v: string | null) => v ?? EMPTY },
              { title: '完成期限', dataIndex: 'dueOn', key: 'dueOn', width: 120, render: (v: string | null) => v ?? EMPTY },
              { title: '完成日期', dataIndex: 'doneOn', key: 'doneOn', width: 120, render: (v: string | null) => v ?? <span className="muted">未完成</span> },
            ]}
          />
        </section>
      )}
      <section className="meeting-section" aria-label="附件">
        <h2>
          附件
          <input ref={fileInput} type="file" multiple hidden aria-label="选择附件文件" onChange={(e) => void attach(e.target.files)} />
          <Button size="small" icon={<PaperClipOutlined />} loading={busy} onClick={() => fileInput.current?.click()} style={{ marginLeft: 12 }}>
            添加附件
          </Button>
        </h2>
        <Table<Attachment>
          data-testid="meeting-attachments"
          size="small"
          pagination={false}
          rowKey="id"
          dataSource={m.attachmentList}
          locale={{ emptyText: '没有附件。签到表、照片、扫描件、Word 或 PDF 文件都可以添加。' }}
          columns={[
            {
              title: '文件',
              dataIndex: 'fileName',
              key: 'fileName',
              render: (v: string, a) => (
                <>
                  <ActionLink onClick={() => void open(a)}>
                    {v}
                  </ActionLink>
                  {a.original && <Tag style={{ marginLeft: 8 }}>原始文件</Tag>}
                </>
              ),
            },
            { title: '大小', dataIndex: 'size', key: 'size', width: 100, render: (v: number) => fmtSize(v) },
            {
              title: '文字',
              key: 'text',
              width: 200,
              render: (_: unknown, a) =>
                a.textLength > 0 ? (
                  `${a.textLength.toLocaleString('zh-CN')} 字，可查找`
                ) : (
                  <Tooltip title={a.textNote ?? ''}>
                    <span className="muted">{a.textNote === '正文已导入会议内容' ? '正文已导入会议内容' : '无可查找的文字'}</span>
                  </Tooltip>
                ),
            },
            { title: '状态', dataIndex: 'state', key: 'state', width: 110, render: (v: Attachment['state']) => STATE_TAGS[v] },
            {
              title: '',
              key: 'actions',
              width: 140,
              render: (_: unknown, a) => (
                <>
                  <Button size="small" type="link" onClick={() => void open(a)} disabled={a.state !== 'ok'}>
                    打开
                  </Button>
                  <Button size="small" type="link" danger onClick={() => detach(a)}>
                    移除
                  </Button>
                </>
              ),
            },
          ]}
        />
      </section>
      {m.note && (
        <section className="meeting-section" aria-label="备注">
          <h2>备注</h2>
          <div className="meeting-text">{m.note}</div>
        </section>
      )}
      <AuditSection load={loadAudit} version={m.updatedAt} labels={MEETING_FIELD_LABELS} actions={MEETING_ACTIONS} show={(f, v) => auditText(f, v, orgName)} />
    </div>
  );
}

const MEETING_ACTIONS: Record<string, string> = { create: '新建', attach: '添加附件', detach: '移除附件' };

/** A meeting's logged values in the clerk's words: long texts shortened, lists as names, codes as labels. */
function auditText(field: string, v: unknown, orgName: (id: number) => string | undefined): string | null {
  if (v == null || v === '') return null;
  if (field === 'type') return MEETING_TYPE_LABELS[v as MeetingType] ?? String(v);
  if (field === 'orgId' && typeof v === 'number') return orgName(v) ?? `已撤销的组织（编号 ${v}）`;
  if (field === 'attendees' && Array.isArray(v)) {
    const people = v as { name: string; present: boolean; reason: string | null }[];
    if (!people.length) return '（无）';
    const absent = people.filter((a) => !a.present);
    const present = people.filter((a) => a.present).map((a) => a.name).join('、') || '（无）';
    return absent.length ? `${present}；缺席：${absent.map((a) => (a.reason ? `${a.name}（${a.reason}）` : a.name)).join('、')}` : present;
  }
  if (field === 'followUps' && Array.isArray(v)) {
    const items = v as { item: string; doneOn: string | null }[];
    return items.length ? items.map((x) => `${x.item}${x.doneOn ? `（${x.doneOn} 完成）` : ''}`).join('；') : '（无）';
  }
  if (field === 'attachment' && typeof v === 'object') return (v as { fileName?: string }).fileName ?? null;
  if (typeof v === 'string' && v.length > 80) return `${v.slice(0, 80).replace(/\s+/g, ' ')}…（共 ${v.length} 字）`;
  return null;
}
