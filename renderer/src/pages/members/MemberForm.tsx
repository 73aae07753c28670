/**
 * 新增党员 / 编辑党员: the official 16-item record, tags, specialties and notes.
 * Validation runs the same pure rules as the server (shared/rules/member.ts) on every change, so the
 * message beside a field is the one the server would give; the server's answer still decides.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  Row,
  Select,
  Skeleton,
  Space,
  Switch,
  Tag,
  TreeSelect,
} from 'antd';
import type { FormItemProps } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { api } from '../../api/client';
import type { IdCheckResult, Member } from '../../../../shared/contract';
import {
  EDUCATIONS,
  EDUCATION_LABELS,
  ETHNICITIES,
  FLOATING_DIRECTIONS,
  FLOATING_DIRECTION_LABELS,
  MANUAL_TAGS,
  MEMBER_FIELD_LABELS,
  MEMBERSHIP_KINDS,
  MEMBERSHIP_KIND_LABELS,
  OCCUPATION_SUGGESTIONS,
  SEX_LABELS,
  SEXES,
  STANDINGS,
  STANDING_LABELS,
  TAG_LABELS,
  type Education,
  type FloatingDirection,
  type MembershipKind,
  type Standing,
  type Tag as TagCode,
} from '../../../../shared/domain/labels';
import { checkMember, memberInput, type MemberInput, type MemberInputRaw } from '../../../../shared/rules/member';
import { parseIdNumber } from '../../../../shared/rules/idNumber';
import { suggestTagsFromOccupation } from '../../../../shared/rules/classification';
import { errorText, fieldErrorsOf } from '../../lib/format';
import { orgTreeOptions, useOrgs } from '../../lib/orgs';
import { DATE_FORMATS, fromIso, toIso } from './dates';
import { navigate } from '../../lib/router';
import { ArrowLeftOutlined } from '@ant-design/icons';

type Ethnicity = (typeof ETHNICITIES)[number];
type Sex = (typeof SEXES)[number];

interface FormValues {
  name?: string;
  sex?: Sex | null;
  ethnicity?: Ethnicity | null;
  idNumber?: string;
  idOverride?: boolean;
  idOverrideReason?: string | null;
  birthDate?: Dayjs | null;
  education?: Education | null;
  membershipKind?: MembershipKind;
  branchId?: number | null;
  joinedOn?: Dayjs | null;
  confirmedOn?: Dayjs | null;
  occupation?: string | null;
  mobile?: string | null;
  phone?: string | null;
  address?: string | null;
  standing?: Standing;
  lostContact?: boolean;
  lostContactSince?: Dayjs | null;
  floating?: boolean;
  floatingDirection?: FloatingDirection | null;
  floatingDestination?: string | null;
  tags?: TagCode[];
  specialties?: string | null;
  note?: string | null;
}

const FORM_NAME = 'memberForm';
const LABEL = MEMBER_FIELD_LABELS as Record<string, string>;
const label = (f: string): string => LABEL[f] ?? f;

function initialValues(m: Member | null): FormValues {
  if (!m) return { membershipKind: 'full', standing: 'normal', lostContact: false, floating: false, tags: [], idOverride: false };
  return {
    name: m.name,
    sex: m.sex,
    ethnicity: (m.ethnicity as Ethnicity | null) ?? null,
    idNumber: m.idNumber,
    idOverride: m.idStatus === 'override',
    idOverrideReason: m.idOverrideReason,
    birthDate: fromIso(m.birthDate),
    education: m.education,
    membershipKind: m.membershipKind,
    branchId: m.branchId,
    joinedOn: fromIso(m.joinedOn),
    confirmedOn: fromIso(m.confirmedOn),
    occupation: m.occupation,
    mobile: m.mobile,
    phone: m.phone,
    address: m.address,
    standing: m.standing,
    lostContact: m.lostContact,
    lostContactSince: fromIso(m.lostContactSince),
    floating: m.floating,
    floatingDirection: m.floatingDirection,
    floatingDestination: m.floatingDestination,
    tags: m.tags.filter((t) => t !== 'floating'),
    specialties: m.specialties,
    note: m.note,
  };
}

/** What the contract takes, from what the form holds. */
function toRaw(v: FormValues): MemberInputRaw {
  return {
    name: v.name ?? '',
    sex: v.sex ?? null,
    ethnicity: v.ethnicity ?? null,
    idNumber: v.idNumber ?? '',
    idOverrideReason: v.idOverride ? (v.idOverrideReason ?? '') : null,
    birthDate: toIso(v.birthDate),
    education: v.education ?? null,
    membershipKind: v.membershipKind ?? 'full',
    branchId: v.branchId ?? null,
    joinedOn: toIso(v.joinedOn),
    confirmedOn: toIso(v.confirmedOn),
    occupation: v.occupation ?? null,
    mobile: v.mobile ?? null,
    phone: v.phone ?? null,
    address: v.address ?? null,
    standing: v.standing ?? 'normal',
    lostContact: !!v.lostContact,
    lostContactSince: v.lostContact ? toIso(v.lostContactSince) : null,
    floating: !!v.floating,
    floatingDirection: v.floating ? (v.floatingDirection ?? 'outflow') : null,
    floatingDestination: v.floating ? (v.floatingDestination ?? null) : null,
    tags: (v.tags ?? []).filter((t) => t !== 'floating') as MemberInputRaw['tags'],
    specialties: v.specialties ?? null,
    note: v.note ?? null,
  };
}

const blankToNull = (s: string | null): string | null => {
  if (s == null) return null;
  const t = s.trim();
  return t === '' ? null : t;
};

/** The schema's errors plus the record's rules, field by field; the first message per field wins. */
function validate(v: FormValues): Record<string, string> {
  const raw = toRaw(v);
  const errors: Record<string, string> = {};
  const parsed = memberInput.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const k = String(issue.path[0] ?? '');
      if (k && !errors[k]) errors[k] = issue.message;
    }
  }
  // The rules need a parsed record; give them one even while other fields are still wrong.
  const lenient: MemberInput = {
    ...raw,
    name: raw.name.trim(),
    idOverrideReason: blankToNull(raw.idOverrideReason ?? null),
    occupation: blankToNull(raw.occupation ?? null),
    mobile: blankToNull(raw.mobile ?? null),
    phone: blankToNull(raw.phone ?? null),
    address: blankToNull(raw.address ?? null),
    floatingDestination: blankToNull(raw.floatingDestination ?? null),
    specialties: blankToNull(raw.specialties ?? null),
    note: blankToNull(raw.note ?? null),
  };
  const rules = checkMember(lenient).errors as Record<string, string>;
  for (const [k, msg] of Object.entries(rules)) if (!errors[k]) errors[k] = msg;

  const id = parseIdNumber(raw.idNumber);
  const overridable = !id.ok && (id.problem === 'checksum' || id.problem === 'birthDate');
  if (overridable && v.idOverride) {
    if (!lenient.idOverrideReason) {
      delete errors['idNumber'];
      errors['idOverrideReason'] = '请写明仍按此号码保存的原因，例如：已核对身份证原件，号码与证件一致';
    }
  }
  return errors;
}

const hasValue = (x: unknown): boolean =>
  x !== undefined && x !== null && x !== '' && x !== false && !(Array.isArray(x) && x.length === 0);

/** The form as a page of its own (#/members/new, #/members/<id>/edit): room for 25 fields at 1366×768. */
export function MemberFormPage({ memberId }: { memberId: number | null }) {
  const { modal, message } = App.useApp();
  const { reload: reloadOrgs } = useOrgs();
  const [member, setMember] = useState<Member | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const dirty = useRef(false);

  useEffect(() => {
    if (memberId == null) return;
    let live = true;
    api['members.get']({ id: memberId }).then(
      (m) => live && setMember(m),
      (e: unknown) => live && setLoadError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [memberId]);

  const back = () => navigate(memberId != null ? `/members/${memberId}` : '/members');
  const cancel = () => {
    if (!dirty.current) return back();
    modal.confirm({
      title: '放弃未保存的内容？',
      content: '表单中有尚未保存的修改，离开后这些修改将丢失。',
      okText: '放弃修改',
      cancelText: '继续填写',
      onOk: back,
    });
  };
  const editing = memberId != null;
  const title = editing ? (member ? `编辑党员：${member.name}` : '编辑党员') : '新增党员';

  return (
    <div className="page form-page">
      <div className="page-title">
        <Button type="link" icon={<ArrowLeftOutlined />} onClick={cancel} style={{ paddingLeft: 0 }}>
          返回党员名册
        </Button>
        <h1 style={{ marginLeft: 8 }}>{title}</h1>
      </div>
      {loadError && <Alert type="error" showIcon title="没有读取到这位党员的信息" description={loadError} />}
      {editing && !member && !loadError && <Skeleton active />}
      {(!editing || member) && (
        <MemberFormBody
          key={member ? `${member.id}-${member.version}` : 'new'}
          member={member}
          onCancel={cancel}
          onDirty={() => (dirty.current = true)}
          onSaved={(m) => {
            dirty.current = false;
            message.success('已保存');
            void reloadOrgs();
            navigate(`/members/${m.id}`);
          }}
        />
      )}
    </div>
  );
}

function MemberFormBody(props: { member: Member | null; onCancel: () => void; onSaved: (m: Member) => void; onDirty: () => void }) {
  const { member } = props;
  const { orgs } = useOrgs();
  const [form] = Form.useForm<FormValues>();
  const initial = useMemo(() => initialValues(member), [member]);
  const [values, setValues] = useState<FormValues>(initial);
  const [blurred, setBlurred] = useState<Set<string>>(() => new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [topError, setTopError] = useState<string | null>(null);
  const [idCheck, setIdCheck] = useState<IdCheckResult | null>(null);
  const [saving, setSaving] = useState(false);
  const idSeq = useRef(0);

  const errors = useMemo(() => validate(values), [values]);
  const branchOptions = useMemo(() => orgTreeOptions(orgs, { branchesOnly: true }), [orgs]);

  const idParse = useMemo(() => parseIdNumber(values.idNumber ?? ''), [values.idNumber]);
  const idOverridable = !idParse.ok && (idParse.problem === 'checksum' || idParse.problem === 'birthDate');
  const duplicate = idCheck && idCheck.normalised === idParse.normalised ? idCheck.duplicate : undefined;
  const duplicateMessage = duplicate
    ? `该号码已登记为 ${duplicate.name}${duplicate.branchName ? `（${duplicate.branchName}）` : ''}${duplicate.active ? '' : '，已离开'}，不能重复登记`
    : undefined;

  const suggested = suggestTagsFromOccupation(values.occupation).filter(
    (t) => (MANUAL_TAGS as readonly string[]).includes(t) && !(values.tags ?? []).includes(t),
  );

  const sync = () => setValues({ ...form.getFieldsValue(true) });

  const visible = (f: string): boolean => {
    if (submitted || blurred.has(f)) return true;
    if (f === 'idNumber' || f === 'name') return false; // not while the first characters are being typed
    return hasValue((values as Record<string, unknown>)[f]);
  };
  const messageFor = (f: string): string | undefined =>
    serverErrors[f] ?? (f === 'idNumber' && !errors[f] ? duplicateMessage : undefined) ?? (visible(f) ? errors[f] : undefined);
  const status = (f: string, extra?: FormItemProps['extra']): Partial<FormItemProps> => {
    const msg = messageFor(f);
    return { ...(msg ? { validateStatus: 'error' as const, help: msg } : {}), ...(extra ? { extra } : {}) };
  };

  const onValuesChange = (changed: Partial<FormValues>) => {
    props.onDirty();
    const keys = Object.keys(changed);
    if (keys.some((k) => serverErrors[k])) {
      setServerErrors((s) => {
        const n = { ...s };
        for (const k of keys) {
          delete n[k];
          if (k === 'idOverride' || k === 'idOverrideReason') delete n['idNumber'];
        }
        return n;
      });
    }
    if ('idNumber' in changed) setIdCheck(null);
    if (topError && Object.keys(serverErrors).length) setTopError(null);
    sync();
  };

  const onBlur = (e: React.FocusEvent<HTMLFormElement>) => {
    const id = (e.target as HTMLElement).id ?? '';
    if (!id.startsWith(FORM_NAME + '_')) return;
    const f = id.slice(FORM_NAME.length + 1);
    if (!blurred.has(f)) setBlurred((s) => new Set(s).add(f));
    if (f === 'idNumber') void checkIdOnServer();
  };

  /** On leaving 公民身份号码: fill 性别 and 出生日期 when blank, and look for a member already holding it. */
  const checkIdOnServer = async () => {
    const n = String(form.getFieldValue('idNumber') ?? '').trim();
    const mine = ++idSeq.current;
    if (!n) return setIdCheck(null);
    try {
      const r = await api['members.checkId']({ idNumber: n, ...(member ? { excludeId: member.id } : {}) });
      if (mine !== idSeq.current) return;
      const patch: Partial<FormValues> = {};
      if (r.normalised && r.normalised !== n) patch.idNumber = r.normalised;
      if (r.sex && !form.getFieldValue('sex')) patch.sex = r.sex;
      if (r.birthDate && !form.getFieldValue('birthDate')) patch.birthDate = fromIso(r.birthDate);
      if (Object.keys(patch).length) form.setFieldsValue(patch);
      setIdCheck(r);
      sync();
    } catch {
      // The check is a convenience; saving checks again and reports any problem.
    }
  };

  const save = async () => {
    setSubmitted(true);
    setTopError(null);
    const current: FormValues = form.getFieldsValue(true);
    const errs = validate(current);
    if (duplicateMessage && !errs['idNumber']) errs['idNumber'] = duplicateMessage;
    const fields = Object.keys(errs);
    if (fields.length) {
      form.scrollToField(fields[0]!, { block: 'center' });
      return;
    }
    setSaving(true);
    try {
      const raw = toRaw(current);
      const saved = member
        ? await api['members.update']({ id: member.id, member: raw, expectedVersion: member.version })
        : await api['members.create']({ member: raw });
      props.onSaved(saved);
    } catch (e) {
      const fe = fieldErrorsOf(e);
      setServerErrors(fe);
      setTopError(errorText(e));
      const first = Object.keys(fe)[0];
      if (first && first in LABEL) form.scrollToField(first, { block: 'center' });
    } finally {
      setSaving(false);
    }
  };

  const idExtra = (() => {
    if (messageFor('idNumber')) return undefined;
    if (idParse.ok && idParse.form === 'legacy15')
      return (
        <span>
          <Tag color="default">旧号码</Tag>15 位旧号码，可以保存；换发 18 位新证后请及时更新
        </span>
      );
    if (idParse.ok)
      return (
        <span style={{ color: '#389e0d' }}>
          号码校验通过（{SEX_LABELS[idParse.sex]}，{idParse.birthDate} 出生）
        </span>
      );
    if (idOverridable && values.idOverride) return <span style={{ color: '#ad6800' }}>校验未通过，将按例外保存并记录原因</span>;
    return undefined;
  })();

  const pending = Object.keys(errors);
  if (duplicateMessage && !errors['idNumber']) pending.push('idNumber');
  const clientSummary = submitted && pending.length ? `请先改正标红的内容再保存：${pending.map(label).join('、')}` : null;

  const today = dayjs();
  const notFuture = (d: Dayjs) => d.isAfter(today, 'day');

  return (
    <>
      <div className="panel form-panel">
        <Form<FormValues>
          form={form}
          name={FORM_NAME}
          layout="vertical"
          initialValues={initial}
          onValuesChange={onValuesChange}
          onBlur={onBlur}
          requiredMark
          scrollToFirstError
          autoComplete="off"
        >
          <section className="form-section">
            <h3 className="form-section-title">基本信息</h3>
            <Row gutter={16}>
              <Col span={8}>
                <Form.Item name="name" label="姓名" required {...status('name')}>
                  <Input maxLength={40} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="sex" label="性别" required {...status('sex')}>
                  <Select
                    placeholder="请选择（可由身份证号自动填写）"
                    allowClear
                    options={SEXES.map((s) => ({ value: s, label: SEX_LABELS[s] }))}
                  />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="ethnicity" label="民族" {...status('ethnicity')}>
                  <Select
                    placeholder="请选择，可输入文字查找"
                    allowClear
                    showSearch
                    options={ETHNICITIES.map((e) => ({ value: e, label: e }))}
                  />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="idNumber" label="公民身份号码" required {...status('idNumber', idExtra)}>
                  <Input maxLength={40} className="id-number" placeholder="18 位号码，最后一位可为 X" />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="birthDate" label="出生日期" required {...status('birthDate')}>
                  <DatePicker format={DATE_FORMATS} placeholder="可由身份证号自动填写" style={{ width: '100%' }} disabledDate={notFuture} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="education" label="学历" {...status('education')}>
                  <Select placeholder="请选择" allowClear options={EDUCATIONS.map((e) => ({ value: e, label: EDUCATION_LABELS[e] }))} />
                </Form.Item>
              </Col>
              {(idOverridable || values.idOverride) && idOverridable && (
                <Col span={24}>
                  <Alert
                    type="warning"
                    style={{ marginBottom: 12 }}
                    title={
                      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                        <span>
                          公民身份号码没有通过校验。通常是录入有误，请先与证件核对；确认证件上就是这个号码时，才勾选下面的选项。
                        </span>
                        <Form.Item name="idOverride" valuePropName="checked" noStyle>
                          <Checkbox>仍按此号码保存（已核对证件原件）</Checkbox>
                        </Form.Item>
                        {values.idOverride && (
                          <Form.Item
                            name="idOverrideReason"
                            label={label('idOverrideReason')}
                            required
                            style={{ marginBottom: 0, marginTop: 8 }}
                            {...status('idOverrideReason')}
                          >
                            <Input maxLength={200} placeholder="例如：已核对身份证原件，号码与证件一致" />
                          </Form.Item>
                        )}
                      </Space>
                    }
                  />
                </Col>
              )}
              <Col span={16}>
                <Form.Item name="occupation" label="工作岗位" {...status('occupation')}>
                  <AutoComplete
                    options={OCCUPATION_SUGGESTIONS.map((o) => ({ value: o }))}
                    filterOption={(input, option) => !input || String(option?.value ?? '').includes(input)}
                    placeholder="可从列表中选择，也可直接填写"
                    maxLength={60}
                  />
                </Form.Item>
              </Col>
            </Row>
          </section>

          <section className="form-section">
            <h3 className="form-section-title">党籍信息</h3>
            <Row gutter={16}>
              <Col span={8}>
                <Form.Item name="membershipKind" label="人员类别" required {...status('membershipKind')}>
                  <Select options={MEMBERSHIP_KINDS.map((k) => ({ value: k, label: MEMBERSHIP_KIND_LABELS[k] }))} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="branchId" label="所在党支部" {...status('branchId')}>
                  <TreeSelect<number>
                    allowClear
                    showSearch={{ treeNodeFilterProp: 'title' }}
                    treeDefaultExpandAll
                    placeholder={orgs.length ? '请选择党支部' : '请先在“组织管理”中添加党支部'}
                    treeData={branchOptions}
                    popupMatchSelectWidth={360}
                  />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="standing" label="党籍状态" required {...status('standing')}>
                  <Select options={STANDINGS.map((k) => ({ value: k, label: STANDING_LABELS[k] }))} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="joinedOn" label="加入党组织日期" {...status('joinedOn')}>
                  <DatePicker format={DATE_FORMATS} placeholder="例如 2003-07-01" style={{ width: '100%' }} disabledDate={notFuture} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="confirmedOn" label="转为正式党员日期" {...status('confirmedOn')}>
                  <DatePicker
                    format={DATE_FORMATS}
                    placeholder={values.membershipKind === 'probationary' ? '预备党员不填' : '例如 2004-07-01'}
                    style={{ width: '100%' }}
                    disabledDate={notFuture}
                  />
                </Form.Item>
              </Col>
            </Row>
          </section>

          <section className="form-section">
            <h3 className="form-section-title">联系方式</h3>
            <Row gutter={16}>
              <Col span={8}>
                <Form.Item name="mobile" label="手机号码" {...status('mobile')}>
                  <Input maxLength={30} inputMode="tel" />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="phone" label="固定电话" {...status('phone')}>
                  <Input maxLength={30} inputMode="tel" placeholder="例如 010-12345678" />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Form.Item name="address" label="家庭住址" {...status('address')}>
                  <Input maxLength={200} />
                </Form.Item>
              </Col>
            </Row>
          </section>

          <section className="form-section">
            <h3 className="form-section-title">流动与失联</h3>
            <Row gutter={16}>
              <Col span={8}>
                <Form.Item name="lostContact" label="是否为失联党员" valuePropName="checked" {...status('lostContact')}>
                  <Switch checkedChildren="是" unCheckedChildren="否" />
                </Form.Item>
              </Col>
              {values.lostContact && (
                <Col span={8}>
                  <Form.Item
                    name="lostContactSince"
                    label="失去联系日期"
                    required
                    {...status('lostContactSince', '失去联系满 6 个月的，认定为失联党员')}
                  >
                    <DatePicker format={DATE_FORMATS} placeholder="例如 2024-01-01" style={{ width: '100%' }} disabledDate={notFuture} />
                  </Form.Item>
                </Col>
              )}
            </Row>
            <Row gutter={16}>
              <Col span={8}>
                <Form.Item name="floating" label="是否为流动党员" valuePropName="checked" {...status('floating')}>
                  <Switch checkedChildren="是" unCheckedChildren="否" />
                </Form.Item>
              </Col>
              {values.floating && (
                <>
                  <Col span={8}>
                    <Form.Item name="floatingDirection" label="流动方向" {...status('floatingDirection')}>
                      <Select
                        placeholder="流出"
                        options={FLOATING_DIRECTIONS.map((d) => ({ value: d, label: FLOATING_DIRECTION_LABELS[d] }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={8}>
                    <Form.Item
                      name="floatingDestination"
                      label="外出流向"
                      required={(values.floatingDirection ?? 'outflow') === 'outflow'}
                      {...status('floatingDestination')}
                    >
                      <Input maxLength={200} placeholder="例如：广东省深圳市南山区" />
                    </Form.Item>
                  </Col>
                </>
              )}
            </Row>
          </section>

          <section className="form-section">
            <h3 className="form-section-title">分类与特长</h3>
            <Form.Item
              name="tags"
              label="分类"
              {...status(
                'tags',
                <span>
                  可选多项。“流动党员”由上面的“是否为流动党员”自动归类。
                  {suggested.length > 0 && (
                    <span style={{ marginLeft: 8, color: '#ad6800' }} data-testid="tag-suggestion">
                      建议分类：{suggested.map((t) => TAG_LABELS[t]).join('、')}（根据工作岗位）
                      <Button
                        type="link"
                        size="small"
                        onClick={() => {
                          form.setFieldsValue({ tags: [...(form.getFieldValue('tags') ?? []), ...suggested] });
                          props.onDirty();
                          sync();
                        }}
                      >
                        采用建议
                      </Button>
                    </span>
                  )}
                </span>,
              )}
            >
              <Checkbox.Group options={MANUAL_TAGS.map((t) => ({ value: t, label: TAG_LABELS[t] }))} />
            </Form.Item>
            <Form.Item name="specialties" label="特长" {...status('specialties')}>
              <Input maxLength={200} placeholder="例如：法律咨询、书法、医疗护理（志愿服务时按特长安排）" />
            </Form.Item>
            <Form.Item name="note" label="备注" {...status('note')}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </section>
        </Form>
      </div>
      <div className="form-footer">
        <div style={{ flex: 1, minWidth: 0 }} role="alert">
          {(topError ?? clientSummary) && <span style={{ color: '#b8312a' }}>{topError ?? clientSummary}</span>}
        </div>
        <Button onClick={props.onCancel}>取消</Button>
        <Button type="primary" onClick={save} loading={saving}>
          保存
        </Button>
      </div>
    </>
  );
}
