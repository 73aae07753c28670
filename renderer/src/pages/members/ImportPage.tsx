/**
 * 导入党员: choose a spreadsheet → preview (counts, mapping, errors, new branches) → import → done.
 * Nothing is written before the clerk chooses; preview and import run as jobs with progress and cancel.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Result, Steps, Table, Tooltip } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { api } from '../../api/client';
import type { ImportIssue, ImportPreview, ImportResult, JobStatus } from '../../../../shared/contract';
import type { ImportField } from '../../../../shared/import/columns';
import { errorText } from '../../lib/format';
import { fmtSize, readFileBase64, saveDownload } from '../../lib/files';
import { JobProgress, useJob } from '../../lib/jobs';
import { useOrgs } from '../../lib/orgs';
import { navigate } from '../../lib/router';
import { TemplateButton } from './excelActions';
import { ImportHistory } from './ImportHistory';
import { ImportPreviewView, issueText, type BranchChoice } from './ImportPreviewView';
import { SpreadsheetDropZone } from '../../components/SpreadsheetDropZone';

const MAX_BYTES = 64 * 1024 * 1024;

interface ChosenFile {
  name: string;
  size: number;
  base64: string;
}

type Step = 'file' | 'preview' | 'commit' | 'done';
const STEP_INDEX: Record<Step, number> = { file: 0, preview: 1, commit: 2, done: 3 };

export function ImportPage() {
  const { message } = App.useApp();
  const { reload: reloadOrgs } = useOrgs();
  const job = useJob();
  const [step, setStep] = useState<Step>('file');
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [reading, setReading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Whether the error is from checking the file or from importing it (both are shown on the preview step). */
  const [errorFrom, setErrorFrom] = useState<'check' | 'commit'>('check');
  const [preview, setPreview] = useState<{ jobId: string; data: ImportPreview } | null>(null);
  const [mapping, setMapping] = useState<Record<string, ImportField | null> | undefined>(undefined);
  const [branchChoices, setBranchChoices] = useState<Record<string, BranchChoice>>({});
  const [result, setResult] = useState<ImportResult | null>(null);
  const [historyKey, setHistoryKey] = useState(0);
  const [annotating, setAnnotating] = useState(false);
  // An error appears above the preview: bring it into view (the clerk may have scrolled down to the rows).
  const errorBox = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) errorBox.current?.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
  }, [error]);
  /** Why the preview is being run again (shown over the old preview while it runs). */
  const [rerun, setRerun] = useState<string>('');

  const reset = useCallback(() => {
    setStep('file');
    setFile(null);
    setPreview(null);
    setMapping(undefined);
    setBranchChoices({});
    setResult(null);
    setError(null);
  }, []);

  /**
   * Runs the preview job (on the sheet given, or the one that fits best); on success shows the preview, otherwise
   * says why and stays where it was.
   */
  const runPreview = async (f: ChosenFile, map: Record<string, ImportField | null> | undefined, sheetIndex?: number) => {
    setError(null);
    setErrorFrom('check');
    let s: JobStatus | null;
    try {
      s = await job.run(() =>
        api['import.preview']({
          fileName: f.name,
          dataBase64: f.base64,
          ...(map ? { mapping: map } : {}),
          ...(sheetIndex !== undefined ? { sheetIndex } : {}),
        }),
      );
    } catch (e) {
      setError(errorText(e));
      return;
    }
    if (!s) return;
    if (s.state === 'done' && s.result && 'counts' in s.result && 'columns' in s.result) {
      const data = s.result as ImportPreview;
      setPreview({ jobId: s.id, data });
      setMapping(map);
      // Keep what the clerk chose for branches still named; new names start ticked (the preview counts their rows
      // as importable), under the suggested parent.
      setBranchChoices((prev) =>
        Object.fromEntries(
          data.unknownBranches.map((b) => [b.name, prev[b.name] ?? { create: true, parentId: b.suggestedParentId }]),
        ),
      );
      setStep('preview');
    } else if (s.state === 'cancelled') {
      void message.info('已取消检查');
    } else if (s.state === 'failed') {
      setError(s.error?.message ?? errorText(null));
    }
  };

  const onChoose = async (chosen: File) => {
    setError(null);
    if (!/\.(xlsx|xls|csv)$/i.test(chosen.name)) {
      setError(`“${chosen.name}”不是表格文件。请选择 Excel（.xlsx、.xls）或 CSV 文件。`);
      return;
    }
    if (chosen.size > MAX_BYTES) {
      setError(`“${chosen.name}”有 ${fmtSize(chosen.size)}，超过 64 MB。请把它分成几个文件再导入。`);
      return;
    }
    if (chosen.size === 0) {
      setError(`“${chosen.name}”是空文件（0 字节），请检查后重新选择。`);
      return;
    }
    setReading(true);
    let f: ChosenFile;
    try {
      f = { name: chosen.name, size: chosen.size, base64: await readFileBase64(chosen) };
    } catch (e) {
      setError(e instanceof Error ? e.message : errorText(e));
      return;
    } finally {
      setReading(false);
    }
    setFile(f);
    setPreview(null);
    setMapping(undefined);
    setBranchChoices({});
    await runPreview(f, undefined);
  };

  const onMappingChange = (index: number, field: ImportField | null) => {
    if (!file || !preview) return;
    const next: Record<string, ImportField | null> = {};
    for (const c of preview.data.columns) next[String(c.index)] = c.field;
    // A field goes to one column: choosing it here takes it from the column that had it.
    if (field) for (const k of Object.keys(next)) if (next[k] === field) next[k] = null;
    next[String(index)] = field;
    setRerun('按新的列对应重新检查');
    void runPreview(file, next, preview.data.sheetIndex);
  };

  /** Another sheet: its own header and columns, so any manual mapping of the last sheet is dropped. */
  const onSheetChange = (index: number) => {
    if (!file || !preview || index === preview.data.sheetIndex) return;
    const name = preview.data.sheets.find((x) => x.index === index)?.name ?? '';
    setRerun(`检查工作表“${name}”`);
    void runPreview(file, undefined, index);
  };

  const chosenBranches = preview
    ? preview.data.unknownBranches.filter((b) => branchChoices[b.name]?.create).map((b) => ({ name: b.name, parentId: branchChoices[b.name]?.parentId ?? null }))
    : [];
  // The preview counts rows naming a branch that does not exist as importable (it can be created); those whose
  // branch the clerk left unticked will be refused.
  const leftOut = preview
    ? preview.data.unknownBranches.filter((b) => !branchChoices[b.name]?.create).reduce((n, b) => n + b.rows, 0)
    : 0;
  const counts = preview?.data.counts;
  const importable = counts ? Math.max(0, counts.new + counts.changed - leftOut) : 0;
  const remainingErrors = counts ? counts.errors + leftOut : 0;
  const blocked = !!preview && preview.data.missing.length > 0;

  const commit = async (mode: 'valid' | 'strict') => {
    if (!file || !preview) return;
    setError(null);
    setErrorFrom('commit');
    setStep('commit');
    let s: JobStatus | null;
    try {
      s = await job.run(() =>
        api['import.commit']({
          fileName: file.name,
          dataBase64: file.base64,
          ...(mapping ? { mapping } : {}),
          sheetIndex: preview.data.sheetIndex,
          mode,
          createBranches: chosenBranches,
        }),
      );
    } catch (e) {
      setError(errorText(e));
      setStep('preview');
      return;
    }
    if (!s) return;
    if (s.state === 'done' && s.result && 'batchId' in s.result) {
      setResult(s.result as ImportResult);
      setStep('done');
      setHistoryKey((k) => k + 1);
      if ((s.result as ImportResult).createdBranches.length) void reloadOrgs();
    } else if (s.state === 'cancelled') {
      void message.info('已取消导入，名册没有改动');
      setStep('preview');
    } else {
      setError(s.error?.message ?? errorText(null));
      setStep('preview');
    }
  };

  const downloadAnnotated = async () => {
    if (!preview) return;
    setAnnotating(true);
    try {
      saveDownload(await api['import.annotated']({ jobId: preview.jobId }));
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setAnnotating(false);
    }
  };

  const previewRunning = job.running && step !== 'commit';

  return (
    <div className="page import-page">
      <div className="page-title">
        <Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回党员名册" onClick={() => navigate('/members')} />
        <h1>导入党员</h1>
        <div className="actions">
          <TemplateButton />
        </div>
      </div>

      <section className="panel" aria-label="导入步骤">
        <Steps
          current={STEP_INDEX[step]}
          size="small"
          items={[{ title: '选择文件' }, { title: '预览检查' }, { title: '导入' }, { title: '完成' }]}
        />
      </section>

      <div ref={errorBox} style={{ scrollMarginTop: 12 }} />
      {error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          title={
            step === 'file'
              ? '文件检查没有完成'
              : errorFrom === 'commit'
                ? '导入没有完成，名册没有改动'
                : '重新检查没有完成，下面仍是上一次的检查结果'
          }
          description={error}
          closable={{ onClose: () => setError(null) }}
          data-testid="import-error"
        />
      )}

      {step === 'file' && (
        <section className="panel" aria-label="选择文件">
          {previewRunning || reading ? (
            <JobProgress
              title={`正在检查“${file?.name ?? ''}”`}
              status={reading ? { id: '', kind: 'import.preview', state: 'running', stage: '读取文件', done: 0, total: 0 } : job.status}
              onCancel={reading ? undefined : () => void job.cancel()}
            />
          ) : (
            <>
              <SpreadsheetDropZone
                label="选择要导入的表格文件"
                text="点击选择文件，或把文件拖到这里"
                hint="支持 Excel（.xlsx、.xls）和 CSV（UTF-8 或 GBK）文件，最大 64 MB。先检查、再由您决定是否导入，检查时不会改动名册。"
                onChoose={(f) => void onChoose(f)}
              />
              <div className="import-tips muted">
                表头可以不在第一行（上面有标题、填报单位也可以）；列名如“身份证号”“入党时间”等会自动识别。没有现成表格时，可以先
                <TemplateButton type="link" />
                ，按模板填写。
              </div>
            </>
          )}
        </section>
      )}

      {step === 'preview' && preview && file && (
        <>
          {previewRunning && (
            <section className="panel">
              <JobProgress title={rerun || '重新检查'} status={job.status} onCancel={() => void job.cancel()} />
            </section>
          )}
          <ImportPreviewView
            key={preview.jobId}
            preview={preview.data}
            busy={previewRunning}
            onMappingChange={onMappingChange}
            onSheetChange={onSheetChange}
            branchChoices={branchChoices}
            onBranchChoices={setBranchChoices}
          />
          <div className="form-footer import-footer">
            {counts && counts.errors > 0 && (
              <Button icon={<DownloadOutlined />} loading={annotating} disabled={previewRunning} onClick={() => void downloadAnnotated()}>
                下载错误说明
              </Button>
            )}
            <span className="footer-note muted">
              {blocked
                ? '请先指定缺少的列'
                : importable > 0
                  ? `可导入 ${importable} 行${remainingErrors > 0 ? `，${remainingErrors} 行${leftOut ? '有误或党支部不创建' : '有误'}，将跳过` : ''}${counts && counts.unchanged ? `，${counts.unchanged} 行未变` : ''}`
                  : '没有需要写入的行'}
            </span>
            <span style={{ marginLeft: 'auto', display: 'inline-flex', gap: 12 }}>
              <Button onClick={reset} disabled={previewRunning}>
                取消
              </Button>
              <Tooltip
                title={
                  remainingErrors > 0
                    ? `有 ${remainingErrors} 行不能导入${leftOut ? '（含所在党支部不创建的行）' : ''}：改正后重新选择文件，或选择“导入正确的行”`
                    : undefined
                }
              >
                <Button disabled={blocked || previewRunning || remainingErrors > 0 || importable === 0} onClick={() => void commit('strict')}>
                  全部正确才导入
                </Button>
              </Tooltip>
              <Button type="primary" disabled={blocked || previewRunning || importable === 0} onClick={() => void commit('valid')}>
                导入正确的行{importable > 0 ? `（${importable} 行）` : ''}
              </Button>
            </span>
          </div>
        </>
      )}

      {step === 'commit' && (
        <section className="panel">
          <JobProgress title={`正在导入“${file?.name ?? ''}”`} status={job.status} onCancel={() => void job.cancel()} cancelLabel="取消导入" />
          <div className="muted" style={{ marginTop: 8 }}>
            导入在一个事务中完成：取消或出错时，名册保持原样。
          </div>
        </section>
      )}

      {step === 'done' && result && (
        <ImportDone result={result} onAgain={reset} onDownloadErrors={preview ? () => void downloadAnnotated() : undefined} annotating={annotating} />
      )}

      <ImportHistory reloadKey={historyKey} />
    </div>
  );
}

function ImportDone({
  result,
  onAgain,
  onDownloadErrors,
  annotating,
}: {
  result: ImportResult;
  onAgain: () => void;
  onDownloadErrors?: () => void;
  annotating: boolean;
}) {
  const skipped = new Set(result.errors.map((e) => e.row)).size;
  return (
    <section className="panel" data-testid="import-done">
      <Result
        status={skipped ? 'warning' : 'success'}
        title={skipped ? `导入完成，有误的 ${skipped} 行没有导入` : '导入完成'}
        subTitle={
          <span>
            “{result.fileName}”，批次号 <span className="id-number" data-testid="batch-id">{result.batchId}</span>
          </span>
        }
        extra={[
          <Button key="register" type="primary" onClick={() => navigate('/members')}>
            查看名册
          </Button>,
          <Button key="again" onClick={onAgain}>
            继续导入
          </Button>,
        ]}
      >
        <div className="import-counts" data-testid="done-counts">
          <div className="import-count total">
            <span className="label">共</span>
            <span className="num">{result.rows}</span>
            <span className="unit">行</span>
          </div>
          <div className="import-count new" data-testid="done-inserted">
            <span className="label">新增</span>
            <span className="num">{result.inserted}</span>
            <span className="unit">人</span>
          </div>
          <div className="import-count changed" data-testid="done-updated">
            <span className="label">更新</span>
            <span className="num">{result.updated}</span>
            <span className="unit">人</span>
          </div>
          <div className="import-count unchanged" data-testid="done-unchanged">
            <span className="label">未变</span>
            <span className="num">{result.unchanged}</span>
            <span className="unit">人</span>
          </div>
          {skipped > 0 && (
            <div className="import-count error" data-testid="done-skipped">
              <span className="label">未导入</span>
              <span className="num">{skipped}</span>
              <span className="unit">行</span>
            </div>
          )}
        </div>
        <ul className="done-notes">
          {result.createdBranches.length > 0 && <li>新建了党支部：{result.createdBranches.join('、')}</li>}
          <li>
            {result.backupFile ? (
              <>
                导入前已自动备份数据：<span className="id-number">{result.backupFile}</span>
              </>
            ) : (
              '这次导入没有写入数据，未做备份。'
            )}
          </li>
          <li>每一处改动都记入了党员的修改记录，注明本次导入的批次号。</li>
        </ul>
        {result.errors.length > 0 && (
          <Table<ImportIssue & { key: number }>
            size="small"
            title={() => (
              <span className="done-errors-title">
                没有导入的行
                {onDownloadErrors && (
                  <Button size="small" icon={<DownloadOutlined />} loading={annotating} onClick={onDownloadErrors}>
                    下载错误说明
                  </Button>
                )}
              </span>
            )}
            dataSource={result.errors.map((e, key) => ({ ...e, key }))}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            columns={[{ title: '错误说明', key: 'text', render: (_: unknown, e) => issueText(e) }]}
          />
        )}
      </Result>
    </section>
  );
}
