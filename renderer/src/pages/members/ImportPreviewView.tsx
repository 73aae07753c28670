/**
 * The import preview: counts, the sheet and header row found, the column mapping (editable), the rows by
 * status with every error as the clerk sees it in the file, and the branches the file names that do not exist.
 */
import { useMemo, useRef, useState } from 'react';
import { Alert, Checkbox, Select, Table, Tabs, TreeSelect } from 'antd';
import type { ImportFieldChange, ImportIssue, ImportPreview, ImportRowReport } from '../../../../shared/contract';
import { COLUMNS, type ImportField } from '../../../../shared/import/columns';
import { MEMBER_FIELD_LABELS } from '../../../../shared/domain/labels';
import { orgTreeOptions, useOrgs } from '../../lib/orgs';
import { EMPTY } from '../../lib/format';

export interface BranchChoice {
  create: boolean;
  parentId: number | null;
}

const FORMAT_LABELS: Record<ImportPreview['format'], string> = {
  xlsx: 'Excel 工作簿（.xlsx）',
  xls: 'Excel 97-2003 工作簿（.xls）',
  csv: '逗号分隔文本（.csv）',
};

const FIELD_HEADER = new Map(COLUMNS.map((c) => [c.field, c.header]));
export const fieldHeader = (f: ImportField): string => FIELD_HEADER.get(f) ?? MEMBER_FIELD_LABELS[f] ?? f;

/** 0 → A, 25 → Z, 26 → AA: the column letters Excel shows. */
export function columnLetter(index: number): string {
  let s = '';
  let n = index + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** “第 5 行 D 列（公民身份号码）“110…”：message” — the way the clerk finds the cell in their file. */
export function issueText(i: ImportIssue): string {
  const where = i.column ? ` ${i.column}` : '';
  // The cell's value, unless the message already quotes it (“2024-13-01”不是存在的日期).
  const value = i.value !== '' && !i.message.includes(`“${i.value}”`) ? `“${i.value}”` : '';
  return `第 ${i.row} 行${where}${value}：${i.message}`;
}

const SKIP = '__skip__';
/** 序号 / 编号 columns: left out on purpose, so not marked as a column the importer could not place. */
const NUMBERING = /^(序号|编号|顺序号|行号|No\.?|#)$/i;
const REQUIRED = new Set(COLUMNS.filter((c) => c.required).map((c) => c.field));

type StatusTab = ImportRowReport['status'];

export function ImportPreviewView({
  preview,
  busy,
  onMappingChange,
  onSheetChange,
  branchChoices,
  onBranchChoices,
}: {
  preview: ImportPreview;
  busy: boolean;
  onMappingChange: (index: number, field: ImportField | null) => void;
  /** The clerk chose another sheet of the file: check that one instead. */
  onSheetChange: (index: number) => void;
  branchChoices: Record<string, BranchChoice>;
  onBranchChoices: (next: Record<string, BranchChoice>) => void;
}) {
  const { counts } = preview;
  // Rows whose branch the clerk chose not to create: the import will leave them out.
  const leftOut = preview.unknownBranches.filter((b) => !branchChoices[b.name]?.create).reduce((n, b) => n + b.rows, 0);

  const defaultTab: StatusTab = counts.errors > 0 ? 'error' : counts.new > 0 ? 'new' : counts.changed > 0 ? 'changed' : 'unchanged';
  const [tab, setTab] = useState<StatusTab>(defaultTab);
  const results = useRef<HTMLElement>(null);
  /** A count was clicked: its rows, brought into view (they are below the mapping on a laptop screen). */
  const showRows = (k: StatusTab) => {
    setTab(k);
    results.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };
  const shownRows = preview.rows.filter((r) => r.status === tab);
  const countOf: Record<StatusTab, number> = { error: counts.errors, new: counts.new, changed: counts.changed, unchanged: counts.unchanged };
  const usedFields = new Map(preview.columns.filter((c) => c.field).map((c) => [c.field!, c.index]));
  const parentOptions = useOrgsTree();

  return (
    <div className={busy ? 'preview busy' : 'preview'} aria-busy={busy}>
      <section className="panel" aria-label="导入预览统计">
        <div className="import-source">
          <span>
            文件：<b>{preview.fileName}</b>
          </span>
          <span className="muted">{FORMAT_LABELS[preview.format]}</span>
          {preview.sheets.length > 1 ? (
            <span className="sheet-picker" data-testid="sheet-picker">
              <label htmlFor="import-sheet">工作表</label>
              <Select<number>
                id="import-sheet"
                size="small"
                aria-label="导入哪个工作表"
                value={preview.sheetIndex}
                disabled={busy}
                onChange={onSheetChange}
                popupMatchSelectWidth={false}
                style={{ minWidth: 200 }}
                options={preview.sheets.map((x) => ({
                  value: x.index,
                  label: `${x.name}（${x.rows === 0 ? '空白' : `${x.rows.toLocaleString('zh-CN')} 行`}${x.hidden ? '，隐藏' : ''}）`,
                  disabled: x.rows === 0,
                }))}
              />
              <span data-testid="detected-sheet">
                第 {preview.headerRow} 行为表头
                <span className="muted">（共 {preview.sheets.length} 个工作表，可以换一个）</span>
              </span>
            </span>
          ) : (
            <span data-testid="detected-sheet">
              工作表“{preview.sheetName}”，第 {preview.headerRow} 行为表头
            </span>
          )}
        </div>
        <div className="import-counts" data-testid="import-counts">
          <Count label="共" value={counts.rows} unit="行" kind="total" />
          <Count label="新增" value={counts.new} kind="new" onShow={() => showRows('new')} />
          <Count label="更新" value={counts.changed} kind="changed" onShow={() => showRows('changed')} />
          <Count label="未变" value={counts.unchanged} kind="unchanged" onShow={() => showRows('unchanged')} />
          <Count label="有误" value={counts.errors} unit="行" kind="error" onShow={() => showRows('error')} />
        </div>
        {leftOut > 0 && (
          <div className="text-warning" style={{ marginTop: 8 }}>
            有 {leftOut} 行所在的党支部不创建，这些行不会导入。
          </div>
        )}
      </section>

      {preview.missing.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          title={`缺少：${preview.missing.map(fieldHeader).join('、')}`}
          description="文件中没有找到这些必填的列。请在下面“列的对应”中为它们指定文件里的列；指定之前不能导入。"
        />
      )}

      <section className="panel" aria-labelledby="mapping-title">
        <h2 className="panel-title" id="mapping-title">
          列的对应
          <span className="panel-note">按表头自动识别；认不出的列标为黄色，可以手动指定，改动后重新检查</span>
        </h2>
        <div className="mapping-grid" data-testid="column-mapping">
          {preview.columns.map((c) => {
            const letter = columnLetter(c.index);
            const label = `${letter} 列“${c.header || '（无表头）'}”导入为`;
            return (
              <div
                key={c.index}
                className={c.field ? 'mapping-item' : NUMBERING.test(c.header.trim()) ? 'mapping-item skipped' : 'mapping-item unmapped'}
                data-testid={`mapping-${c.index}`}
              >
                <div className="mapping-head" title={c.header}>
                  <span className="mapping-letter">{letter}</span>
                  <span className="mapping-header">{c.header || <span className="muted">（无表头）</span>}</span>
                </div>
                <Select<string>
                  size="small"
                  aria-label={label}
                  value={c.field ?? SKIP}
                  disabled={busy}
                  showSearch={{ optionFilterProp: 'label' }}
                  popupMatchSelectWidth={270}
                  onChange={(v) => onMappingChange(c.index, v === SKIP ? null : (v as ImportField))}
                  options={[
                    { value: SKIP, label: '不导入' },
                    ...COLUMNS.map((col) => {
                      const other = usedFields.get(col.field);
                      const taken = other !== undefined && other !== c.index;
                      return {
                        value: col.field,
                        label: `${col.header}${REQUIRED.has(col.field) ? '（必填）' : ''}${taken ? `（现为 ${columnLetter(other)} 列）` : ''}`,
                      };
                    }),
                  ]}
                  style={{ width: '100%' }}
                />
              </div>
            );
          })}
        </div>
      </section>

      {preview.unknownBranches.length > 0 && (
        <section className="panel" aria-labelledby="branches-title" data-testid="unknown-branches">
          <h2 className="panel-title" id="branches-title">
            文件中有 {preview.unknownBranches.length} 个党支部还没有建立
          </h2>
          <Checkbox
            checked={preview.unknownBranches.every((b) => branchChoices[b.name]?.create)}
            indeterminate={
              preview.unknownBranches.some((b) => branchChoices[b.name]?.create) &&
              !preview.unknownBranches.every((b) => branchChoices[b.name]?.create)
            }
            onChange={(e) =>
              onBranchChoices(
                Object.fromEntries(
                  preview.unknownBranches.map((b) => [
                    b.name,
                    { create: e.target.checked, parentId: branchChoices[b.name]?.parentId ?? b.suggestedParentId },
                  ]),
                ),
              )
            }
          >
            <b>创建这些党支部</b>
          </Checkbox>
          <span className="muted" style={{ marginLeft: 8 }}>
            勾选的党支部在导入时建立，放在所选的上级组织下；不勾选的，填写它的行不会导入。
          </span>
          <ul className="branch-list">
            {preview.unknownBranches.map((b) => {
              const choice = branchChoices[b.name] ?? { create: false, parentId: b.suggestedParentId };
              const set = (patch: Partial<BranchChoice>) => onBranchChoices({ ...branchChoices, [b.name]: { ...choice, ...patch } });
              return (
                <li key={b.name} data-testid="unknown-branch">
                  <Checkbox checked={choice.create} onChange={(e) => set({ create: e.target.checked })} aria-label={`创建党支部“${b.name}”`}>
                    <span className="branch-name">{b.name}</span>
                  </Checkbox>
                  <span className="muted">{b.rows} 行</span>
                  <span className="filter">
                    <span className="filter-label">上级组织</span>
                    <TreeSelect<number>
                      size="small"
                      aria-label={`“${b.name}”的上级组织`}
                      placeholder="作为顶层组织"
                      showSearch={{ treeNodeFilterProp: 'title' }}
                      treeDefaultExpandAll
                      value={choice.parentId ?? undefined}
                      onChange={(v) => set({ parentId: v })}
                      treeData={parentOptions}
                      disabled={!choice.create}
                      popupMatchSelectWidth={300}
                      style={{ width: 240 }}
                    />
                  </span>
                </li>
              );
            })}
          </ul>
        </section>
      )}

      <section className="panel" aria-label="逐行检查结果" style={{ paddingTop: 4, scrollMarginTop: 12 }} ref={results}>
        <Tabs
          activeKey={tab}
          onChange={(k) => setTab(k as StatusTab)}
          items={(['error', 'new', 'changed', 'unchanged'] as const).map((k) => ({
            key: k,
            label: (
              <span>
                {STATUS_LABELS[k]} <span className={k === 'error' && countOf[k] ? 'text-error' : 'muted'}>{countOf[k]}</span>
              </span>
            ),
          }))}
        />
        {countOf[tab] > shownRows.length && (
          <div className="muted" style={{ marginBottom: 8 }}>
            共 {countOf[tab]} 行，这里列出前 {shownRows.length} 行。
          </div>
        )}
        <Table<ImportRowReport>
          data-testid="preview-rows"
          rowKey="row"
          size="small"
          tableLayout="fixed"
          dataSource={shownRows}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false, showTotal: (t) => `${t} 行` }}
          locale={{ emptyText: `没有${STATUS_LABELS[tab]}的行` }}
          columns={[
            { title: '行号', dataIndex: 'row', key: 'row', width: 84, render: (v: number) => <span className="nowrap">第 {v} 行</span> },
            { title: '姓名', dataIndex: 'name', key: 'name', width: 96, render: (v: string | null) => v ?? <span className="muted">{EMPTY}</span> },
            {
              title: '公民身份号码',
              dataIndex: 'idNumberMasked',
              key: 'id',
              width: 180,
              render: (v: string | null) => (v ? <span className="id-number">{v}</span> : <span className="muted">{EMPTY}</span>),
            },
            {
              title: '说明',
              key: 'detail',
              render: (_: unknown, r) => <RowDetail row={r} />,
            },
          ]}
        />
      </section>
    </div>
  );
}

const STATUS_LABELS: Record<StatusTab, string> = { error: '有误', new: '新增', changed: '更新', unchanged: '未变' };

/** One count; with rows behind it, a button that shows them. */
function Count({ label, value, unit = '人', kind, onShow }: { label: string; value: number; unit?: string; kind: string; onShow?: () => void }) {
  if (onShow && value > 0) {
    return (
      <button
        type="button"
        className={`import-count clickable ${kind}`}
        data-testid={`count-${kind}`}
        title={`查看${label}的行`}
        onClick={onShow}
      >
        <span className="label">{label}</span>
        <span className="num">{value.toLocaleString('zh-CN')}</span>
        <span className="unit">{unit}</span>
      </button>
    );
  }
  return (
    <div className={`import-count ${kind}${value === 0 ? ' zero' : ''}`} data-testid={`count-${kind}`}>
      <span className="label">{label}</span>
      <span className="num">{value.toLocaleString('zh-CN')}</span>
      <span className="unit">{unit}</span>
    </div>
  );
}

function RowDetail({ row }: { row: ImportRowReport }) {
  return (
    <div className="row-detail">
      {row.issues.map((i, k) => (
        <div key={k} className="issue">
          {issueText(i)}
        </div>
      ))}
      {row.status === 'changed' && row.changes.length > 0 && (
        <ul className="row-changes" aria-label="将要更改">
          {row.changes.map((c) => (
            <ChangeItem key={c.field} change={c} />
          ))}
        </ul>
      )}
      {row.status === 'changed' && row.changes.length === 0 && row.changedFields.length > 0 && (
        <div>
          <span className="muted">变更：</span>
          {row.changedFields.map((f) => MEMBER_FIELD_LABELS[f] ?? f).join('、')}
        </div>
      )}
      {row.status === 'new' && row.issues.length === 0 && row.warnings.length === 0 && <span className="muted">新党员，将加入名册</span>}
      {row.status === 'unchanged' && <span className="muted">与名册一致，不改动</span>}
      {row.warnings.map((w, k) => (
        <div key={`w${k}`} className="warning">
          提示：{w}
        </div>
      ))}
    </div>
  );
}

/** Long texts (an address, a note) are cut short here; the whole value is in the tooltip. */
const SHORT = 24;
function ChangeValue({ value }: { value: string | null }) {
  if (value === null) return <span className="empty">（空）</span>;
  if (value.length <= SHORT) return <>{value}</>;
  return <span title={value}>{value.slice(0, SHORT)}…</span>;
}

/** 学历：大学专科 → 大学本科 */
function ChangeItem({ change }: { change: ImportFieldChange }) {
  return (
    <li className="row-change">
      <span className="label">{change.label}</span>：
      <span className="old">
        <ChangeValue value={change.old} />
      </span>
      <span className="arrow"> → </span>
      <span className="new">
        <ChangeValue value={change.new} />
      </span>
    </li>
  );
}

function useOrgsTree() {
  const { orgs } = useOrgs();
  return useMemo(() => orgTreeOptions(orgs), [orgs]);
}
