/**
 * 统计报表: choose the period (a year, or a month of it) and the scope (the whole register or one organisation), fill in
 * what the sheets print (填报单位, 单位负责人, 填表人, 填报日期), produce the workbook, look at its figures and download
 * it. Below, every return produced: download the file as it was, or produce it again — the page says whether the
 * figures came out the same and, if not, which numbers moved.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Col, DatePicker, Empty, Form, Input, Modal, Row, Select, Table, Tabs, Tag, Tooltip, TreeSelect } from 'antd';
import type { ColumnsType, ColumnType } from 'antd/es/table';
import { DownloadOutlined, FileExcelOutlined, RedoOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client';
import type { ReturnEntry, ReturnProduced, ReturnRow, ReturnSheet } from '../../../../shared/returns';
import { errorText, fmtDateTime } from '../../lib/format';
import { saveDownload } from '../../lib/files';
import { orgTreeOptions, useOrgs } from '../../lib/orgs';
import { useFormSubmit } from '../../lib/useFormSubmit';
import { DATE_FORMATS } from '../members/dates';

interface FormValues {
  year: number;
  month: number;
  scopeId?: number;
  unitName?: string;
  leader?: string;
  preparer?: string;
  filledOn?: Dayjs | null;
}

const WHOLE_YEAR = 0;
/** Fields the service may report on by name (a refused period comes back as a sentence). */
const FIELDS = ['scopeId', 'unitName', 'leader', 'preparer', 'filledOn'] as const;

export function ReturnsPage() {
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const { orgs } = useOrgs();
  const [history, setHistory] = useState<ReturnEntry[] | null>(null);
  const [historyError, setHistoryError] = useState<string | null>(null);
  const [produced, setProduced] = useState<ReturnProduced | null>(null);
  const [busy, setBusy] = useState<number | 'new' | null>(null);
  const [comparing, setComparing] = useState<ReturnProduced | null>(null);
  const { submit, error: formError } = useFormSubmit(form, FIELDS);

  const today = dayjs();
  const year = Form.useWatch('year', form) ?? today.year() - 1;
  const scopeId = Form.useWatch('scopeId', form);
  const scopeName = useMemo(() => {
    if (scopeId != null) return orgs.find((o) => o.id === scopeId)?.name;
    const roots = orgs.filter((o) => o.parentId == null);
    return roots.length === 1 ? roots[0]!.name : undefined;
  }, [orgs, scopeId]);
  const treeData = useMemo(() => orgTreeOptions(orgs), [orgs]);

  const loadHistory = useCallback(async () => {
    try {
      setHistory(await api['returns.history']({}));
      setHistoryError(null);
    } catch (e) {
      setHistoryError(errorText(e));
    }
  }, []);
  useEffect(() => {
    void loadHistory();
  }, [loadHistory]);

  const years = useMemo(() => Array.from({ length: today.year() - 1999 }, (_, i) => today.year() - i), [today]);
  const months = useMemo(
    () => [
      { value: WHOLE_YEAR, label: '全年' },
      ...Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `${i + 1}月`, disabled: year === today.year() && i + 1 > today.month() + 1 })),
    ],
    [year, today],
  );

  const produce = async () => {
    setBusy('new');
    await submit(async (v) => {
      const period = v.month === WHOLE_YEAR ? String(v.year) : `${v.year}-${String(v.month).padStart(2, '0')}`;
      const r = await api['returns.produce']({
        period,
        scopeId: v.scopeId ?? null,
        unitName: v.unitName ?? '',
        leader: v.leader ?? '',
        preparer: v.preparer ?? '',
        ...(v.filledOn ? { filledOn: v.filledOn.format('YYYY-MM-DD') } : {}),
      });
      setProduced(r);
      void message.success(`已生成：${r.entry.fileName}`);
      void loadHistory();
    });
    setBusy(null);
  };

  const download = async (id: number) => {
    try {
      saveDownload(await api['returns.file']({ id }));
    } catch (e) {
      void message.error(errorText(e));
    }
  };

  const reproduce = async (e: ReturnEntry) => {
    setBusy(e.id);
    try {
      const r = await api['returns.reproduce']({ id: e.id });
      setComparing(r);
      setProduced(r);
      void loadHistory();
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  const historyColumns: ColumnsType<ReturnEntry> = [
    { title: '生成时间', dataIndex: 'producedAt', width: 150, render: (v: string) => fmtDateTime(v) },
    { title: '报表期间', dataIndex: 'periodLabel', width: 100 },
    { title: '统计范围', dataIndex: 'scopeName', ellipsis: true },
    { title: '填报单位', dataIndex: 'unitName', ellipsis: true },
    { title: '填报日期', dataIndex: 'filledOn', width: 104 },
    {
      title: '文件校验码（SHA-256）',
      dataIndex: 'sha256',
      width: 180,
      render: (v: string, r) => (
        <span>
          <Tooltip title={v}>
            <code className="returns-sha">{v.slice(0, 12)}…</code>
          </Tooltip>
          {r.reproducedFrom != null && (
            <Tooltip title="用另一份报表的期间、范围和填报信息再次生成">
              <Tag style={{ marginLeft: 6 }}>再次生成</Tag>
            </Tooltip>
          )}
        </span>
      ),
    },
    { title: '生成人', dataIndex: 'actor', width: 90, ellipsis: true, render: (v: string | null) => v ?? '—' },
    {
      title: '操作',
      key: 'actions',
      width: 190,
      render: (_: unknown, r) => (
        <span className="returns-actions">
          <Button size="small" icon={<DownloadOutlined />} onClick={() => void download(r.id)}>
            下载
          </Button>
          <Tooltip title="用同样的期间、范围和填报信息再生成一次，并与这份报表比较">
            <Button size="small" icon={<RedoOutlined />} loading={busy === r.id} onClick={() => void reproduce(r)}>
              重新生成
            </Button>
          </Tooltip>
        </span>
      ),
    },
  ];

  return (
    <div className="page returns-page">
      <div className="page-title">
        <h1>统计报表</h1>
      </div>
      <section className="panel" aria-label="生成报表">
        <h2 className="panel-title">
          生成报表 <span className="panel-note">人数按报表期间最后一天的在册党员统计；每张报表一个工作表，可直接打印（A4 横向）</span>
        </h2>
        <Form<FormValues>
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ year: today.year() - 1, month: WHOLE_YEAR }}
          onFinish={() => void produce()}
        >
          <Row gutter={16}>
            <Col span={5}>
              <Form.Item label="报表期间" required style={{ marginBottom: 12 }}>
                <div style={{ display: 'flex', gap: 8 }}>
                  <Form.Item name="year" noStyle>
                    <Select<number> aria-label="年份" options={years.map((y) => ({ value: y, label: `${y}年` }))} style={{ width: 100 }} />
                  </Form.Item>
                  <Form.Item name="month" noStyle>
                    <Select<number> aria-label="月份" options={months} style={{ width: 90 }} />
                  </Form.Item>
                </div>
              </Form.Item>
            </Col>
            <Col span={7}>
              <Form.Item label="统计范围" name="scopeId" style={{ marginBottom: 12 }}>
                <TreeSelect<number>
                  allowClear
                  showSearch={{ treeNodeFilterProp: 'title' }}
                  placeholder="全部党组织"
                  treeData={treeData}
                  treeDefaultExpandAll={orgs.length <= 40}
                  popupMatchSelectWidth={360}
                />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item label="填报单位" name="unitName" style={{ marginBottom: 12 }}>
                <Input placeholder={scopeName ?? '默认为统计范围的名称'} maxLength={60} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item label="填报日期" name="filledOn" style={{ marginBottom: 12 }}>
                <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} placeholder="不填为今天" disabledDate={(d) => d.isAfter(today, 'day')} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16} align="bottom">
            <Col span={5}>
              <Form.Item label="单位负责人" name="leader" style={{ marginBottom: 0 }}>
                <Input placeholder="不填则留空白供签字" maxLength={20} />
              </Form.Item>
            </Col>
            <Col span={5}>
              <Form.Item label="填表人" name="preparer" style={{ marginBottom: 0 }}>
                <Input placeholder="不填则留空白供签字" maxLength={20} />
              </Form.Item>
            </Col>
            <Col span={14} style={{ textAlign: 'right' }}>
              <Button type="primary" htmlType="submit" icon={<FileExcelOutlined />} loading={busy === 'new'}>
                生成报表
              </Button>
            </Col>
          </Row>
          {formError && <Alert type="error" showIcon style={{ marginTop: 12 }} title={formError} />}
        </Form>
      </section>

      {produced && <Produced produced={produced} onDownload={() => void download(produced.entry.id)} />}

      <section className="panel" aria-label="报表历史">
        <h2 className="panel-title">
          报表历史 <span className="panel-note">每次生成的报表都保留原文件，可随时下载；重新生成会与原报表逐个数字比较</span>
        </h2>
        {historyError && <Alert type="error" showIcon title="报表历史没有加载出来" description={historyError} />}
        <Table<ReturnEntry>
          size="small"
          rowKey="id"
          loading={history == null && !historyError}
          dataSource={history ?? []}
          columns={historyColumns}
          pagination={(history?.length ?? 0) > 10 ? { pageSize: 10, showSizeChanger: false, showTotal: (t) => `共 ${t} 份` } : false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有生成过报表" /> }}
        />
      </section>

      {comparing?.comparison && <Comparison produced={comparing} onClose={() => setComparing(null)} />}
    </div>
  );
}

/** The return just produced: its file, and each sheet's figures as tables. */
function Produced({ produced, onDownload }: { produced: ReturnProduced; onDownload: () => void }) {
  const { entry, figures } = produced;
  return (
    <section className="panel" aria-label="报表内容">
      <div className="returns-produced-head">
        <h2 className="panel-title" style={{ margin: 0 }}>
          {entry.fileName}
          <span className="panel-note">
            {figures.scopeName} · {figures.periodLabel} · 截至 {figures.asOf} · {figures.sheets.length} 张表
          </span>
        </h2>
        <Button type="primary" icon={<DownloadOutlined />} onClick={onDownload}>
          下载报表
        </Button>
      </div>
      <Tabs items={figures.sheets.map((s) => ({ key: s.name, label: s.name, children: <SheetTable sheet={s} /> }))} />
    </section>
  );
}

function SheetTable({ sheet }: { sheet: ReturnSheet }) {
  const columns = useMemo(() => {
    const cell = (label: string, rate: boolean): ColumnType<ReturnRow> => ({
      title: label,
      key: label,
      align: 'center',
      width: Math.max(64, Math.min(8, label.length) * 15 + 26),
      render: (_: unknown, r) => {
        const v = r.values[label] ?? (rate ? null : 0);
        if (v === null) return '—';
        return rate ? `${(v * 100).toFixed(1)}%` : v;
      },
    });
    const out: ColumnsType<ReturnRow> = [
      { title: sheet.rowHeader, key: 'label', dataIndex: 'label', fixed: 'left', width: 220, render: (v: string, r) => (r.total ? <strong>{v}</strong> : v) },
    ];
    for (let i = 0; i < sheet.columns.length; ) {
      const c = sheet.columns[i]!;
      if (!c.group) {
        out.push(cell(c.label, !!c.rateOf));
        i++;
        continue;
      }
      const group = sheet.columns.slice(i).filter((x, k, all) => all.slice(0, k + 1).every((y) => y.group === c.group));
      out.push({ title: c.group, key: `g-${c.group}-${i}`, children: group.map((x) => cell(x.label, !!x.rateOf)) });
      i += group.length;
    }
    return out;
  }, [sheet]);
  return (
    <>
      <div className="returns-sheet-title">{sheet.title}</div>
      <Table<ReturnRow>
        size="small"
        bordered
        rowKey="label"
        dataSource={sheet.rows}
        columns={columns}
        pagination={false}
        scroll={{ x: 'max-content', y: 320 }}
        rowClassName={(r) => (r.total ? 'returns-total-row' : '')}
      />
      {sheet.notes.length > 0 && (
        <ol className="returns-notes">
          {sheet.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ol>
      )}
    </>
  );
}

/** After 重新生成: the same file, or the numbers that moved since. */
function Comparison({ produced, onClose }: { produced: ReturnProduced; onClose: () => void }) {
  const c = produced.comparison!;
  return (
    <Modal open title="重新生成的结果" onCancel={onClose} footer={<Button onClick={onClose}>知道了</Button>} width={720}>
      {c.sameFile ? (
        <Alert type="success" showIcon title="与原报表完全相同" description="数据没有变化：每个数字都一样，文件的 SHA-256 校验码也相同。" />
      ) : c.sameFigures ? (
        <Alert type="success" showIcon title="数字与原报表完全相同" description="每个数字都一样；组织名称等文字有改动，所以文件不完全相同。" />
      ) : (
        <>
          <Alert
            type="warning"
            showIcon
            title={`有 ${c.differences.length + c.moreDifferences} 个数字与原报表不同`}
            description="原报表生成后，名册中有影响这一期间的修改（例如补登了离开日期、转入日期在这一期间内的记录）。原报表的文件仍保留在历史中。"
          />
          <Table
            style={{ marginTop: 12 }}
            size="small"
            rowKey={(d) => `${d.sheet}|${d.row}|${d.column}`}
            dataSource={c.differences}
            pagination={c.differences.length > 8 ? { pageSize: 8, showSizeChanger: false } : false}
            columns={[
              { title: '报表', dataIndex: 'sheet', ellipsis: true },
              { title: '行', dataIndex: 'row', ellipsis: true },
              { title: '栏目', dataIndex: 'column', width: 120 },
              { title: '原数字', dataIndex: 'before', width: 80, render: (v: number | null) => v ?? '—' },
              { title: '现数字', dataIndex: 'after', width: 80, render: (v: number | null) => v ?? '—' },
            ]}
          />
          {c.moreDifferences > 0 && <div className="muted">另有 {c.moreDifferences} 个不同未列出。</div>}
        </>
      )}
    </Modal>
  );
}
