/**
 * 分类建支部: retired cadres and workers, out-flowing and in-flowing members who are not yet in a branch of
 * their situation, by community. Where 3+ 正式党员 are among them, one action forms the branch and moves the
 * ticked members into it (orgs.formBranch); smaller groups are listed with what the rule allows instead.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Collapse, DatePicker, Empty, Form, Input, Radio, Skeleton, Space, Tag, Tooltip } from 'antd';
import { ApartmentOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { SUGGESTION_KINDS, SUGGESTION_KIND_INFO, type BranchSuggestion, type SuggestionKind } from '../../../../shared/rules/branchSuggestions';
import { errorText, fieldErrorsOf } from '../../lib/format';
import { useOrgs } from '../../lib/orgs';
import { navigate } from '../../lib/router';
import { DATE_FORMATS } from '../members/dates';

const KIND_INTRO: Record<SuggestionKind, string> = {
  retired: '离休干部党员、退休职工党员组织关系转到居住地后，人数较多的社区可成立离退休党支部，便于就近开展组织生活和关心照顾。',
  outflow: '外出流动的党员，具备条件的社区可成立流动党员党支部，保持联系、按时参加组织生活。',
  inflow: '从外地流入本街道的党员，具备条件的社区可成立流入党员党支部（流动党员党支部），纳入属地管理。',
};

export function BranchSuggestionsPage() {
  const { reload: reloadOrgs } = useOrgs();
  const [list, setList] = useState<BranchSuggestion[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const [formed, setFormed] = useState<{ name: string; moved: number; isNew: boolean } | null>(null);

  useEffect(() => {
    let live = true;
    api['orgs.suggestions']({}).then(
      (r) => {
        if (!live) return;
        setList(r);
        setError(null);
      },
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [reloadKey]);

  const onFormed = useCallback(
    (name: string, moved: number, isNew: boolean) => {
      setFormed({ name, moved, isNew });
      setReloadKey((k) => k + 1);
      void reloadOrgs();
    },
    [reloadOrgs],
  );

  const byKind = useMemo(() => {
    const m = new Map<SuggestionKind, BranchSuggestion[]>(SUGGESTION_KINDS.map((k) => [k, []]));
    for (const s of list ?? []) m.get(s.kind)!.push(s);
    return m;
  }, [list]);
  const eligibleCount = (list ?? []).filter((s) => s.eligible).length;

  return (
    <div className="page">
      <div className="page-title">
        <h1>分类建支部</h1>
        <div className="actions">
          <Button icon={<ReloadOutlined />} onClick={() => setReloadKey((k) => k + 1)}>
            重新计算
          </Button>
        </div>
      </div>
      <p className="muted" style={{ marginTop: -4 }}>
        按社区列出尚未编入离退休党支部、流动党员党支部的离退休党员和流动党员。依据《中国共产党支部工作条例（试行）》，正式党员满 3
        名可成立党支部；预备党员一并转入，但不计入人数。
      </p>

      {formed && (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setFormed(null) }}
          style={{ marginBottom: 12 }}
          title={formed.isNew ? `已成立“${formed.name}”，转入 ${formed.moved} 名党员` : `已将 ${formed.moved} 名党员转入“${formed.name}”`}
          description="转移已记入每位党员的所在党支部历史和操作日志。"
          action={
            <Button size="small" icon={<ApartmentOutlined />} onClick={() => navigate('/orgs')}>
              到组织管理查看
            </Button>
          }
        />
      )}
      {error && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title="建议没有计算出来"
          description={error}
          action={<Button onClick={() => setReloadKey((k) => k + 1)}>重试</Button>}
        />
      )}
      {!list && !error && <Skeleton active />}
      {list && list.length === 0 && (
        <div className="panel">
          <Empty description="所有离退休党员和流动党员都已编入相应的党支部，暂无建议" />
        </div>
      )}
      {list && list.length > 0 && eligibleCount === 0 && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title="目前没有满 3 名正式党员的社区，暂不能成立新支部；下面列出各社区的人数供参考。" />
      )}

      {list &&
        SUGGESTION_KINDS.map((kind) => {
          const items = byKind.get(kind)!;
          if (!items.length) return null;
          const eligible = items.filter((s) => s.eligible);
          const small = items.filter((s) => !s.eligible);
          const info = SUGGESTION_KIND_INFO[kind];
          return (
            <section key={kind} className="panel" aria-labelledby={`kind-${kind}`} style={{ marginBottom: 16 }}>
              <h2 id={`kind-${kind}`} style={{ fontSize: 17, margin: '0 0 4px' }}>
                {info.label}：可成立{info.branchLabel}
                <span className="muted" style={{ fontSize: 14, fontWeight: 'normal', marginLeft: 12 }}>
                  {eligible.length} 个社区可成立，{small.length} 个社区人数不足
                </span>
              </h2>
              <p className="muted" style={{ margin: '0 0 12px' }}>
                {KIND_INTRO[kind]}
              </p>
              <Space orientation="vertical" size={12} style={{ width: '100%' }}>
                {eligible.map((s) => (
                  <SuggestionCard key={`${s.kind}-${s.organisation.id}`} suggestion={s} onFormed={onFormed} />
                ))}
              </Space>
              {small.length > 0 && (
                <Collapse
                  style={{ marginTop: eligible.length ? 12 : 0 }}
                  items={[
                    {
                      key: 'small',
                      label: `不足 3 名正式党员的社区（${small.length} 个）`,
                      children: (
                        <ul className="plain-list" style={{ margin: 0, paddingLeft: 18 }}>
                          {small.map((s) => (
                            <li key={s.organisation.id} style={{ marginBottom: 6 }}>
                              <strong>{s.organisation.name}</strong>：{s.rule}
                              <span className="muted">（{s.members.map((m) => m.name).join('、')}）</span>
                            </li>
                          ))}
                        </ul>
                      ),
                    },
                  ]}
                />
              )}
            </section>
          );
        })}
    </div>
  );
}

interface CardValues {
  /** 'new': form a branch; a number: move into that existing branch. */
  mode?: 'new' | number;
  name?: string;
  date?: Dayjs | null;
  memberIds?: number[];
}

function SuggestionCard({ suggestion: s, onFormed }: { suggestion: BranchSuggestion; onFormed: (name: string, moved: number, formed: boolean) => void }) {
  const { modal } = App.useApp();
  const [form] = Form.useForm<CardValues>();
  const [saving, setSaving] = useState(false);
  const [topError, setTopError] = useState<string | null>(null);
  const allIds = useMemo(() => s.members.map((m) => m.id), [s]);
  const ticked = Form.useWatch('memberIds', form) ?? allIds;
  const mode = Form.useWatch('mode', form) ?? 'new';
  const target = typeof mode === 'number' ? s.existingBranches.find((b) => b.id === mode) : undefined;
  const tickedFull = s.members.filter((m) => m.membershipKind === 'full' && ticked.includes(m.id)).length;
  const formId = `form-${s.kind}-${s.organisation.id}`;
  const info = SUGGESTION_KIND_INFO[s.kind];

  const submit = async () => {
    setTopError(null);
    let v: CardValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const name = (v.name ?? '').trim();
    const ids = v.memberIds ?? [];
    if (target) {
      modal.confirm({
        title: `转入“${target.name}”？`,
        content: `将把勾选的 ${ids.length} 名党员转入${target.name}。转移会记入每位党员的所在党支部历史和操作日志。`,
        okText: '确认转入',
        cancelText: '再看看',
        onOk: async () => {
          setSaving(true);
          try {
            const r = await api['members.move']({ ids, toBranchId: target.id, date: v.date!.format('YYYY-MM-DD'), reason: `编入${target.name}` });
            onFormed(target.name, r.moved, false);
          } catch (e) {
            const fe = fieldErrorsOf(e);
            if (fe['date']) form.setFields([{ name: 'date', errors: [fe['date']] }]);
            setTopError(errorText(e));
          } finally {
            setSaving(false);
          }
        },
      });
      return;
    }
    const go = async () => {
      setSaving(true);
      try {
        const r = await api['orgs.formBranch']({
          communityId: s.organisation.id,
          kind: s.branchKind,
          name,
          memberIds: ids,
          date: v.date!.format('YYYY-MM-DD'),
        });
        onFormed(r.org.name, r.moved, true);
      } catch (e) {
        const fe = fieldErrorsOf(e);
        const known = (['name', 'date', 'memberIds'] as const).filter((f) => fe[f]);
        if (known.length) form.setFields(known.map((f) => ({ name: f, errors: [fe[f]!] })));
        setTopError(errorText(e));
      } finally {
        setSaving(false);
      }
    };
    modal.confirm({
      title: `成立“${name}”？`,
      content: `将在${s.organisation.name}下成立${info.branchLabel}“${name}”，并把勾选的 ${ids.length} 名党员转入。转移会记入每位党员的所在党支部历史和操作日志。`,
      okText: '成立并转入',
      cancelText: '再看看',
      onOk: go,
    });
  };

  return (
    <Card
      size="small"
      data-testid={`suggestion-${s.kind}-${s.organisation.id}`}
      title={
        <span>
          {s.organisation.name}
          <Tag color="red" style={{ marginLeft: 8 }}>
            可成立{info.branchLabel}
          </Tag>
        </span>
      }
      extra={
        <span className="muted">
          正式党员 {s.fullCount} 名{s.probationaryCount ? `，预备党员 ${s.probationaryCount} 名` : ''}
        </span>
      }
    >
      <p style={{ margin: '0 0 10px' }} data-testid="suggestion-rule">
        {s.rule}
      </p>
      <Form
        form={form}
        name={formId}
        layout="vertical"
        initialValues={{ mode: 'new', name: s.suggestedName, date: dayjs(), memberIds: allIds }}
        requiredMark
      >
        {s.existingBranches.length > 0 && (
          <Form.Item name="mode" label="办理方式" style={{ marginBottom: 8 }}>
            <Radio.Group
              options={[
                { value: 'new', label: '成立新支部' },
                ...s.existingBranches.map((b) => ({ value: b.id, label: `转入已有的“${b.name}”` })),
              ]}
            />
          </Form.Item>
        )}
        <Form.Item
          name="memberIds"
          label={
            <span>
              转入党员（已勾选 {ticked.length} 人，其中正式党员 {tickedFull} 名）
              <Button type="link" size="small" onClick={() => form.setFieldValue('memberIds', allIds)}>
                全选
              </Button>
              <Button type="link" size="small" onClick={() => form.setFieldValue('memberIds', [])}>
                全不选
              </Button>
            </span>
          }
          rules={[{ required: true, type: 'array', min: 1, message: '请至少勾选一名党员' }]}
        >
          <Checkbox.Group style={{ display: 'block', maxHeight: 168, overflowY: 'auto', border: '1px solid #f0f0f0', borderRadius: 6, padding: '6px 10px' }}>
            <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(230px, 1fr))', gap: '4px 12px' }}>
              {s.members.map((m) => (
                <Checkbox key={m.id} value={m.id}>
                  {m.name}
                  {m.membershipKind === 'probationary' && (
                    <Tag color="orange" style={{ marginLeft: 4 }}>
                      预备
                    </Tag>
                  )}
                  <Tooltip title="现所在党支部">
                    <span className="muted" style={{ marginLeft: 4, fontSize: 12 }}>
                      {m.branchName}
                    </span>
                  </Tooltip>
                </Checkbox>
              ))}
            </div>
          </Checkbox.Group>
        </Form.Item>
        <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start', flexWrap: 'wrap' }}>
          <Form.Item
            name="name"
            label="支部名称"
            hidden={!!target}
            style={{ width: 320, marginBottom: 8 }}
            rules={[
              { required: true, whitespace: true, message: '请填写支部名称' },
              { max: 60, message: '支部名称不能超过 60 个字' },
            ]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="date" label={target ? '转入日期' : '成立日期'} style={{ width: 180, marginBottom: 8 }} rules={[{ required: true, message: '请填写成立日期' }]}>
            <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item label=" " colon={false} style={{ marginBottom: 8 }}>
            <Button type="primary" loading={saving} onClick={submit} disabled={ticked.length === 0}>
              {target ? '转入已有支部' : '成立支部并转入'}
            </Button>
          </Form.Item>
        </div>
        {!target && ticked.length > 50 && (
          <div className="muted" style={{ color: '#ad6800' }}>
            勾选了 {ticked.length} 人：党支部党员一般不超过 50 名，人数较多时可只勾选一部分，或成立后分设党小组、改设党总支。
          </div>
        )}
        {!target && tickedFull < 3 && ticked.length > 0 && (
          <div className="muted" style={{ color: '#ad6800' }}>
            勾选的正式党员不足 3 名，成立后该支部会出现在“组织管理”的规则提醒中。
          </div>
        )}
      </Form>
      {topError && <div style={{ color: '#b8312a', marginTop: 8 }}>{topError}</div>}
    </Card>
  );
}
