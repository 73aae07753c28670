/**
 * 年度目标考核 — 年初有目标，年中有检查，年底有考核: a year's target sheet (items, weights summing to 100, scoring
 * methods, the communities assessed), the mid-year check and the year-end scores per community (computed items
 * fetched from the app's own data), the ranking with 示范点, and the print-ready export.
 *   /targets            the current year        /targets/:year      another year
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, DatePicker, Empty, Form, Input, InputNumber, Modal, Select, Space, Table, Tabs, Tag, Tooltip } from 'antd';
import { CloudDownloadOutlined, DeleteOutlined, EditOutlined, PlusOutlined, ReloadOutlined, StarFilled } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { EMPTY, errorText, fmtDateTime } from '../../lib/format';
import { saveDownload } from '../../lib/files';
import { navigate } from '../../lib/router';
import { useFormSubmit } from '../../lib/useFormSubmit';
import { SCORING_METHOD_LABELS, type ScoringMethod } from '../../../../shared/domain/labels';
import { weightSum, WEIGHT_TOTAL, type CommunityResult } from '../../../../shared/rules/targetScores';
import { METHOD_UNITS, type TargetItem, type TargetSheet } from '../../../../shared/targets';
import { DATE_FORMATS, toIso } from '../members/dates';
import { useCommunities, useRecord } from '../cobuilding/shared';
import { ListToolbar } from '../../components/RecordList';
import '../cobuilding/cobuilding.css';
import { AuditList } from '../volunteers/common';

const TABS = [
  { key: 'items', label: '年初目标' },
  { key: 'midyear', label: '年中检查' },
  { key: 'final', label: '年底考核' },
  { key: 'results', label: '考核结果' },
] as const;
type TabKey = (typeof TABS)[number]['key'];

export function TargetsPage({ path }: { path: string }) {
  const a = path.split('/')[2];
  const year = a && /^\d{4}$/.test(a) ? Number(a) : dayjs().year();
  const sheets = useRecord(() => api['targets.list']({}), []);
  const rec = useRecord(async () => {
    try {
      return await api['targets.get']({ year });
    } catch (e) {
      if ((e as { code?: string }).code === 'not_found') return null;
      throw e;
    }
  }, [year]);
  const [tab, setTab] = useState<TabKey>('items');
  const [editing, setEditing] = useState(false);
  const years = useMemo(() => {
    const ys = new Set([dayjs().year() + 1, dayjs().year(), dayjs().year() - 1, ...(sheets.value ?? []).map((s) => s.year)]);
    return [...ys].sort((x, y) => y - x);
  }, [sheets.value]);
  const sheet = rec.value;
  const changed = (s: TargetSheet) => {
    rec.set(s);
    void sheets.reload();
  };
  return (
    <div className="page cobuilding-page">
      <div className="page-title">
        <h1>年度目标考核</h1>
        <div className="actions">
          <Select aria-label="考核年度" value={year} onChange={(y) => navigate(`/targets/${y}`)} style={{ width: 120 }} options={years.map((y) => ({ value: y, label: `${y}年度` }))} />
        </div>
      </div>
      {rec.error && <Alert type="error" showIcon title={rec.error} />}
      {rec.value === null && (
        <Empty description={`${year} 年还没有制定目标。年初制定目标，年中检查，年底考核。`} style={{ marginTop: 48 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(true)}>
            制定 {year} 年目标
          </Button>
        </Empty>
      )}
      {sheet && (
        <>
          <div className="muted" style={{ marginBottom: 8 }}>
            {sheet.title} · {sheet.items.length} 个考核项目 · 考核 {sheet.communities.length} 个社区
          </div>
          <Tabs activeKey={tab} onChange={(k) => setTab(k as TabKey)} items={TABS.map((t) => ({ key: t.key, label: t.label }))} />
          {tab === 'items' && <ItemsTab sheet={sheet} onEdit={() => setEditing(true)} />}
          {tab === 'midyear' && <EntryTab key="midyear" sheet={sheet} stage="midyear" onChanged={changed} />}
          {tab === 'final' && <EntryTab key="final" sheet={sheet} stage="final" onChanged={changed} />}
          {tab === 'results' && <ResultsTab sheet={sheet} onChanged={changed} />}
        </>
      )}
      <SheetModal open={editing} year={year} sheet={sheet ?? null} onClose={() => setEditing(false)} onDone={(s) => (setEditing(false), changed(s))} />
    </div>
  );
}

function goalText(i: Pick<TargetItem, 'method' | 'goal'>): string {
  if (i.method === 'entered' || i.goal == null) return EMPTY;
  return `${i.goal}${METHOD_UNITS[i.method].unit}`;
}

// ─── 年初目标 ────────────────────────────────────────────────────────────────────────────────────────

function ItemsTab({ sheet, onEdit }: { sheet: TargetSheet; onEdit: () => void }) {
  const audit = useRecord(() => api['targets.audit']({ id: sheet.id }), [sheet.id, sheet.updatedAt]);
  return (
    <div>
      <ListToolbar
        extra={
          <Button icon={<EditOutlined />} onClick={onEdit}>
            修改目标
          </Button>
        }
      >
        <span>考核社区：{sheet.communities.map((c) => c.name).join('、')}</span>
      </ListToolbar>
      <Table<TargetItem>
        data-testid="items-table"
        size="middle"
        rowKey="id"
        pagination={false}
        dataSource={sheet.items}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={2}>
              合计
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2}>{weightSum(sheet.items.map((i) => i.weight))}</Table.Summary.Cell>
            <Table.Summary.Cell index={3} colSpan={3} />
          </Table.Summary.Row>
        )}
        columns={[
          { title: '序号', key: 'i', width: 56, render: (_: unknown, _r, i) => i + 1 },
          { title: '考核项目', dataIndex: 'name', key: 'n', width: 220 },
          { title: '权重', dataIndex: 'weight', key: 'w', width: 70 },
          { title: '评分方式', dataIndex: 'method', key: 'm', width: 190, render: (m: ScoringMethod) => (m === 'entered' ? '人工评分' : <Tag color="blue">自动取数：{SCORING_METHOD_LABELS[m]}</Tag>) },
          { title: '目标值', key: 'g', width: 90, render: (_: unknown, r) => goalText(r) },
          { title: '考核内容和评分标准', dataIndex: 'standard', key: 's', render: (x: string | null) => x ?? EMPTY },
        ]}
      />
      {sheet.note && <p style={{ marginTop: 12 }}>说明：{sheet.note}</p>}
      <div className="section-title">操作日志</div>
      <AuditList entries={audit.value} labels={{ title: '目标表名称', note: '说明', communities: '考核社区', items: '考核项目', progress: '年中检查', score: '年底评分', demonstration: '示范点' }} />
    </div>
  );
}

interface ItemValues {
  id?: number;
  name?: string;
  weight?: number | null;
  method?: ScoringMethod;
  goal?: number | null;
  standard?: string;
}
interface SheetValues {
  title?: string;
  communityIds?: number[];
  items?: ItemValues[];
  note?: string;
}

function SheetModal(props: { open: boolean; year: number; sheet: TargetSheet | null; onClose: () => void; onDone: (s: TargetSheet) => void }) {
  const [form] = Form.useForm<SheetValues>();
  const { saving, error, submit } = useFormSubmit(form, ['title', 'communityIds', 'note']);
  const { message } = App.useApp();
  const communities = useCommunities();
  const s = props.sheet;
  const methods: ScoringMethod[] = s?.methods ?? ['entered', 'orgCoverage', 'workCoverage', 'meetings', 'volunteerHours'];
  useEffect(() => {
    if (!props.open) return;
    form.resetFields();
    form.setFieldsValue(
      s
        ? {
            title: s.title,
            communityIds: s.communities.map((c) => c.id),
            items: s.items.map((i) => ({ id: i.id, name: i.name, weight: i.weight, method: i.method, goal: i.goal, standard: i.standard ?? '' })),
            note: s.note ?? '',
          }
        : { title: `${props.year}年度社区党建工作目标`, communityIds: communities.filter((c) => c.kind === 'communityCommittee').map((c) => c.id), items: [{ method: 'entered' }] },
    );
  }, [props.open, s, form, props.year, communities]);
  const items = Form.useWatch('items', form) ?? [];
  const sum = weightSum(items.map((i) => Number(i?.weight) || 0));
  const send = () =>
    submit(async (v) => {
      const saved = await api['targets.save']({
        year: props.year,
        title: (v.title ?? '').trim(),
        communityIds: v.communityIds ?? [],
        note: v.note ?? '',
        items: (v.items ?? []).map((i) => ({
          id: i.id,
          name: (i.name ?? '').trim(),
          weight: i.weight ?? 0,
          method: i.method ?? 'entered',
          goal: i.method && i.method !== 'entered' ? (i.goal ?? null) : null,
          standard: i.standard ?? '',
        })),
      });
      message.success(s ? '目标已保存' : `已制定 ${props.year} 年目标`);
      props.onDone(saved);
    });
  return (
    <Modal open={props.open} title={s ? `修改 ${props.year} 年目标` : `制定 ${props.year} 年目标`} okText="保存" cancelText="取消" confirmLoading={saving} onOk={send} onCancel={props.onClose} destroyOnHidden width={1000}>
      <Form form={form} name="targetForm" layout="vertical" requiredMark>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="title" label="目标表名称" rules={[{ required: true, whitespace: true, message: '请填写名称' }]} style={{ flex: 1 }}>
            <Input maxLength={80} />
          </Form.Item>
          <Form.Item name="communityIds" label="考核的社区" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个社区' }]} style={{ flex: 2 }}>
            <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={communities.map((c) => ({ value: c.id, label: c.name }))} placeholder="选择社区" />
          </Form.Item>
        </div>
        <div style={{ marginBottom: 6 }}>
          考核项目（权重合计应为 {WEIGHT_TOTAL}，现在是{' '}
          <b data-testid="weight-sum" style={{ color: sum === WEIGHT_TOTAL ? '#389e0d' : '#cf1322' }}>
            {sum}
          </b>
          ）
        </div>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, k) => {
                const method = items[f.name]?.method ?? 'entered';
                return (
                  <div key={f.key} style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }} data-testid="item-row">
                    <span style={{ width: 22, paddingTop: 6 }}>{k + 1}.</span>
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: '请填写考核项目' }]} style={{ flex: 2, marginBottom: 8 }}>
                      <Input aria-label={`第${k + 1}项 考核项目`} placeholder="考核项目" maxLength={60} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'weight']} rules={[{ required: true, message: '请填写权重' }]} style={{ width: 90, marginBottom: 8 }}>
                      <InputNumber aria-label={`第${k + 1}项 权重`} placeholder="权重" min={0.01} max={100} style={{ width: '100%' }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'method']} style={{ width: 210, marginBottom: 8 }}>
                      <Select
                        aria-label={`第${k + 1}项 评分方式`}
                        options={methods.map((m) => ({ value: m, label: m === 'entered' ? '人工评分' : `自动取数：${SCORING_METHOD_LABELS[m]}` }))}
                        onChange={(m: ScoringMethod) => form.setFieldValue(['items', f.name, 'goal'], METHOD_UNITS[m].defaultGoal)}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'goal']} style={{ width: 120, marginBottom: 8 }} rules={[{ required: method !== 'entered', message: '请填写目标值' }]}>
                      <InputNumber aria-label={`第${k + 1}项 目标值`} disabled={method === 'entered'} placeholder={method === 'entered' ? '—' : '目标值'} min={0} suffix={METHOD_UNITS[method].unit || undefined} style={{ width: '100%' }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'standard']} style={{ flex: 3, marginBottom: 8 }}>
                      <Input aria-label={`第${k + 1}项 评分标准`} placeholder="考核内容和评分标准" maxLength={1000} />
                    </Form.Item>
                    <Button aria-label={`删除第${k + 1}项`} icon={<DeleteOutlined />} onClick={() => remove(f.name)} disabled={fields.length <= 1} />
                  </div>
                );
              })}
              <Button icon={<PlusOutlined />} onClick={() => add({ method: 'entered' })} style={{ marginBottom: 12 }}>
                添加考核项目
              </Button>
            </>
          )}
        </Form.List>
        <div className="muted" style={{ marginBottom: 8 }}>
          自动取数的项目按“实际值 ÷ 目标值 × 100”得分（最高 100）：两新组织覆盖率来自“两新组织”，三会一课完成率来自“会议纪要”，志愿服务时长来自“党员志愿者”。
        </div>
        <Form.Item name="note" label="说明">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
      {error && (
        <div className="text-error" role="alert" data-testid="sheet-error">
          {error}
        </div>
      )}
    </Modal>
  );
}

// ─── 年中检查 / 年底考核 ──────────────────────────────────────────────────────────────────────────────

interface EntryRow {
  item: TargetItem;
  figure: number | null;
  value: number | null;
  note: string;
  when: string | null;
}

function EntryTab({ sheet, stage, onChanged }: { sheet: TargetSheet; stage: 'midyear' | 'final'; onChanged: (s: TargetSheet) => void }) {
  const [communityId, setCommunityId] = useState<number>(sheet.communities[0]?.id ?? 0);
  const [draft, setDraft] = useState<Record<number, { value: number | null; note: string }>>({});
  const [checkedOn, setCheckedOn] = useState<Dayjs | null>(null);
  const [saving, setSaving] = useState(false);
  const [fetching, setFetching] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { message } = App.useApp();
  const rows: EntryRow[] = sheet.items.map((item) => {
    if (stage === 'midyear') {
      const p = sheet.progress.find((x) => x.itemId === item.id && x.communityId === communityId);
      return { item, figure: p?.value ?? null, value: p?.progress ?? null, note: p?.note ?? '', when: p?.checkedOn ?? null };
    }
    const x = sheet.scores.find((v) => v.itemId === item.id && v.communityId === communityId);
    return { item, figure: x?.value ?? null, value: x?.score ?? null, note: x?.note ?? '', when: x?.fetchedAt ? fmtDateTime(x.fetchedAt) : null };
  });
  useEffect(() => setDraft(Object.fromEntries(rows.map((r) => [r.item.id, { value: r.value, note: r.note }]))), [communityId, sheet]); // eslint-disable-line react-hooks/exhaustive-deps
  const computed = sheet.items.some((i) => i.method !== 'entered');
  const fetch = async () => {
    setFetching(true);
    setError(null);
    try {
      onChanged(await api['targets.fetchComputed']({ year: sheet.year, stage }));
      message.success('已从系统取数');
    } catch (e) {
      setError(errorText(e));
    } finally {
      setFetching(false);
    }
  };
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const entries = sheet.items.map((i) => ({ itemId: i.id, note: draft[i.id]?.note ?? '', value: draft[i.id]?.value ?? null }));
      const saved =
        stage === 'midyear'
          ? await api['targets.saveProgress']({ year: sheet.year, communityId, checkedOn: toIso(checkedOn) ?? undefined, entries: entries.map((e) => ({ itemId: e.itemId, progress: e.value, note: e.note })) })
          : await api['targets.saveScores']({ year: sheet.year, communityId, entries: entries.map((e) => ({ itemId: e.itemId, score: e.value, note: e.note })) });
      onChanged(saved);
      message.success(`${sheet.communities.find((c) => c.id === communityId)?.name ?? ''}的${stage === 'midyear' ? '检查情况' : '评分'}已保存`);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setSaving(false);
    }
  };
  const valueTitle = stage === 'midyear' ? '完成进度（%）' : '得分（0–100）';
  return (
    <div>
      <ListToolbar
        extra={
          <Button type="primary" loading={saving} onClick={() => void save()}>
            保存{stage === 'midyear' ? '检查情况' : '评分'}
          </Button>
        }
      >
        <Select aria-label="社区" value={communityId} onChange={setCommunityId} style={{ width: 200 }} options={sheet.communities.map((c) => ({ value: c.id, label: c.name }))} />
        {stage === 'midyear' && (
          <Space>
            <span>检查日期</span>
            <DatePicker aria-label="检查日期" format={DATE_FORMATS} value={checkedOn} onChange={setCheckedOn} placeholder="今天" />
          </Space>
        )}
        {computed && (
          <Tooltip title="自动取数的项目：为所有考核社区取当前的实际值并算出得分">
            <Button icon={<ReloadOutlined />} loading={fetching} onClick={() => void fetch()}>
              从系统取数
            </Button>
          </Tooltip>
        )}
      </ListToolbar>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<EntryRow>
        data-testid={`${stage}-table`}
        size="middle"
        rowKey={(r) => r.item.id}
        pagination={false}
        dataSource={rows}
        columns={[
          { title: '考核项目', key: 'n', width: 220, render: (_: unknown, r) => `${r.item.position + 1}. ${r.item.name}` },
          { title: '权重', key: 'w', width: 60, render: (_: unknown, r) => r.item.weight },
          {
            title: '实际值 / 目标',
            key: 'f',
            width: 150,
            render: (_: unknown, r) =>
              r.item.method === 'entered' ? (
                <span className="muted">人工评分</span>
              ) : r.when ? (
                <Tooltip title={`取数：${r.when}`}>
                  {r.figure != null ? `${r.figure}${METHOD_UNITS[r.item.method].unit}` : '无可取的数，请评分'} / {goalText(r.item)}
                </Tooltip>
              ) : (
                <span className="muted">尚未取数</span>
              ),
          },
          {
            title: valueTitle,
            key: 'v',
            width: 140,
            render: (_: unknown, r) =>
              // Typed for an entered item, and for a computed one the app has no figure for (the clerk judges it).
              r.item.method === 'entered' || r.figure == null ? (
                <InputNumber
                  aria-label={`${r.item.name} ${valueTitle}`}
                  min={0}
                  max={100}
                  step={1}
                  value={draft[r.item.id]?.value ?? null}
                  onChange={(v) => setDraft((d) => ({ ...d, [r.item.id]: { value: v ?? null, note: d[r.item.id]?.note ?? '' } }))}
                  style={{ width: '100%' }}
                />
              ) : (
                <b>{r.value ?? '—'}</b>
              ),
          },
          {
            title: stage === 'midyear' ? '检查情况' : '评分说明',
            key: 'note',
            render: (_: unknown, r) => (
              <Input
                aria-label={`${r.item.name} ${stage === 'midyear' ? '检查情况' : '评分说明'}`}
                maxLength={500}
                value={draft[r.item.id]?.note ?? ''}
                onChange={(e) => setDraft((d) => ({ ...d, [r.item.id]: { value: d[r.item.id]?.value ?? null, note: e.target.value } }))}
              />
            ),
          },
        ]}
      />
    </div>
  );
}

// ─── 考核结果 ────────────────────────────────────────────────────────────────────────────────────────

function ResultsTab({ sheet, onChanged }: { sheet: TargetSheet; onChanged: (s: TargetSheet) => void }) {
  const [marking, setMarking] = useState<CommunityResult | null>(null);
  const [exporting, setExporting] = useState(false);
  const demo = new Map(sheet.demonstrations.map((d) => [d.communityId, d]));
  return (
    <div>
      <ListToolbar
        extra={
          <Button type="primary" icon={<CloudDownloadOutlined />} onClick={() => setExporting(true)}>
            导出考核表
          </Button>
        }
      >
        <span className="muted">加权总分＝Σ（得分×权重）÷100；尚未评分的项目按 0 分计。</span>
      </ListToolbar>
      <Table<CommunityResult>
        data-testid="results-table"
        size="middle"
        bordered
        rowKey="communityId"
        pagination={false}
        dataSource={sheet.results}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: '名次', dataIndex: 'rank', key: 'r', width: 60, align: 'center' as const, fixed: 'left' as const },
          {
            title: '社区',
            dataIndex: 'communityName',
            key: 'c',
            width: 170,
            fixed: 'left' as const,
            render: (v: string, r) => (
              <>
                {v}
                {demo.has(r.communityId) && (
                  <Tag color="gold" icon={<StarFilled />} style={{ marginLeft: 6 }}>
                    示范点
                  </Tag>
                )}
              </>
            ),
          },
          ...sheet.items.map((i, k) => ({
            title: (
              <Tooltip title={`权重 ${i.weight}`}>
                {k + 1}. {i.name}（{i.weight}）
              </Tooltip>
            ),
            key: `i${i.id}`,
            width: 120,
            align: 'center' as const,
            render: (_: unknown, r: CommunityResult) => r.scores[i.id] ?? <span className="muted">未评</span>,
          })),
          { title: '加权总分', dataIndex: 'total', key: 't', width: 90, align: 'center' as const, render: (v: number, r) => (<><b>{v}</b>{r.missing > 0 && <div className="muted">{r.missing} 项未评</div>}</>) },
          {
            title: '示范点',
            key: 'd',
            width: 110,
            render: (_: unknown, r) => (
              <Button size="small" onClick={() => setMarking(r)}>
                {demo.has(r.communityId) ? '经验做法' : '列为示范点'}
              </Button>
            ),
          },
        ]}
      />
      {sheet.demonstrations.length > 0 && (
        <>
          <div className="section-title">示范点经验做法</div>
          {sheet.demonstrations.map((d) => (
            <p key={d.communityId}>
              <b>{d.communityName}</b>（{d.markedOn} 列为示范点）：{d.experience}
            </p>
          ))}
        </>
      )}
      <DemoModal sheet={sheet} result={marking} onClose={() => setMarking(null)} onDone={(s) => (setMarking(null), onChanged(s))} />
      <ExportModal open={exporting} sheet={sheet} onClose={() => setExporting(false)} />
    </div>
  );
}

function DemoModal(props: { sheet: TargetSheet; result: CommunityResult | null; onClose: () => void; onDone: (s: TargetSheet) => void }) {
  const [form] = Form.useForm<{ experience?: string }>();
  const { saving, error, submit } = useFormSubmit(form, ['experience']);
  const r = props.result;
  const current = r ? props.sheet.demonstrations.find((d) => d.communityId === r.communityId) : undefined;
  useEffect(() => {
    if (r) form.setFieldsValue({ experience: current?.experience ?? '' });
  }, [r, current, form]);
  const send = (demonstration: boolean) =>
    submit(async (v) => props.onDone(await api['targets.saveDemonstration']({ year: props.sheet.year, communityId: r!.communityId, demonstration, experience: v.experience ?? '' })));
  return (
    <Modal
      open={r != null}
      title={r ? `示范点：${r.communityName}` : ''}
      onCancel={props.onClose}
      destroyOnHidden
      footer={
        <>
          {current && (
            <Button danger loading={saving} onClick={() => void send(false)}>
              取消示范点
            </Button>
          )}
          <Button onClick={props.onClose}>关闭</Button>
          <Button type="primary" loading={saving} onClick={() => void send(true)}>
            {current ? '保存' : '列为示范点'}
          </Button>
        </>
      }
    >
      <Form form={form} layout="vertical">
        <Form.Item name="experience" label="经验做法" extra="考核表中会一并列出">
          <Input.TextArea rows={5} maxLength={5000} />
        </Form.Item>
      </Form>
      {error && <div className="text-error">{error}</div>}
    </Modal>
  );
}

function ExportModal(props: { open: boolean; sheet: TargetSheet; onClose: () => void }) {
  const [form] = Form.useForm<{ unitName?: string; leader?: string; preparer?: string; filledOn?: Dayjs | null }>();
  const { saving, error, submit } = useFormSubmit(form, ['unitName', 'leader', 'preparer', 'filledOn']);
  const { message } = App.useApp();
  const send = () =>
    submit(async (v) => {
      const file = await api['targets.export']({ year: props.sheet.year, unitName: v.unitName ?? '', leader: v.leader ?? '', preparer: v.preparer ?? '', filledOn: toIso(v.filledOn) ?? undefined });
      saveDownload(file);
      message.success(`已导出：${file.fileName}`);
      props.onClose();
    });
  return (
    <Modal open={props.open} title={`导出 ${props.sheet.year} 年度目标考核表`} okText="导出" cancelText="取消" confirmLoading={saving} onOk={send} onCancel={props.onClose} destroyOnHidden>
      <p className="muted">A4 横向打印：考核结果（各项得分、加权总分、名次、示范点经验）和年中检查两张表，表下有单位负责人、填表人和填报日期。</p>
      <Form form={form} name="exportForm" layout="vertical">
        <Form.Item name="unitName" label="填报单位" extra="不填则为街道党工委的名称">
          <Input maxLength={60} />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="leader" label="单位负责人" style={{ flex: 1 }}>
            <Input maxLength={20} placeholder="不填则留空手签" />
          </Form.Item>
          <Form.Item name="preparer" label="填表人" style={{ flex: 1 }}>
            <Input maxLength={20} placeholder="不填则留空手签" />
          </Form.Item>
          <Form.Item name="filledOn" label="填报日期" style={{ flex: 1 }}>
            <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} placeholder="今天" />
          </Form.Item>
        </div>
      </Form>
      {error && <div className="text-error">{error}</div>}
    </Modal>
  );
}
