/**
 * 导入组织: choose the district's organisation list → preview (counts, every row with its status, what changes
 * old → new, every error with its row and column) → import the valid rows, or all or nothing → done.
 * Nothing is written before the clerk chooses; checking and importing run as jobs with progress and cancel.
 */
import { useMemo, useState } from 'react';
import { Alert, App, Button, Modal, Result, Segmented, Table, Tag, Tooltip } from 'antd';
import { api } from '../../api/client';
import type { ImportIssue, JobStatus, OrgImportPreview, OrgImportResult, OrgImportRowReport } from '../../../../shared/contract';
import { ORG_KIND_LABELS } from '../../../../shared/domain/labels';
import { ORG_COLUMNS } from '../../../../shared/import/orgColumns';
import { EMPTY, errorText } from '../../lib/format';
import { fmtSize, readFileBase64 } from '../../lib/files';
import { JobProgress, useJob } from '../../lib/jobs';
import { SpreadsheetDropZone } from '../../components/SpreadsheetDropZone';

const MAX_BYTES = 64 * 1024 * 1024;

const STATUS: Record<OrgImportRowReport['status'], { label: string; color: string }> = {
  new: { label: '新增', color: 'green' },
  changed: { label: '更新', color: 'blue' },
  unchanged: { label: '未变', color: 'default' },
  error: { label: '有误', color: 'red' },
};
const FIELD_HEADER = new Map(ORG_COLUMNS.map((c) => [c.field, c.header]));

type Step = 'file' | 'preview' | 'commit' | 'done';
type Filter = 'all' | OrgImportRowReport['status'];

interface ChosenFile {
  name: string;
  base64: string;
}

/** “D 列（上级组织）“幸福社区党委”：message” — the way the clerk finds the cell in their file. */
function issueText(i: ImportIssue): string {
  return `${i.column ? `${i.column}` : ''}${i.value ? `“${i.value}”` : ''}${i.column || i.value ? '：' : ''}${i.message}`;
}

export function OrgImportModal(props: { onClose: () => void; onImported: () => void }) {
  const { message } = App.useApp();
  const job = useJob();
  const [step, setStep] = useState<Step>('file');
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [reading, setReading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<OrgImportPreview | null>(null);
  const [result, setResult] = useState<OrgImportResult | null>(null);

  const close = () => {
    if (job.running) void job.cancel();
    props.onClose();
  };

  const onChoose = async (chosen: File) => {
    setError(null);
    if (!/\.(xlsx|xls|csv)$/i.test(chosen.name)) return setError(`“${chosen.name}”不是表格文件。请选择 Excel（.xlsx、.xls）或 CSV 文件。`);
    if (chosen.size > MAX_BYTES) return setError(`“${chosen.name}”有 ${fmtSize(chosen.size)}，超过 64 MB，不像是党组织名单。请确认选择的文件。`);
    if (chosen.size === 0) return setError(`“${chosen.name}”是空文件（0 字节），请检查后重新选择。`);
    setReading(true);
    let f: ChosenFile;
    try {
      f = { name: chosen.name, base64: await readFileBase64(chosen) };
    } catch (e) {
      return setError(e instanceof Error ? e.message : errorText(e));
    } finally {
      setReading(false);
    }
    setFile(f);
    let s: JobStatus | null;
    try {
      s = await job.run(() => api['orgs.importPreview']({ fileName: f.name, dataBase64: f.base64 }));
    } catch (e) {
      return setError(errorText(e));
    }
    if (!s) return;
    if (s.state === 'done' && s.result && 'rows' in s.result && Array.isArray(s.result.rows)) {
      setPreview(s.result as OrgImportPreview);
      setStep('preview');
    } else if (s.state === 'cancelled') void message.info('已取消检查');
    else if (s.state === 'failed') setError(s.error?.message ?? errorText(null));
  };

  const commit = async (mode: 'valid' | 'strict') => {
    if (!file) return;
    setError(null);
    setStep('commit');
    let s: JobStatus | null;
    try {
      s = await job.run(() => api['orgs.importCommit']({ fileName: file.name, dataBase64: file.base64, mode }));
    } catch (e) {
      setError(errorText(e));
      setStep('preview');
      return;
    }
    if (!s) return;
    if (s.state === 'done' && s.result && 'batchId' in s.result) {
      setResult(s.result as OrgImportResult);
      setStep('done');
      props.onImported();
    } else {
      if (s.state === 'cancelled') void message.info('已取消导入，组织没有改动');
      else setError(s.error?.message ?? errorText(null));
      setStep('preview');
    }
  };

  const again = () => {
    setStep('file');
    setFile(null);
    setPreview(null);
    setResult(null);
    setError(null);
  };

  const counts = preview?.counts;
  const importable = counts ? counts.new + counts.changed : 0;

  const footer =
    step === 'preview' && counts ? (
      <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
        <span className="muted" style={{ marginRight: 'auto' }}>
          {importable > 0
            ? `可导入 ${importable} 行${counts.errors ? `，${counts.errors} 行有误将跳过` : ''}${counts.unchanged ? `，${counts.unchanged} 行未变` : ''}`
            : '没有需要写入的行'}
        </span>
        <Button onClick={again}>重新选择文件</Button>
        <Button onClick={close}>取消</Button>
        <Tooltip title={counts.errors ? `有 ${counts.errors} 行有误：改正后重新选择文件，或选择“导入正确的行”` : undefined}>
          <Button disabled={counts.errors > 0 || importable === 0} onClick={() => void commit('strict')}>
            全部正确才导入
          </Button>
        </Tooltip>
        <Button type="primary" disabled={importable === 0} onClick={() => void commit('valid')}>
          导入正确的行{importable > 0 ? `（${importable} 行）` : ''}
        </Button>
      </div>
    ) : step === 'done' ? (
      <Button type="primary" onClick={props.onClose}>
        完成
      </Button>
    ) : step === 'file' ? (
      <Button onClick={close}>取消</Button>
    ) : null;

  return (
    <Modal
      open
      title="导入组织"
      width={step === 'file' ? 720 : 1120}
      centered
      onCancel={close}
      mask={{ closable: false }}
      footer={footer}
      destroyOnHidden
      styles={{ body: { maxHeight: 'calc(100vh - 190px)', overflowY: 'auto' } }}
    >
      {error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          title={step === 'preview' ? '导入没有完成' : '文件检查没有完成'}
          description={error}
          closable={{ onClose: () => setError(null) }}
          data-testid="org-import-error"
        />
      )}
      {step === 'file' &&
        (job.running || reading ? (
          <JobProgress
            title={`正在检查“${file?.name ?? ''}”`}
            status={reading ? { id: '', kind: 'orgs.importPreview', state: 'running', stage: '读取文件', done: 0, total: 0 } : job.status}
            onCancel={reading ? undefined : () => void job.cancel()}
          />
        ) : (
          <>
            <SpreadsheetDropZone
              label="选择要导入的组织名单"
              text="点击选择组织名单，或把文件拖到这里"
              hint="支持 Excel（.xlsx、.xls）和 CSV 文件。先检查、再由您决定是否导入，检查时不会改动组织。"
              onChoose={(f) => void onChoose(f)}
            />
            <ul className="muted" style={{ margin: '12px 0 0', paddingLeft: 20, fontSize: 13, lineHeight: 1.8 }}>
              <li>
                每个党组织占一行，至少要有<b>组织名称</b>、<b>组织类别</b>、<b>上级组织</b>三列；可以再有书记、联系电话、建立日期、建立文号、所在单位（多个单位用顿号分隔，最多 5 个）、选举日期、任期、备注。
              </li>
              <li>表头可以不在第一行（上面有标题、填报单位也可以）；“党组织名称”“上级党组织”“成立时间”等常见写法都能识别。</li>
              <li>上级组织写组织全称，可以是表格里的另一行（写在前面、后面都可以），也可以是系统里已有的组织，如本街道党工委。</li>
              <li>已有的组织按名称对应，只更新表格里填了的内容；空白的格不会清除已有内容。</li>
            </ul>
          </>
        ))}
      {step === 'preview' && preview && <PreviewView preview={preview} />}
      {step === 'commit' && (
        <>
          <JobProgress title={`正在导入“${file?.name ?? ''}”`} status={job.status} onCancel={() => void job.cancel()} cancelLabel="取消导入" />
          <div className="muted" style={{ textAlign: 'center', marginTop: 8 }}>
            导入在一个事务中完成：取消或出错时，组织保持原样。
          </div>
        </>
      )}
      {step === 'done' && result && <Done result={result} onAgain={again} />}
    </Modal>
  );
}

function PreviewView({ preview }: { preview: OrgImportPreview }) {
  const { counts } = preview;
  const [filter, setFilter] = useState<Filter>(counts.errors > 0 ? 'error' : 'all');
  const rows = useMemo(() => (filter === 'all' ? preview.rows : preview.rows.filter((r) => r.status === filter)), [preview.rows, filter]);
  const mapped = preview.columns.filter((c) => c.field);
  const skipped = preview.columns.filter((c) => !c.field && c.header);
  return (
    <div data-testid="org-import-preview">
      <div className="import-source">
        <span>
          文件：<b>{preview.fileName}</b>
        </span>
        <span data-testid="detected-sheet">
          工作表“{preview.sheetName}”，第 {preview.headerRow} 行为表头
        </span>
        <span className="muted">
          识别的列：{mapped.map((c) => (c.header === FIELD_HEADER.get(c.field!) ? c.header : `${c.header}（${FIELD_HEADER.get(c.field!)}）`)).join('、')}
          {skipped.length > 0 && `；不导入：${skipped.map((c) => c.header).join('、')}`}
        </span>
      </div>
      <div className="import-counts" data-testid="org-import-counts">
        <Count label="共" value={counts.rows} unit="行" kind="total" />
        <Count label="新增" value={counts.new} kind="new" />
        <Count label="更新" value={counts.changed} kind="changed" />
        <Count label="未变" value={counts.unchanged} kind="unchanged" />
        <Count label="有误" value={counts.errors} kind="error" />
      </div>
      <Segmented<Filter>
        style={{ margin: '12px 0 8px' }}
        value={filter}
        onChange={setFilter}
        aria-label="按状态查看"
        options={[
          { value: 'all', label: `全部 ${counts.rows}` },
          { value: 'error', label: `有误 ${counts.errors}`, disabled: !counts.errors },
          { value: 'new', label: `新增 ${counts.new}`, disabled: !counts.new },
          { value: 'changed', label: `更新 ${counts.changed}`, disabled: !counts.changed },
          { value: 'unchanged', label: `未变 ${counts.unchanged}`, disabled: !counts.unchanged },
        ]}
      />
      <Table<OrgImportRowReport>
        size="small"
        rowKey="row"
        dataSource={rows}
        aria-label="导入预览"
        pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        scroll={{ y: 'calc(100vh - 470px)' }}
        columns={[
          { title: '行号', dataIndex: 'row', width: 64 },
          {
            title: '状态',
            dataIndex: 'status',
            width: 72,
            render: (s: OrgImportRowReport['status']) => <Tag color={STATUS[s].color}>{STATUS[s].label}</Tag>,
          },
          { title: '组织名称', dataIndex: 'name', width: 230, render: (v: string | null) => v ?? EMPTY },
          { title: '组织类别', dataIndex: 'kind', width: 110, render: (k: OrgImportRowReport['kind']) => (k ? ORG_KIND_LABELS[k] : EMPTY) },
          { title: '上级组织', dataIndex: 'parentName', width: 190, render: (v: string | null) => v ?? EMPTY },
          { title: '说明', key: 'detail', render: (_: unknown, r) => <RowDetail r={r} /> },
        ]}
      />
    </div>
  );
}

function RowDetail({ r }: { r: OrgImportRowReport }) {
  return (
    <div className="row-detail">
      {r.issues.map((i, k) => (
        <div key={`i${k}`} className="issue">
          {issueText(i)}
        </div>
      ))}
      {r.status !== 'error' && r.changes.length > 0 && (
        <ul className="row-changes">
          {r.changes.map((c) => (
            <li key={c.field} className="row-change">
              <span className="label">{c.label}：</span>
              {r.status === 'changed' && (
                <>
                  <span className="old">{c.old ?? <span className="empty">（空）</span>}</span>
                  <span className="arrow"> → </span>
                </>
              )}
              <span className="new">{c.new ?? <span className="empty">（空）</span>}</span>
            </li>
          ))}
        </ul>
      )}
      {r.status === 'unchanged' && <span className="muted">与系统中的记录相同</span>}
      {r.warnings.map((w, k) => (
        <div key={`w${k}`} className="warning">
          {w}
        </div>
      ))}
    </div>
  );
}

function Count({ label, value, unit, kind }: { label: string; value: number; unit?: string; kind: string }) {
  return (
    <div className={`import-count ${kind}${value === 0 ? ' zero' : ''}`} data-testid={`count-${kind}`}>
      <span className="label">{label}</span>
      <span className="num">{value}</span>
      {unit && <span className="unit">{unit}</span>}
    </div>
  );
}

function Done({ result, onAgain }: { result: OrgImportResult; onAgain: () => void }) {
  const skipped = new Set(result.errors.map((e) => e.row)).size;
  return (
    <Result
      status={skipped ? 'warning' : 'success'}
      title={skipped ? `导入完成，有误的 ${skipped} 行没有导入` : '导入完成'}
      subTitle={
        <span>
          “{result.fileName}”，批次号 <span className="id-number" data-testid="org-batch-id">{result.batchId}</span>
        </span>
      }
      extra={<Button onClick={onAgain}>继续导入</Button>}
      style={{ padding: '16px 0 0' }}
    >
      <div className="import-counts" data-testid="org-done-counts" style={{ justifyContent: 'center' }}>
        <Count label="共" value={result.rows} unit="行" kind="total" />
        <Count label="新增" value={result.inserted} kind="new" />
        <Count label="更新" value={result.updated} kind="changed" />
        <Count label="未变" value={result.unchanged} kind="unchanged" />
        {skipped > 0 && <Count label="未导入" value={skipped} unit="行" kind="error" />}
      </div>
      <ul className="done-notes">
        <li>
          {result.backupFile ? (
            <>
              导入前已自动备份数据：<span className="id-number">{result.backupFile}</span>
            </>
          ) : (
            '这次导入没有写入数据，未做备份。'
          )}
        </li>
        <li>每一处改动都记入了组织的操作日志，注明本次导入的批次号。</li>
      </ul>
      {result.errors.length > 0 && (
        <Table<ImportIssue & { key: number }>
          size="small"
          title={() => '没有导入的行'}
          dataSource={result.errors.map((e, key) => ({ ...e, key }))}
          pagination={{ pageSize: 5, hideOnSinglePage: true }}
          columns={[
            { title: '行号', dataIndex: 'row', width: 64 },
            { title: '错误说明', key: 'text', render: (_: unknown, e) => issueText(e) },
          ]}
        />
      )}
    </Result>
  );
}
