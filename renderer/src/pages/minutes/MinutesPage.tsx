/**
 * 会议纪要: the records (search with highlighted snippets, filters by type, organisation and dates, newest first),
 * a record's page, the form, the import of old files, the 三会一课 overview and the A4 print of one record.
 * Routes: #/minutes, #/minutes/new, #/minutes/import, #/minutes/overview, #/minutes/<id>, …/<id>/edit, …/<id>/print.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, DatePicker, Empty, Input, Modal, Pagination, Select, Spin, Tabs, Tag, TreeSelect } from 'antd';
import { CloudUploadOutlined, PlusOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { JobProgress, useJob } from '../../lib/jobs';
import { errorText } from '../../lib/format';
import { navigate } from '../../lib/router';
import { orgTreeOptions, useOrgs } from '../../lib/orgs';
import { useDebounced } from '../../lib/useDebounced';
import { MEETING_TYPES, MEETING_TYPE_LABELS, type ArchiveCheck, type MeetingHit, type MeetingType, type MinutesListResult, type SnippetPart } from '../../../../shared/minutes';
import { DATE_FORMATS } from '../members/dates';
import { MeetingDetail } from './MeetingDetail';
import { MeetingFormPage } from './MeetingForm';
import { MinutesImportPage } from './MinutesImport';
import { OverviewPage } from './Overview';
import { PrintPage } from './PrintSheet';
import './minutes.css';

export function MinutesPage({ path }: { path: string }) {
  const [, , a, b] = path.split('/');
  const id = a && /^\d+$/.test(a) ? Number(a) : null;
  if (a === 'new') return <MeetingFormPage key="new" meetingId={null} />;
  if (a === 'import') return <MinutesImportPage />;
  if (id != null && b === 'edit') return <MeetingFormPage key={`edit-${id}`} meetingId={id} />;
  if (id != null && b === 'print') return <PrintPage id={id} />;
  if (id != null) return <MeetingDetail key={id} id={id} />;
  return <MinutesHome tab={a === 'overview' ? 'overview' : 'list'} />;
}

const TYPE_COLORS: Record<MeetingType, string> = {
  memberAssembly: 'red',
  committee: 'volcano',
  groupMeeting: 'orange',
  partyLesson: 'gold',
  jointMeeting: 'blue',
  coordinationCommittee: 'geekblue',
  themeDay: 'green',
  other: 'default',
};

export function TypeTag({ type }: { type: MeetingType }) {
  return <Tag color={TYPE_COLORS[type]}>{MEETING_TYPE_LABELS[type]}</Tag>;
}

/** A snippet with its matches marked: plain text nodes, never HTML. */
export function Snippet({ parts }: { parts: SnippetPart[] }) {
  return (
    <span className="minutes-snippet">
      {parts.map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </span>
  );
}

function MinutesHome({ tab }: { tab: 'list' | 'overview' }) {
  return (
    <div className="page minutes-page">
      <div className="page-title">
        <h1>会议纪要</h1>
        <Tabs
          className="minutes-tabs"
          activeKey={tab}
          onChange={(k) => navigate(k === 'overview' ? '/minutes/overview' : '/minutes')}
          items={[
            { key: 'list', label: '会议记录' },
            { key: 'overview', label: '三会一课' },
          ]}
        />
        <div className="actions">
          <Button icon={<CloudUploadOutlined />} onClick={() => navigate('/minutes/import')}>
            导入旧记录
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/minutes/new')}>
            新建会议记录
          </Button>
        </div>
      </div>
      {tab === 'overview' ? <OverviewPage /> : <MinutesList />}
    </div>
  );
}

function MinutesList() {
  const { orgs } = useOrgs();
  const { modal } = App.useApp();
  const [q, setQ] = useState('');
  const dq = useDebounced(q, 250);
  const [type, setType] = useState<MeetingType | undefined>();
  const [orgId, setOrgId] = useState<number | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [page, setPage] = useState(1);
  const [result, setResult] = useState<MinutesListResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  // 检查附件 runs as a job (hashing every archived file can take a while): progress and 取消 under the filters.
  const check = useJob();
  const from = range?.[0]?.format('YYYY-MM-DD');
  const to = range?.[1]?.format('YYYY-MM-DD');
  useEffect(() => setPage(1), [dq, type, orgId, from, to]);
  const load = useCallback(async () => {
    setLoading(true);
    try {
      setResult(await api['minutes.list']({ q: dq.trim() || undefined, type, orgId, from, to, page, pageSize: 20 }));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setLoading(false);
    }
  }, [dq, type, orgId, from, to, page]);
  useEffect(() => {
    void load();
  }, [load]);

  const checkArchive = async () => {
    try {
      const s = await check.run(() => api['minutes.checkArchive']({}));
      if (!s || s.state === 'cancelled') return;
      if (s.state === 'failed') throw new Error(s.error?.message ?? '附件检查没有完成，请重试。');
      const r = s.result as ArchiveCheck;
      if (!r.problems.length) modal.success({ title: '附件检查完成', content: `共检查 ${r.checked} 个文件（会议附件和共驻共建活动照片），文件都在，内容与存档时一致。` });
      else
        modal.error({
          title: `有 ${r.problems.length} 个文件有问题`,
          width: 620,
          content: (
            <div>
              <p>请从备份中恢复档案文件夹（archive）。有问题的附件和照片：</p>
              <ul className="archive-problems">
                {r.problems.map((p) =>
                  'photoId' in p ? (
                    <li key={`photo-${p.photoId}`}>
                      照片“{p.fileName}”（共驻共建活动：
                      <a href={`#/cobuilding/activities/${p.activityId}`} onClick={() => Modal.destroyAll()}>
                        {p.activityTitle}
                      </a>
                      ）：{p.state === 'missing' ? '文件找不到了' : '内容被改动过'}
                    </li>
                  ) : (
                    <li key={p.attachmentId}>
                      “{p.fileName}”（会议记录：
                      <a href={`#/minutes/${p.meetingId}`} onClick={() => Modal.destroyAll()}>
                        {p.meetingTitle}
                      </a>
                      ）：{p.state === 'missing' ? '文件找不到了' : '内容被改动过'}
                    </li>
                  ),
                )}
              </ul>
            </div>
          ),
        });
    } catch (e) {
      modal.error({ title: '附件检查没有完成', content: e instanceof Error && !(e as { code?: string }).code ? e.message : errorText(e) });
    }
  };

  const searching = !!dq.trim();
  return (
    <>
      <div className="filters minutes-filters">
        <Input.Search
          aria-label="查找会议记录"
          allowClear
          placeholder="查找会议名称、内容、决定事项、附件中的文字（两个字也可以）"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          style={{ width: 440 }}
          maxLength={100}
        />
        <span className="filter">
          <label className="filter-label" htmlFor="minutes-type">
            类型
          </label>
          <Select<MeetingType>
            id="minutes-type"
            allowClear
            placeholder="全部"
            value={type}
            onChange={setType}
            style={{ width: 150 }}
            options={MEETING_TYPES.map((t) => ({ value: t, label: MEETING_TYPE_LABELS[t] }))}
          />
        </span>
        <span className="filter">
          <label className="filter-label" htmlFor="minutes-org">
            组织
          </label>
          <TreeSelect<number>
            id="minutes-org"
            allowClear
            showSearch={{ treeNodeFilterProp: 'title' }}
            placeholder="全部（含下级）"
            value={orgId}
            onChange={setOrgId}
            treeData={orgTreeOptions(orgs)}
            treeDefaultExpandAll
            style={{ width: 220 }}
            popupMatchSelectWidth={320}
          />
        </span>
        <span className="filter">
          <span className="filter-label">日期</span>
          <DatePicker.RangePicker aria-label="会议日期范围" format={DATE_FORMATS} value={range} onChange={(v) => setRange(v as [Dayjs | null, Dayjs | null] | null)} style={{ width: 250 }} />
        </span>
        <Button icon={<SafetyCertificateOutlined />} loading={check.running} onClick={checkArchive} style={{ marginLeft: 'auto' }}>
          检查附件
        </Button>
      </div>
      {check.running && <JobProgress title="正在检查附件（会议附件和共驻共建活动照片）" status={check.status} onCancel={() => void check.cancel()} />}
      {error && <Alert type="error" showIcon title={error} style={{ margin: '12px 0' }} />}
      <div className="minutes-summary muted" role="status">
        {result && (searching ? `找到 ${result.capped ? `${result.total} 多` : result.total} 条会议记录，按日期从近到远排列${result.capped ? '（可以多写几个词，或按类型、组织、日期缩小范围）' : ''}` : `共 ${result.capped ? `${result.total} 多` : result.total} 条会议记录`)}
      </div>
      <Spin spinning={loading && !!result}>
        {result && result.rows.length === 0 ? (
          <Empty description={searching ? `没有找到包含“${dq.trim()}”的会议记录` : '还没有会议记录。可以新建，或导入以前的 Word、PDF 记录。'} />
        ) : (
          <ol className="minutes-results" data-testid="minutes-results">
            {(result?.rows ?? []).map((r) => (
              <HitRow key={r.id} r={r} />
            ))}
          </ol>
        )}
      </Spin>
      {result && result.total > 20 && (
        <Pagination current={page} pageSize={20} total={result.total} showSizeChanger={false} onChange={setPage} style={{ marginTop: 12, textAlign: 'right' }} />
      )}
    </>
  );
}

function HitRow({ r }: { r: MeetingHit }) {
  const open = () => navigate(`/minutes/${r.id}`);
  return (
    <li className="minutes-hit">
      <div className="hit-head">
        <span className="hit-date">{r.heldOn}</span>
        <TypeTag type={r.type} />
        <a
          className="hit-title"
          href={`#/minutes/${r.id}`}
          onClick={(e) => {
            e.preventDefault();
            open();
          }}
        >
          {r.title}
        </a>
        <span className="hit-meta muted">
          {[r.orgName, r.place, r.host && `主持：${r.host}`, r.present + r.absent > 0 && `出席 ${r.present} 人${r.absent ? `，缺席 ${r.absent} 人` : ''}`, r.attachments > 0 && `附件 ${r.attachments} 个`]
            .filter(Boolean)
            .join(' · ')}
        </span>
      </div>
      {r.snippet.length > 0 && (
        <div className="hit-snippet">
          <Snippet parts={r.snippet} />
        </div>
      )}
    </li>
  );
}
