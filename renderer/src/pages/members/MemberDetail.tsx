/** One member: every field with its official label, the whole ID number, and the 操作日志. */
import { useEffect, useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Empty, Skeleton, Space, Table, Tag, Timeline } from 'antd';
import type { DescriptionsProps } from 'antd';
import { api } from '../../api/client';
import type { AuditEntry, Member } from '../../../../shared/contract';
import type { BranchStay } from '../../../../shared/moves';
import {
  EDUCATION_LABELS,
  EXIT_REASON_LABELS,
  FLOATING_DIRECTION_LABELS,
  MEMBER_FIELD_LABELS,
  MEMBERSHIP_KIND_LABELS,
  SEX_LABELS,
  STANDING_LABELS,
  TAG_LABELS,
} from '../../../../shared/domain/labels';
import { AUDIT_ACTION_LABELS, EMPTY, ageOf, auditValue, errorText, fmtDate, fmtDateTime } from '../../lib/format';
import { useOrgs } from '../../lib/orgs';
import { ExitModal, ReinstateModal } from './ExitModal';
import { MoveModal } from './MoveModal';
import { MemberCertificates, MemberTransfers } from './MemberPapers';

const L = MEMBER_FIELD_LABELS as Record<string, string>;
const label = (f: string) => L[f] ?? f;

export function MemberDetail(props: {
  id: number | null;
  reloadKey: number;
  onClose: () => void;
  onEdit: (m: Member) => void;
  onChanged: () => void;
}) {
  const { id, reloadKey } = props;
  const { byId } = useOrgs();
  const [member, setMember] = useState<Member | null>(null);
  const [audit, setAudit] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [exitOpen, setExitOpen] = useState(false);
  const [reinstateOpen, setReinstateOpen] = useState(false);
  const [history, setHistory] = useState<BranchStay[] | null>(null);
  const [moveOpen, setMoveOpen] = useState(false);

  useEffect(() => {
    if (id == null) return;
    let live = true;
    setError(null);
    Promise.all([api['members.get']({ id }), api['members.audit']({ id }), api['members.history']({ id })]).then(
      ([m, a, h]) => {
        if (!live) return;
        setMember(m);
        setAudit(a);
        setHistory(h);
      },
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [id, reloadKey]);

  useEffect(() => {
    if (id == null) {
      setMember(null);
      setAudit(null);
    }
  }, [id]);

  const m = member && member.id === id ? member : null;
  const age = ageOf(m?.birthDate);
  const items: DescriptionsProps['items'] = m
    ? [
        { key: 'name', label: label('name'), children: m.name },
        { key: 'sex', label: label('sex'), children: m.sex ? SEX_LABELS[m.sex] : EMPTY },
        { key: 'ethnicity', label: label('ethnicity'), children: m.ethnicity ?? EMPTY },
        {
          key: 'idNumber',
          label: label('idNumber'),
          children: (
            <Space size={6} wrap>
              <span className="id-number" data-testid="detail-id-number">
                {m.idNumber}
              </span>
              {m.idStatus === 'valid' && <Tag color="success">已校验</Tag>}
              {m.idStatus === 'legacy15' && <Tag color="default">15 位旧号码</Tag>}
              {m.idStatus === 'override' && (
                <Tag color="warning">校验未通过（已确认保存）</Tag>
              )}
            </Space>
          ),
        },
        ...(m.idStatus === 'override'
          ? [{ key: 'idOverrideReason', label: label('idOverrideReason'), span: 2, children: m.idOverrideReason ?? EMPTY }]
          : []),
        {
          key: 'birthDate',
          label: label('birthDate'),
          children: m.birthDate ? `${m.birthDate}${age != null ? `（${age} 岁）` : ''}` : EMPTY,
        },
        { key: 'education', label: label('education'), children: m.education ? EDUCATION_LABELS[m.education] : EMPTY },
        { key: 'membershipKind', label: label('membershipKind'), children: MEMBERSHIP_KIND_LABELS[m.membershipKind] },
        { key: 'branchId', label: label('branchId'), children: m.branchName ?? '未编入党支部' },
        { key: 'joinedOn', label: label('joinedOn'), children: fmtDate(m.joinedOn) },
        { key: 'confirmedOn', label: label('confirmedOn'), children: fmtDate(m.confirmedOn) },
        { key: 'occupation', label: label('occupation'), children: m.occupation ?? EMPTY },
        { key: 'mobile', label: label('mobile'), children: m.mobile ?? EMPTY },
        { key: 'phone', label: label('phone'), children: m.phone ?? EMPTY },
        { key: 'address', label: label('address'), span: 2, children: m.address ?? EMPTY },
        {
          key: 'standing',
          label: label('standing'),
          children: m.standing === 'normal' ? STANDING_LABELS.normal : <Tag color="volcano">{STANDING_LABELS[m.standing]}</Tag>,
        },
        {
          key: 'lostContact',
          label: label('lostContact'),
          children: m.lostContact ? (
            <span>
              <Tag color="red">是</Tag>失去联系日期：{fmtDate(m.lostContactSince)}
            </span>
          ) : (
            '否'
          ),
        },
        {
          key: 'floating',
          label: label('floating'),
          span: 2,
          children: m.floating ? (
            <span>
              <Tag color="blue">是</Tag>
              {m.floatingDirection ? FLOATING_DIRECTION_LABELS[m.floatingDirection] : ''}
              {m.floatingDestination ? `　外出流向：${m.floatingDestination}` : ''}
            </span>
          ) : (
            '否'
          ),
        },
        {
          key: 'tags',
          label: label('tags'),
          span: 2,
          children: m.tags.length ? (
            <Space size={4} wrap>
              {m.tags.map((t) => (
                <Tag key={t} color="red" variant="outlined">
                  {TAG_LABELS[t]}
                </Tag>
              ))}
            </Space>
          ) : (
            EMPTY
          ),
        },
        { key: 'specialties', label: label('specialties'), span: 2, children: m.specialties ?? EMPTY },
        { key: 'note', label: label('note'), span: 2, children: <span style={{ whiteSpace: 'pre-wrap' }}>{m.note ?? EMPTY}</span> },
      ]
    : [];

  const orgName = (oid: number) => byId.get(oid)?.name;

  return (
    <Drawer
      open={id != null}
      onClose={props.onClose}
      size={760}
      title={m ? `党员信息：${m.name}` : '党员信息'}
      destroyOnHidden
      extra={
        m && (
          <Space>
            {m.leftOn ? (
              <Button onClick={() => setReinstateOpen(true)}>恢复在册</Button>
            ) : (
              <>
                <Button onClick={() => setMoveOpen(true)}>转移党支部</Button>
                <Button onClick={() => setExitOpen(true)}>办理离开</Button>
                <Button type="primary" onClick={() => props.onEdit(m)}>
                  编辑
                </Button>
              </>
            )}
          </Space>
        )
      }
    >
      {error && <Alert type="error" showIcon title="没有读取到这位党员的信息" description={error} style={{ marginBottom: 12 }} />}
      {!m && !error && <Skeleton active />}
      {m && (
        <>
          {m.leftOn && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={`已于 ${m.leftOn} 离开：${m.leftReason ? EXIT_REASON_LABELS[m.leftReason] : '其他'}`}
              description={m.leftNote ? `说明：${m.leftNote}` : '此记录保留备查；如需修改，请先恢复在册。'}
            />
          )}
          <Descriptions bordered size="small" column={2} items={items} styles={{ label: { width: 132, whiteSpace: 'nowrap' } }} />
          <h3 className="form-section-title" style={{ marginTop: 20 }}>
            所在党支部历史
          </h3>
          <section aria-label="所在党支部历史" data-testid="branch-history">
            <BranchHistory stays={history} leftOn={m.leftOn} />
          </section>
          <h3 className="form-section-title" style={{ marginTop: 20 }}>
            组织关系介绍信
          </h3>
          <section aria-label="组织关系介绍信" data-testid="member-transfers">
            <MemberTransfers memberId={m.id} reloadKey={reloadKey} />
          </section>
          <h3 className="form-section-title" style={{ marginTop: 20 }}>
            流动党员活动证
          </h3>
          <section aria-label="流动党员活动证" data-testid="member-certificates">
            <MemberCertificates memberId={m.id} reloadKey={reloadKey} />
          </section>
          <h3 className="form-section-title" style={{ marginTop: 20 }}>
            操作日志
          </h3>
          <section aria-label="操作日志" data-testid="audit-log">
            {audit && audit.length === 0 && <Empty description="暂无记录" />}
            {audit && audit.length > 0 && (
              <Timeline
                items={audit.map((a) => ({
                  key: a.id,
                  color: a.action === 'exit' ? 'gray' : a.action === 'create' ? 'green' : 'red',
                  content: (
                    <div className="audit-entry">
                      <div className="audit-head">
                        <strong>{AUDIT_ACTION_LABELS[a.action] ?? a.action}</strong>
                        <span className="muted">{fmtDateTime(a.at)}</span>
                        {a.actor && <span className="muted">操作人：{a.actor}</span>}
                      </div>
                      <AuditChanges entry={a} orgName={orgName} />
                    </div>
                  ),
                }))}
              />
            )}
          </section>
        </>
      )}
      {m && (
        <>
          <ExitModal
            member={m}
            open={exitOpen}
            onClose={() => setExitOpen(false)}
            onDone={() => {
              setExitOpen(false);
              props.onChanged();
            }}
          />
          <MoveModal
            members={[{ id: m.id, name: m.name }]}
            open={moveOpen}
            onClose={() => setMoveOpen(false)}
            onDone={() => {
              setMoveOpen(false);
              props.onChanged();
            }}
          />
          <ReinstateModal
            member={m}
            open={reinstateOpen}
            onClose={() => setReinstateOpen(false)}
            onDone={() => {
              setReinstateOpen(false);
              props.onChanged();
            }}
          />
        </>
      )}
    </Drawer>
  );
}

/** Every branch the member was in, newest first: the branch, from, to (至今 while there), and why they came. */
function BranchHistory({ stays, leftOn }: { stays: BranchStay[] | null; leftOn: string | null }) {
  if (!stays) return <Skeleton active paragraph={{ rows: 1 }} />;
  if (!stays.length) return <Empty description="尚未编入党支部" image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const rows = [...stays].reverse().map((s, i) => ({ ...s, key: i }));
  return (
    <Table
      size="small"
      pagination={false}
      dataSource={rows}
      columns={[
        {
          title: '党支部',
          dataIndex: 'orgName',
          render: (v: string, s: BranchStay) => (
            <span>
              {v}
              {s.dissolved && <Tag style={{ marginLeft: 6 }}>已撤销</Tag>}
            </span>
          ),
        },
        { title: '转入日期', dataIndex: 'from', width: 110 },
        {
          title: '转出日期',
          dataIndex: 'to',
          width: 110,
          render: (v: string | null) => v ?? (leftOn ? <span className="muted">{leftOn} 离开</span> : <Tag color="green">至今</Tag>),
        },
        { title: '转入原因', dataIndex: 'reason', render: (v: string | null) => v ?? <span className="muted">登记时所在党支部</span> },
      ]}
    />
  );
}

/** On 新增 the whole record is listed without "old"; otherwise each field as 字段名：旧值 → 新值. */
function AuditChanges({ entry, orgName }: { entry: AuditEntry; orgName: (id: number) => string | undefined }) {
  const changes = entry.action === 'create' || entry.action === 'import' ? entry.changes.filter((c) => c.new !== null && c.new !== false && !(Array.isArray(c.new) && c.new.length === 0)) : entry.changes;
  return (
    <div>
      {entry.note && !(entry.action === 'exit' && entry.changes.some((c) => c.field === 'leftNote')) && (
        <div className="audit-change">说明：{entry.note}</div>
      )}
      {entry.action === 'create' || entry.action === 'import' ? (
        <div className="audit-change muted">
          {changes.map((c) => `${label(c.field)}：${auditValue(c.field, c.new, orgName)}`).join('；')}
        </div>
      ) : (
        changes.map((c) => (
          <div key={c.field} className="audit-change">
            <span className="field">{label(c.field)}：</span>
            <span className="old">{auditValue(c.field, c.old, orgName)}</span>
            {' → '}
            <span className="new">{auditValue(c.field, c.new, orgName)}</span>
          </div>
        ))
      )}
    </div>
  );
}
