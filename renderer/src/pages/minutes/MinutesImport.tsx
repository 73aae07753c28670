/**
 * 导入旧会议记录: pick files or a whole folder (.docx, .doc, .pdf, .txt) → they are uploaded and read → a preview list
 * with the guessed type, date and title of each, which the clerk corrects and ticks → import (one transaction) →
 * what was imported and what was skipped, with the reason. Reading and importing run as jobs with progress and cancel.
 */
import { useMemo, useRef, useState } from 'react';
import { Alert, App, Button, DatePicker, Input, Progress, Result, Select, Steps, Table, Tag, Tooltip, TreeSelect } from 'antd';
import { ArrowLeftOutlined, FileAddOutlined, FolderOpenOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api } from '../../api/client';
import { errorText } from '../../lib/format';
import { bytesToBase64 } from '../../lib/files';
import { JobProgress, useJob } from '../../lib/jobs';
import { orgTreeOptions, useOrgs } from '../../lib/orgs';
import { navigate } from '../../lib/router';
import {
  MEETING_TYPES,
  MEETING_TYPE_LABELS,
  type MeetingType,
  type MinutesImportItem,
  type MinutesImportPreview,
  type MinutesImportResult,
  type StagedFile,
} from '../../../../shared/minutes';
import { DATE_FORMATS, fromIso, toIso } from '../members/dates';

const ACCEPT = '.docx,.doc,.pdf,.txt';
const MAX_FILE = 64 * 1024 * 1024;
/** Bytes per upload call: well under browser mode's limit for a request. */
const BATCH_BYTES = 12 * 1024 * 1024;

type Step = 'choose' | 'upload' | 'review' | 'done';

interface Choice {
  selected: boolean;
  type: MeetingType;
  heldOn: string | null;
  title: string;
}

export function MinutesImportPage() {
  const { message } = App.useApp();
  const { orgs } = useOrgs();
  const job = useJob();
  const [step, setStep] = useState<Step>('choose');
  const [uploaded, setUploaded] = useState<{ done: number; total: number }>({ done: 0, total: 0 });
  const [error, setError] = useState<string | null>(null);
  const [tooBig, setTooBig] = useState<string[]>([]);
  const [preview, setPreview] = useState<MinutesImportPreview | null>(null);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [orgId, setOrgId] = useState<number | null>(null);
  const [result, setResult] = useState<MinutesImportResult | null>(null);
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  const choose = async (list: FileList | null) => {
    const files = Array.from(list ?? []).filter((f) => !f.name.startsWith('.') && !f.name.startsWith('~$'));
    if (filesInput.current) filesInput.current.value = '';
    if (folderInput.current) folderInput.current.value = '';
    if (!files.length) return;
    setError(null);
    const big = files.filter((f) => f.size > MAX_FILE).map((f) => f.name);
    setTooBig(big);
    const ok = files.filter((f) => f.size <= MAX_FILE);
    setStep('upload');
    setUploaded({ done: 0, total: ok.length });
    try {
      const staged: StagedFile[] = [];
      let batch: { fileName: string; dataBase64: string }[] = [];
      let size = 0;
      const flush = async () => {
        if (!batch.length) return;
        staged.push(...(await api['minutes.stage']({ files: batch })));
        setUploaded({ done: staged.length, total: ok.length });
        batch = [];
        size = 0;
      };
      for (const f of ok) {
        let b64: string;
        try {
          b64 = bytesToBase64(new Uint8Array(await f.arrayBuffer()));
        } catch {
          throw new Error(`“${f.name}”读不出来：可能正在 Word 或 WPS 中打开，或已被移动。请关闭该文件后重新选择。`);
        }
        if (size + b64.length > BATCH_BYTES || batch.length >= 100) await flush();
        batch.push({ fileName: f.name, dataBase64: b64 });
        size += b64.length;
      }
      await flush();
      const s = await job.run(() => api['minutes.importPreview']({ files: staged.map((x) => ({ token: x.token, fileName: x.fileName })) }));
      if (!s) return;
      if (s.state === 'failed') throw new Error(s.error?.message ?? '读取文件没有完成，请重试。');
      if (s.state === 'cancelled') return void setStep('choose');
      const p = s.result as MinutesImportPreview;
      setPreview(p);
      setChoices(
        Object.fromEntries(p.items.map((i) => [i.token + i.fileName, { selected: i.ok && !i.duplicateOf, type: i.type, heldOn: i.heldOn, title: i.title }])),
      );
      setStep('review');
    } catch (e) {
      setError(e instanceof Error && !('code' in e) ? e.message : errorText(e));
      setStep('choose');
    }
  };

  const keyOf = (i: MinutesImportItem) => i.token + i.fileName;
  const selected = useMemo(() => (preview?.items ?? []).filter((i) => i.ok && choices[keyOf(i)]?.selected), [preview, choices]);
  const undated = selected.filter((i) => !choices[keyOf(i)]?.heldOn);
  const set = (i: MinutesImportItem, patch: Partial<Choice>) => setChoices((c) => ({ ...c, [keyOf(i)]: { ...c[keyOf(i)]!, ...patch } }));

  const commit = async () => {
    if (!selected.length) return void message.warning('请至少勾选一个要导入的文件');
    if (undated.length) return void message.error(`有 ${undated.length} 个文件没有会议日期，请在“会议日期”一列填写`);
    setError(null);
    try {
      const s = await job.run(() =>
        api['minutes.importCommit']({
          items: selected.map((i) => {
            const c = choices[keyOf(i)]!;
            return { token: i.token, fileName: i.fileName, type: c.type, heldOn: c.heldOn!, title: c.title.trim() || i.fileName, orgId };
          }),
        }),
      );
      if (!s || s.state === 'cancelled') return;
      if (s.state === 'failed') throw new Error(s.error?.message ?? '导入没有完成，数据没有改动。请重试。');
      setResult(s.result as MinutesImportResult);
      setStep('done');
    } catch (e) {
      setError(e instanceof Error && !('code' in e) ? e.message : errorText(e));
    }
  };

  const unreadable = (preview?.items ?? []).filter((i) => !i.ok);
  const current = step === 'choose' || step === 'upload' ? 0 : step === 'review' ? 1 : 2;
  return (
    <div className="page minutes-import">
      <div className="page-title">
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/minutes')}>
          返回会议纪要
        </Button>
        <h1 style={{ marginLeft: 12 }}>导入旧会议记录</h1>
      </div>
      <Steps current={current} size="small" style={{ maxWidth: 720, marginBottom: 16 }} items={[{ title: '选择文件' }, { title: '核对' }, { title: '完成' }]} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {tooBig.length > 0 && step !== 'done' && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`以下文件超过 64 MB，没有读取：${tooBig.join('、')}`} />
      )}

      {step === 'choose' && (
        <div className="panel import-choose">
          <p>
            可以一次选择多个文件，或选择整个文件夹（包括其中的子文件夹）。支持 Word 文档（.docx、.doc）、PDF 和文本文件（.txt，UTF-8 或 GBK）。
            每个文件成为一条会议记录，原文件作为附件保存；会议类型和日期从文件名和开头几行识别，导入前可以逐个核对修改。
          </p>
          <input ref={filesInput} type="file" multiple accept={ACCEPT} hidden aria-label="选择会议记录文件" onChange={(e) => void choose(e.target.files)} />
          <input
            ref={folderInput}
            type="file"
            multiple
            hidden
            aria-label="选择会议记录文件夹"
            {...({ webkitdirectory: '', directory: '' } as Record<string, string>)}
            onChange={(e) => void choose(e.target.files)}
          />
          <div style={{ display: 'flex', gap: 12 }}>
            <Button type="primary" size="large" icon={<FileAddOutlined />} onClick={() => filesInput.current?.click()}>
              选择文件
            </Button>
            <Button size="large" icon={<FolderOpenOutlined />} onClick={() => folderInput.current?.click()}>
              选择文件夹
            </Button>
          </div>
        </div>
      )}

      {step === 'upload' && (
        <div className="panel">
          {job.running ? (
            <JobProgress title="正在读取文件中的文字" status={job.status} onCancel={() => void job.cancel()} />
          ) : (
            <div className="job-progress" role="status">
              <div className="job-progress-title">正在上传文件</div>
              <Progress percent={uploaded.total ? Math.floor((uploaded.done / uploaded.total) * 100) : 0} />
              <div className="muted">
                {uploaded.done} / {uploaded.total}
              </div>
            </div>
          )}
        </div>
      )}

      {step === 'review' && preview && (
        <>
          <div className="panel import-review-bar">
            <span>
              共 {preview.items.length} 个文件：可导入 {preview.items.length - unreadable.length} 个
              {unreadable.length > 0 && <span className="text-error">，无法读取 {unreadable.length} 个（将跳过）</span>}；已勾选 {selected.length} 个。
            </span>
            <span className="filter">
              <label className="filter-label" htmlFor="import-org">
                所属组织
              </label>
              <TreeSelect<number>
                id="import-org"
                allowClear
                showSearch={{ treeNodeFilterProp: 'title' }}
                placeholder="（可不选）"
                value={orgId ?? undefined}
                onChange={(v) => setOrgId(v ?? null)}
                treeData={orgTreeOptions(orgs)}
                treeDefaultExpandAll
                style={{ width: 240 }}
                popupMatchSelectWidth={340}
              />
            </span>
            <span style={{ flex: 1 }} />
            <Button onClick={() => (setStep('choose'), setPreview(null))} disabled={job.running}>
              重新选择
            </Button>
            <Button type="primary" onClick={() => void commit()} loading={job.running} disabled={!selected.length}>
              导入 {selected.length} 个文件
            </Button>
          </div>
          {job.running && <JobProgress title="正在导入" status={job.status} onCancel={() => void job.cancel()} />}
          <Table<MinutesImportItem>
            data-testid="minutes-import-preview"
            size="small"
            rowKey={keyOf}
            dataSource={preview.items}
            pagination={preview.items.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            rowSelection={{
              selectedRowKeys: selected.map(keyOf),
              getCheckboxProps: (i) => ({ disabled: !i.ok, 'aria-label': `导入${i.fileName}` }),
              onChange: (keys) => {
                const on = new Set(keys.map(String));
                setChoices((c) => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, { ...v, selected: on.has(k) }])));
              },
            }}
            columns={[
              {
                title: '文件',
                dataIndex: 'fileName',
                key: 'file',
                width: 260,
                ellipsis: true,
                render: (v: string, i) => (
                  <Tooltip title={i.excerpt || undefined} placement="right">
                    <span>{v}</span>
                  </Tooltip>
                ),
              },
              {
                title: '读取结果',
                key: 'state',
                width: 230,
                render: (_: unknown, i) =>
                  !i.ok ? (
                    <span className="text-error">{i.reason}</span>
                  ) : i.duplicateOf ? (
                    <Tag color="gold" title={`已导入过：${i.duplicateOf.title}`} style={{ maxWidth: 216, overflow: 'hidden', textOverflow: 'ellipsis', verticalAlign: 'middle' }}>
                      已导入过：{i.duplicateOf.title}
                    </Tag>
                  ) : (
                    <span className="muted">
                      {i.format?.toUpperCase()}，{i.chars.toLocaleString('zh-CN')} 字
                    </span>
                  ),
              },
              {
                title: '会议类型',
                key: 'type',
                width: 150,
                render: (_: unknown, i) =>
                  i.ok ? (
                    <Select<MeetingType>
                      size="small"
                      aria-label={`${i.fileName}的会议类型`}
                      value={choices[keyOf(i)]?.type}
                      onChange={(type) => set(i, { type })}
                      style={{ width: 136 }}
                      options={MEETING_TYPES.map((t) => ({ value: t, label: MEETING_TYPE_LABELS[t] }))}
                    />
                  ) : null,
              },
              {
                title: '会议日期',
                key: 'heldOn',
                width: 150,
                render: (_: unknown, i) =>
                  i.ok ? (
                    <DatePicker
                      size="small"
                      aria-label={`${i.fileName}的会议日期`}
                      format={DATE_FORMATS}
                      status={choices[keyOf(i)]?.selected && !choices[keyOf(i)]?.heldOn ? 'error' : undefined}
                      value={fromIso(choices[keyOf(i)]?.heldOn)}
                      onChange={(d) => set(i, { heldOn: toIso(d) })}
                      disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                      placeholder="请填写"
                      style={{ width: 136 }}
                    />
                  ) : null,
              },
              {
                title: '会议名称',
                key: 'title',
                render: (_: unknown, i) =>
                  i.ok ? (
                    <Input size="small" aria-label={`${i.fileName}的会议名称`} value={choices[keyOf(i)]?.title} maxLength={100} onChange={(e) => set(i, { title: e.target.value })} />
                  ) : null,
              },
            ]}
          />
        </>
      )}

      {step === 'done' && result && (
        <Result
          status={result.created.length ? 'success' : 'warning'}
          title={`已导入 ${result.created.length} 份会议记录`}
          subTitle={result.skipped.length ? `另有 ${result.skipped.length} 个文件没有导入，原因见下表。` : '每个原文件都已作为附件保存在档案文件夹中。'}
          extra={[
            <Button key="list" type="primary" onClick={() => navigate('/minutes')}>
              查看会议记录
            </Button>,
            <Button key="more" onClick={() => (setStep('choose'), setPreview(null), setResult(null))}>
              继续导入
            </Button>,
          ]}
        >
          {result.skipped.length + unreadable.length > 0 && (
            <Table
              size="small"
              pagination={false}
              rowKey={(r) => r.fileName}
              dataSource={[...unreadable.map((i) => ({ fileName: i.fileName, reason: i.reason ?? '' })), ...result.skipped]}
              columns={[
                { title: '没有导入的文件', dataIndex: 'fileName', key: 'f', width: 320 },
                { title: '原因', dataIndex: 'reason', key: 'r' },
              ]}
            />
          )}
        </Result>
      )}
    </div>
  );
}
