/**
 * 两新组织: the coverage figures (党的组织覆盖率 / 工作覆盖率, by community and in total, the organisations that should
 * form their own and have not, the progress over time), the register with its form, and the import from Excel.
 *   /two-new            覆盖情况
 *   /two-new/orgs       组织名册
 *   /two-new/import     从 Excel 导入
 */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Progress, Radio, Select, Table, Tabs, Tag, TreeSelect } from 'antd';
import { DownloadOutlined, EditOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { EMPTY, errorText } from '../../lib/format';
import { fmtSize, readFileBase64, saveDownload } from '../../lib/files';
import { orgTreeOptions, useOrgs } from '../../lib/orgs';
import { navigate } from '../../lib/router';
import { useDebounced } from '../../lib/useDebounced';
import { useFormSubmit } from '../../lib/useFormSubmit';
import { MemberPicker } from '../../components/MemberPicker';
import { NEW_ORG_KIND_LABELS, NEW_ORG_KINDS, PARTY_WORK_KINDS, PARTY_WORK_LABELS, type NewOrgKind, type PartyWorkKind } from '../../../../shared/domain/labels';
import { formatRate, QUALIFY_FULL_MEMBERS, type CoverageFigures } from '../../../../shared/rules/coverage';
import { NEW_ORG_FIELD_LABELS, type CoverageReport, type NewOrg, type NewOrgImportPreview, type NewOrgImportResult, type NewOrgImportRow, type NewOrgRow } from '../../../../shared/twonew';
import { DATE_FORMATS, fromIso, toIso } from '../members/dates';
import { AuditSection } from '../../components/AuditSection';
import { CommunitySelect, useRecord } from '../cobuilding/shared';
import '../cobuilding/cobuilding.css';
import { FormError } from '../../components/FormError';
import { ActionLink } from '../../components/RecordLink';
import { SpreadsheetDropZone } from '../../components/SpreadsheetDropZone';
import { ListToolbar, RecordTable } from '../../components/RecordList';

const WORK_COLORS: Record<PartyWorkKind, string> = { own: 'green', joint: 'cyan', unionOnly: 'blue', liaisonOnly: 'geekblue', none: 'red' };

export function TwoNewPage({ path }: { path: string }) {
  const section = path.split('/')[2];
  const tab = section === 'orgs' || section === 'import' ? section : 'coverage';
  return (
    <div className="page cobuilding-page">
      <div className="page-title">
        <h1>两新组织党建</h1>
      </div>
      <Tabs
        activeKey={tab}
        onChange={(k) => navigate(k === 'coverage' ? '/two-new' : `/two-new/${k}`)}
        items={[
          { key: 'coverage', label: '覆盖情况' },
          { key: 'orgs', label: '组织名册' },
          { key: 'import', label: '从 Excel 导入' },
        ]}
      />
      {tab === 'coverage' ? <CoverageView /> : tab === 'orgs' ? <OrgList /> : <ImportView />}
    </div>
  );
}

function Figure(props: { label: string; value: string | number; sub?: string; plain?: boolean; testId?: string }) {
  return (
    <div className="figure-card" data-testid={props.testId}>
      <div className="label">{props.label}</div>
      <div className={`value${props.plain ? ' plain' : ''}`}>{props.value}</div>
      {props.sub && <div className="sub">{props.sub}</div>}
    </div>
  );
}

function CoverageView() {
  const { value: c, error, reload } = useRecord(() => api['neworgs.coverage']({}), []);
  const [editing, setEditing] = useState<NewOrg | null>(null);
  const { message } = App.useApp();
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!c) return <div className="muted">正在计算…</div>;
  const t = c.total;
  const open = async (id: number) => {
    try {
      setEditing(await api['neworgs.get']({ id }));
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <div>
      <div className="figure-cards" data-testid="coverage-figures">
        <Figure label="在营两新组织" value={t.organisations} plain sub="不含已注销、停业" />
        <Figure label="党的组织覆盖率" value={formatRate(t.organisationCoverage)} sub={`单独组建 ${t.own} + 联合组建 ${t.joint}`} testId="organisation-coverage" />
        <Figure label="党的工作覆盖率" value={formatRate(t.workCoverage)} sub={`另有党建联络员 ${t.liaisonOnly}、仅建工会 ${t.unionOnly}`} testId="work-coverage" />
        <Figure label="未覆盖" value={t.none} plain sub="既无党组织，也无联络员、工会" />
      </div>
      {t.organisations === 0 && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="还没有登记两新组织，覆盖率无法计算。可在“组织名册”中逐个登记，或从 Excel 导入。" />}

      <section className="panel" aria-label="单独组建目标">
        <div style={{ display: 'flex', alignItems: 'center', gap: 16 }}>
          <strong>有 {QUALIFY_FULL_MEMBERS} 名以上正式党员的组织应单独组建党组织</strong>
          <span className="muted">
            符合条件 {t.qualified} 家，已单独组建 {t.qualifiedOwn} 家，尚未组建 {c.qualifiedUncovered.length} 家
          </span>
          <Progress percent={t.qualified ? Math.round((t.qualifiedOwn / t.qualified) * 100) : 0} style={{ flex: 1, maxWidth: 360, margin: 0 }} strokeColor={t.qualified && t.qualifiedOwn === t.qualified ? undefined : '#b8312a'} status={t.qualified && t.qualifiedOwn === t.qualified ? 'success' : 'normal'} />
        </div>
        <Table
          data-testid="qualified-uncovered"
          style={{ marginTop: 8 }}
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={c.qualifiedUncovered}
          locale={{ emptyText: '没有应单独组建而未组建的组织' }}
          columns={[
            { title: '组织名称', dataIndex: 'name', key: 'name' },
            { title: '所在社区', dataIndex: 'communityName', key: 'community', width: 160, render: (v: string | null) => v ?? '未指定社区' },
            { title: '正式党员', dataIndex: 'fullMembers', key: 'full', width: 90 },
            { title: '现在的党建工作', dataIndex: 'partyWork', key: 'work', width: 120, render: (v: PartyWorkKind) => <Tag color={WORK_COLORS[v]}>{PARTY_WORK_LABELS[v]}</Tag> },
            { title: '', key: 'act', width: 120, render: (_: unknown, r) => <Button size="small" onClick={() => void open(r.id)}>登记组建情况</Button> },
          ]}
        />
      </section>

      <h3 className="section-title">按社区</h3>
      <Table<CoverageReport['byCommunity'][number]>
        data-testid="coverage-by-community"
        rowKey={(r) => r.communityId ?? 0}
        size="small"
        pagination={false}
        dataSource={c.byCommunity}
        locale={{ emptyText: '没有数据' }}
        summary={() =>
          c.byCommunity.length > 1 ? (
            <Table.Summary.Row style={{ fontWeight: 600 }}>
              {figureCells('合计', t).map((x, i) => (
                <Table.Summary.Cell key={i} index={i}>
                  {x}
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          ) : null
        }
        columns={[
          { title: '社区', key: 'community', render: (_: unknown, r) => r.communityName ?? '未指定社区' },
          { title: '在营组织', dataIndex: 'organisations', key: 'n', width: 90 },
          { title: '单独组建', dataIndex: 'own', key: 'own', width: 90 },
          { title: '联合组建', dataIndex: 'joint', key: 'joint', width: 90 },
          { title: '党建联络员', dataIndex: 'liaisonOnly', key: 'liaison', width: 100 },
          { title: '仅建工会', dataIndex: 'unionOnly', key: 'union', width: 90 },
          { title: '未覆盖', dataIndex: 'none', key: 'none', width: 80 },
          { title: '组织覆盖率', dataIndex: 'organisationCoverage', key: 'oc', width: 100, render: (v: number | null) => formatRate(v) },
          { title: '工作覆盖率', dataIndex: 'workCoverage', key: 'wc', width: 100, render: (v: number | null) => formatRate(v) },
        ]}
      />

      <h3 className="section-title">历次变化（每次登记、修改或导入后当天的数字）</h3>
      <Table<CoverageReport['history'][number]>
        data-testid="coverage-history"
        rowKey="date"
        size="small"
        pagination={c.history.length > 8 ? { pageSize: 8, size: 'small' } : false}
        dataSource={[...c.history].reverse()}
        locale={{ emptyText: '还没有记录' }}
        columns={[
          { title: '日期', dataIndex: 'date', key: 'date', width: 110 },
          { title: '在营组织', dataIndex: 'organisations', key: 'n', width: 90 },
          { title: '组织覆盖率', dataIndex: 'organisationCoverage', key: 'oc', width: 100, render: (v: number | null) => formatRate(v) },
          { title: '工作覆盖率', dataIndex: 'workCoverage', key: 'wc', width: 100, render: (v: number | null) => formatRate(v) },
          {
            title: '单独组建目标',
            key: 'target',
            render: (_: unknown, r) => (
              <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                <span style={{ whiteSpace: 'nowrap' }}>
                  {r.qualifiedOwn} / {r.qualified}
                </span>
                <Progress size="small" strokeColor="#b8312a" percent={r.qualified ? Math.round((r.qualifiedOwn / r.qualified) * 100) : 0} style={{ width: 200, margin: 0 }} />
              </div>
            ),
          },
        ]}
      />
      <NewOrgModal open={editing != null} org={editing} onClose={() => setEditing(null)} onDone={() => (setEditing(null), void reload())} />
    </div>
  );
}

function figureCells(label: string, f: CoverageFigures) {
  return [label, f.organisations, f.own, f.joint, f.liaisonOnly, f.unionOnly, f.none, formatRate(f.organisationCoverage), formatRate(f.workCoverage)];
}

function OrgList() {
  const [q, setQ] = useState('');
  const dq = useDebounced(q, 250);
  const [kind, setKind] = useState<NewOrgKind | undefined>();
  const [communityId, setCommunityId] = useState<number | null>(null);
  const [partyWork, setPartyWork] = useState<PartyWorkKind | undefined>();
  const [status, setStatus] = useState<'operating' | 'closed' | 'all'>('operating');
  const [uncovered, setUncovered] = useState(false);
  const [editing, setEditing] = useState<NewOrg | 'new' | null>(null);
  const { message } = App.useApp();
  const list = useRecord(
    () => api['neworgs.list']({ q: dq.trim() || undefined, kind, communityId: communityId ?? undefined, partyWork, status, qualifiedUncovered: uncovered || undefined }),
    [dq, kind, communityId, partyWork, status, uncovered],
  );
  const open = async (id: number) => {
    try {
      setEditing(await api['neworgs.get']({ id }));
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <div>
      <ListToolbar add={{ label: '登记两新组织', onClick: () => setEditing('new') }}>
        <Input.Search aria-label="搜索两新组织" allowClear placeholder="名称、信用代码、地址" value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 220 }} />
        <Select<NewOrgKind> aria-label="组织类型" allowClear placeholder="全部类型" value={kind} onChange={setKind} style={{ width: 140 }} options={NEW_ORG_KINDS.map((k) => ({ value: k, label: NEW_ORG_KIND_LABELS[k] }))} />
        <CommunitySelect value={communityId} onChange={setCommunityId} allowClear placeholder="全部社区" style={{ width: 160 }} />
        <Select<PartyWorkKind> aria-label="党建工作情况" allowClear placeholder="党建工作情况" value={partyWork} onChange={setPartyWork} style={{ width: 130 }} options={PARTY_WORK_KINDS.map((k) => ({ value: k, label: PARTY_WORK_LABELS[k] }))} />
        <Select aria-label="经营状态" value={status} onChange={setStatus} style={{ width: 110 }} options={[{ value: 'operating', label: '在营' }, { value: 'closed', label: '已注销' }, { value: 'all', label: '全部' }]} />
        <Checkbox checked={uncovered} onChange={(e) => setUncovered(e.target.checked)}>
          应单独组建而未组建
        </Checkbox>
      </ListToolbar>
      <RecordTable<NewOrgRow>
        testId="neworgs-table"
        rows={list.value}
        error={list.error}
        total={(n) => `共 ${n} 家`}
        empty="还没有登记两新组织"
        onOpen={(r) => void open(r.id)}
        columns={[
          {
            title: '组织名称',
            dataIndex: 'name',
            key: 'name',
            render: (v: string, r) => (
              <ActionLink onClick={() => void open(r.id)}>
                {v}
              </ActionLink>
            ),
          },
          { title: '类型', dataIndex: 'kind', key: 'kind', width: 120, render: (v: NewOrgKind) => NEW_ORG_KIND_LABELS[v] },
          { title: '统一社会信用代码', dataIndex: 'creditCode', key: 'code', width: 190, render: (v: string | null) => (v ? <span className="id-number">{v}</span> : EMPTY) },
          { title: '所在社区', dataIndex: 'communityName', key: 'community', width: 130, render: (v: string | null) => v ?? EMPTY },
          { title: '从业人员', dataIndex: 'employees', key: 'emp', width: 80, render: (v: number | null) => v ?? EMPTY },
          { title: '正式 / 预备党员', key: 'members', width: 110, render: (_: unknown, r) => `${r.fullMembers} / ${r.probationaryMembers}` },
          {
            title: '党建工作',
            key: 'work',
            width: 170,
            render: (_: unknown, r) => (
              <>
                <Tag color={WORK_COLORS[r.partyWork]}>{PARTY_WORK_LABELS[r.partyWork]}</Tag>
                {r.qualifiedUncovered && <Tag color="gold">应单独组建</Tag>}
                {!r.operating && <Tag>已注销</Tag>}
              </>
            ),
          },
          { title: '', key: 'edit', width: 60, render: (_: unknown, r) => <Button size="small" type="link" icon={<EditOutlined />} aria-label={`修改 ${r.name}`} onClick={() => void open(r.id)} /> },
        ]}
      />
      <NewOrgModal open={editing != null} org={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onDone={() => (setEditing(null), void list.reload())} />
    </div>
  );
}

interface OrgValues {
  name?: string;
  kind?: NewOrgKind;
  creditCode?: string;
  address?: string;
  communityId?: number | null;
  employees?: number | null;
  members?: { id: number; name: string; label: string }[];
  otherFull?: number;
  otherProbationary?: number;
  legalRepIsMember?: 'yes' | 'no' | 'unknown';
  partyWork?: PartyWorkKind;
  jointWith?: string;
  partyOrgId?: number | null;
  liaisonName?: string;
  flags?: ('hasUnion' | 'hasYouthLeague' | 'hasWomensFederation')[];
  closedOn?: Dayjs | null;
  note?: string;
}
const ORG_FIELDS = ['name', 'kind', 'creditCode', 'address', 'communityId', 'employees', 'otherFull', 'otherProbationary', 'legalRepIsMember', 'partyWork', 'jointWith', 'partyOrgId', 'liaisonName', 'closedOn', 'note'] as const;

export function NewOrgModal(props: { open: boolean; org: NewOrg | null; onClose: () => void; onDone: (o: NewOrg) => void }) {
  const [form] = Form.useForm<OrgValues>();
  const { saving, error, submit } = useFormSubmit(form, ORG_FIELDS);
  const { orgs } = useOrgs();
  const { message } = App.useApp();
  const [picked, setPicked] = useState<number | undefined>();
  const o = props.org;
  const work = Form.useWatch('partyWork', form);
  const members = Form.useWatch('members', form) ?? [];
  useEffect(() => {
    if (!props.open) return;
    form.resetFields();
    form.setFieldsValue(
      o
        ? {
            name: o.name,
            kind: o.kind,
            creditCode: o.creditCode ?? '',
            address: o.address ?? '',
            communityId: o.communityId,
            employees: o.employees,
            members: o.members.map((m) => ({ id: m.id, name: m.name, label: `${m.membershipKind === 'full' ? '正式' : '预备'}${m.left ? '，已离开' : ''}` })),
            otherFull: o.otherFull,
            otherProbationary: o.otherProbationary,
            legalRepIsMember: o.legalRepIsMember == null ? 'unknown' : o.legalRepIsMember ? 'yes' : 'no',
            partyWork: o.partyWork,
            jointWith: o.jointWith ?? '',
            partyOrgId: o.partyOrgId,
            liaisonName: o.liaisonName ?? '',
            flags: [...(o.hasUnion ? ['hasUnion' as const] : []), ...(o.hasYouthLeague ? ['hasYouthLeague' as const] : []), ...(o.hasWomensFederation ? ['hasWomensFederation' as const] : [])],
            closedOn: fromIso(o.closedOn),
            note: o.note ?? '',
          }
        : { kind: 'enterprise', partyWork: 'none', otherFull: 0, otherProbationary: 0, legalRepIsMember: 'unknown', members: [], flags: [] },
    );
  }, [props.open, o, form]);
  const addMember = async (id: number) => {
    setPicked(undefined);
    if (members.some((m) => m.id === id)) return;
    const m = await api['members.get']({ id });
    form.setFieldValue('members', [...members, { id, name: m.name, label: m.membershipKind === 'full' ? '正式' : '预备' }]);
  };
  const send = () =>
    submit(async (v) => {
      const flags = new Set(v.flags ?? []);
      const saved = await api['neworgs.save']({
        id: o?.id,
        expectedVersion: o?.version,
        org: {
          name: (v.name ?? '').trim(),
          kind: v.kind!,
          creditCode: (v.creditCode ?? '').trim() || null,
          address: v.address ?? '',
          communityId: v.communityId ?? null,
          employees: v.employees ?? null,
          memberIds: (v.members ?? []).map((m) => m.id),
          otherFull: v.otherFull ?? 0,
          otherProbationary: v.otherProbationary ?? 0,
          legalRepIsMember: v.legalRepIsMember === 'yes' ? true : v.legalRepIsMember === 'no' ? false : null,
          partyWork: v.partyWork!,
          jointWith: v.jointWith ?? '',
          partyOrgId: v.partyOrgId ?? null,
          liaisonName: v.liaisonName ?? '',
          hasUnion: flags.has('hasUnion'),
          hasYouthLeague: flags.has('hasYouthLeague'),
          hasWomensFederation: flags.has('hasWomensFederation'),
          closedOn: toIso(v.closedOn),
          note: v.note ?? '',
        },
      });
      message.success(o ? `已保存：${saved.name}` : `已登记：${saved.name}`);
      props.onDone(saved);
    });
  const row = { display: 'flex', gap: 12 } as const;
  return (
    <Modal open={props.open} title={o ? `两新组织：${o.name}` : '登记两新组织'} okText="保存" cancelText="取消" confirmLoading={saving} onOk={send} onCancel={props.onClose} destroyOnHidden width={820}>
      <Form form={form} name="newOrgForm" layout="vertical" requiredMark>
        <div style={row}>
          <Form.Item name="name" label="组织名称" rules={[{ required: true, whitespace: true, message: '请填写组织名称' }]} style={{ flex: 2 }}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="kind" label="组织类型" rules={[{ required: true, message: '请选择组织类型' }]} style={{ flex: 1 }}>
            <Select options={NEW_ORG_KINDS.map((k) => ({ value: k, label: NEW_ORG_KIND_LABELS[k] }))} />
          </Form.Item>
          <Form.Item name="creditCode" label="统一社会信用代码" style={{ flex: 1.4 }}>
            <Input maxLength={40} placeholder="18 位" style={{ fontFamily: 'Consolas, monospace' }} />
          </Form.Item>
        </div>
        <div style={row}>
          <Form.Item name="communityId" label="所在社区" style={{ flex: 1 }}>
            <CommunitySelect allowClear />
          </Form.Item>
          <Form.Item name="address" label="地址" style={{ flex: 2 }}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="employees" label="从业人员数" style={{ flex: 0.8 }}>
            <InputNumber min={0} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item label={`本街道名册中的党员（${members.length} 名，正式 / 预备按名册计）`} htmlFor="neworg-member">
          <div style={{ display: 'flex', gap: 8, marginBottom: 6 }}>
            <div style={{ flex: 1 }}>
              <MemberPicker id="neworg-member" value={picked} onChange={(id) => void addMember(id)} active={props.open} />
            </div>
          </div>
          <Form.Item name="members" noStyle>
            <MemberTags />
          </Form.Item>
        </Form.Item>
        <div style={row}>
          <Form.Item name="otherFull" label="其他正式党员数" extra="组织关系不在本街道的" style={{ flex: 1 }}>
            <InputNumber min={0} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="otherProbationary" label="其他预备党员数" style={{ flex: 1 }}>
            <InputNumber min={0} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="legalRepIsMember" label="出资人（法定代表人）是否党员" style={{ flex: 1.6 }}>
            <Radio.Group options={[{ value: 'yes', label: '是' }, { value: 'no', label: '否' }, { value: 'unknown', label: '不清楚' }]} />
          </Form.Item>
        </div>
        <Form.Item name="partyWork" label="党建工作情况" rules={[{ required: true, message: '请选择党建工作情况' }]}>
          <Radio.Group optionType="button" options={PARTY_WORK_KINDS.map((k) => ({ value: k, label: PARTY_WORK_LABELS[k] }))} />
        </Form.Item>
        <div style={row}>
          {(work === 'own' || work === 'joint') && (
            <Form.Item name="partyOrgId" label={work === 'own' ? '本组织的党组织' : '所在联合党组织'} style={{ flex: 1 }}>
              <TreeSelect allowClear showSearch treeNodeFilterProp="title" treeDefaultExpandAll treeData={orgTreeOptions(orgs)} placeholder="在组织管理中的党组织（可不选）" />
            </Form.Item>
          )}
          {work === 'joint' && (
            <Form.Item name="jointWith" label="联合组建单位" style={{ flex: 1 }}>
              <Input maxLength={200} placeholder="与哪些单位联合组建" />
            </Form.Item>
          )}
          <Form.Item name="liaisonName" label="党建联络员（指导员）" style={{ flex: 1 }}>
            <Input maxLength={40} />
          </Form.Item>
        </div>
        <div style={row}>
          <Form.Item name="flags" label="群团组织" style={{ flex: 2 }}>
            <Checkbox.Group options={[{ value: 'hasUnion', label: '已建工会' }, { value: 'hasYouthLeague', label: '已建共青团' }, { value: 'hasWomensFederation', label: '已建妇联' }]} />
          </Form.Item>
          <Form.Item name="closedOn" label="注销（停业、迁出）日期" style={{ flex: 1 }}>
            <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item name="note" label="备注">
          <Input maxLength={1000} />
        </Form.Item>
      </Form>
      <FormError error={error} />
      {o && (
        <AuditSection
          load={() => api['neworgs.audit']({ id: o.id })}
          version={o.version}
          labels={NEW_ORG_FIELD_LABELS}
          show={(f, v) =>
            typeof v !== 'string' ? null : f === 'kind' ? (NEW_ORG_KIND_LABELS[v as NewOrgKind] ?? v) : f === 'partyWork' ? (PARTY_WORK_LABELS[v as PartyWorkKind] ?? v) : null
          }
        />
      )}
    </Modal>
  );
}

function MemberTags(props: { value?: OrgValues['members']; onChange?: (v: OrgValues['members']) => void }) {
  const list = props.value ?? [];
  if (!list.length) return <div className="muted">在这个组织工作、组织关系在本街道的党员，从名册中选择。</div>;
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}>
      {list.map((m) => (
        <Tag key={m.id} color="red" closable onClose={() => props.onChange?.(list.filter((x) => x.id !== m.id))}>
          {m.name}（{m.label}）
        </Tag>
      ))}
    </div>
  );
}

const STATUS_LABEL: Record<NewOrgImportRow['status'], [string, string]> = {
  new: ['新增', 'green'],
  changed: ['更新', 'blue'],
  unchanged: ['不变', 'default'],
  error: ['有错误', 'red'],
};

function ImportView() {
  const { message } = App.useApp();
  const [file, setFile] = useState<{ name: string; size: number; base64: string } | null>(null);
  const [preview, setPreview] = useState<NewOrgImportPreview | null>(null);
  const [result, setResult] = useState<NewOrgImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [show, setShow] = useState<'all' | NewOrgImportRow['status']>('all');
  const check = async (f: { name: string; size: number; base64: string }, sheetIndex?: number) => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setPreview(await api['neworgs.importPreview']({ fileName: f.name, dataBase64: f.base64, sheetIndex }));
    } catch (e) {
      setPreview(null);
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const choose = async (blob: File) => {
    try {
      const f = { name: blob.name, size: blob.size, base64: await readFileBase64(blob) };
      setFile(f);
      await check(f);
    } catch (e) {
      setError(e instanceof Error ? e.message : errorText(e));
    }
  };
  const commit = async (mode: 'valid' | 'strict') => {
    if (!file || !preview) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api['neworgs.importCommit']({ fileName: file.name, dataBase64: file.base64, sheetIndex: preview.sheetIndex, mode });
      setResult(r);
      if (r.written) message.success(`已导入：新增 ${r.inserted} 家，更新 ${r.updated} 家`);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const template = async () => {
    try {
      saveDownload(await api['neworgs.template']({}));
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <div>
      <ListToolbar
        extra={
          <Button icon={<DownloadOutlined />} onClick={() => void template()}>
            下载导入模板
          </Button>
        }
      >
        <span className="muted">市场监管、民政等部门提供的企业和社会组织名单可直接导入：表头可在标题下方，列名不必与模板相同；按统一社会信用代码（没有时按名称）与已登记的组织对照，空白单元格不会清除已登记的内容。</span>
      </ListToolbar>
      <SpreadsheetDropZone
        label="选择要导入的两新组织名单"
        disabled={busy}
        text={file ? `${file.name}（${fmtSize(file.size)}）— 点击或拖入另一个文件` : '点击选择或拖入 Excel 文件（.xlsx、.xls、.csv）'}
        onChoose={(f) => void choose(f)}
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
      {busy && <div className="muted" style={{ marginTop: 12 }}>正在处理…</div>}
      {result && (
        <Alert
          style={{ marginTop: 12 }}
          type={result.written ? 'success' : 'warning'}
          showIcon
          title={
            result.written
              ? `导入完成：新增 ${result.inserted} 家，更新 ${result.updated} 家，未变 ${result.unchanged} 家${result.errors.length ? `；${new Set(result.errors.map((e) => e.row)).size} 行有错误，没有导入，请改正后再导入这些行` : ''}。`
              : '表格中有错误，按“全部无误才导入”的要求，这次什么也没有写入。请改正后重新导入。'
          }
          action={
            result.written ? (
              <Button size="small" onClick={() => navigate('/two-new')}>
                查看覆盖情况
              </Button>
            ) : undefined
          }
        />
      )}
      {preview && !result && (
        <div style={{ marginTop: 12 }}>
          <div className="panel" data-testid="import-preview-summary">
            <div>
              工作表“{preview.sheetName}”，第 {preview.headerRow} 行是表头；共 {preview.counts.rows} 行：
              <Tag color="green">新增 {preview.counts.new}</Tag>
              <Tag color="blue">更新 {preview.counts.changed}</Tag>
              <Tag>不变 {preview.counts.unchanged}</Tag>
              <Tag color="red">有错误 {preview.counts.errors}</Tag>
              {preview.sheets.length > 1 && (
                <Select
                  aria-label="选择工作表"
                  size="small"
                  value={preview.sheetIndex}
                  onChange={(i) => file && void check(file, i)}
                  style={{ width: 180, marginLeft: 8 }}
                  options={preview.sheets.map((s) => ({ value: s.index, label: `${s.name}（${s.rows} 行）` }))}
                />
              )}
            </div>
            <div className="muted" style={{ marginTop: 6 }}>
              识别的列：{preview.columns.filter((c) => c.field).map((c) => (c.header === c.label ? c.header : `${c.header} → ${c.label}`)).join('、')}
              {preview.columns.some((c) => !c.field && c.header) && `；未使用：${preview.columns.filter((c) => !c.field && c.header).map((c) => c.header).join('、')}`}
            </div>
            <div style={{ marginTop: 10, display: 'flex', gap: 8, alignItems: 'center' }}>
              {preview.counts.new + preview.counts.changed === 0 ? (
                <span className="muted">没有需要写入的内容：{preview.counts.errors ? '有错误的行改正后再导入。' : '表中的组织都已登记，内容一致。'}</span>
              ) : (
                <>
                  <Button type="primary" disabled={busy} onClick={() => void commit('valid')}>
                    {preview.counts.errors ? `导入无误的 ${preview.counts.new + preview.counts.changed} 行（跳过有错误的行）` : `导入 ${preview.counts.new + preview.counts.changed} 行`}
                  </Button>
                  {preview.counts.errors > 0 && (
                    <Button disabled={busy} onClick={() => void commit('strict')}>
                      全部无误才导入
                    </Button>
                  )}
                </>
              )}
              <span style={{ flex: 1 }} />
              <Radio.Group
                size="small"
                optionType="button"
                value={show}
                onChange={(e) => setShow(e.target.value)}
                options={[
                  { value: 'all', label: '全部' },
                  { value: 'error', label: `有错误（${preview.counts.errors}）` },
                  { value: 'new', label: '新增' },
                  { value: 'changed', label: '更新' },
                ]}
              />
            </div>
          </div>
          <Table<NewOrgImportRow>
            data-testid="import-rows"
            rowKey="row"
            size="small"
            dataSource={show === 'all' ? preview.rows : preview.rows.filter((r) => r.status === show)}
            pagination={{ pageSize: 50, showSizeChanger: false }}
            locale={{ emptyText: '没有这类行' }}
            columns={[
              { title: '行号', dataIndex: 'row', key: 'row', width: 70 },
              { title: '状态', dataIndex: 'status', key: 'status', width: 90, render: (v: NewOrgImportRow['status']) => <Tag color={STATUS_LABEL[v][1]}>{STATUS_LABEL[v][0]}</Tag> },
              { title: '组织名称', dataIndex: 'name', key: 'name', width: 220, render: (v: string | null) => v ?? EMPTY },
              {
                title: '说明',
                key: 'detail',
                render: (_: unknown, r) => (
                  <div>
                    {r.issues.map((i, k) => (
                      <div key={k} className="text-error">
                        {i.column ? `${i.column}：` : ''}
                        {i.message}
                      </div>
                    ))}
                    {r.changes.map((c, k) => (
                      <div key={`c${k}`}>
                        {c.label}：{c.old ?? '（空）'} → {c.new ?? '（空）'}
                      </div>
                    ))}
                    {r.warnings.map((w, k) => (
                      <div key={`w${k}`} className="muted">
                        {w}
                      </div>
                    ))}
                  </div>
                ),
              },
            ]}
          />
        </div>
      )}
    </div>
  );
}
