/**
 * 概览: the figures a secretary asks for first, on one screen — members (正式/预备, 女, 少数民族, 大专及以上, 失联,
 * 流动), members by classification and by age band (charts), by education; what needs doing: organisations with rule
 * warnings, overdue transfer receipts, 活动证 reviews due, 三会一课 gaps, the two-new coverage rates, agreements about to
 * expire. Each part links to its page. Below, every rule warning by
 * rule (/overview/warnings scrolls there). The figures are the returns' own, as of today.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Empty, Skeleton, Tag } from 'antd';
import { BarChartOutlined, ReloadOutlined, RightOutlined } from '@ant-design/icons';
import { api } from '../../api/client';
import type { Overview } from '../../../../shared/returns';
import { EXPIRY_NOTICE_DAYS } from '../../../../shared/cobuilding';
import { ORG_KIND_LABELS } from '../../../../shared/domain/labels';
import { formatRate } from '../../../../shared/rules/coverage';
import { Chart, barOption } from '../../components/Chart';
import { errorText } from '../../lib/format';
import { navigate, useHashPath } from '../../lib/router';
import { RuleWarnings } from '../orgs/OrgOverview';
import { RecordLink } from '../../components/RecordLink';

/** 30岁及以下 → ≤30, 31—35岁 → 31-35, 61岁及以上 → ≥61: nine bars side by side need short names (the tooltip has the whole). */
const shortAge = (label: string) => label.replace(/^(\d+)岁及以下$/, '≤$1').replace(/^(\d+)岁及以上$/, '≥$1').replace(/^(\d+)—(\d+)岁$/, '$1-$2').replace('年龄不详', '不详');

const pct = (n: number, d: number) => (d > 0 ? `${((n / d) * 100).toFixed(1)}%` : '—');

/** Rows a to-do card shows, so the six cards stay on the first screen at 1366×768; each card links to the rest. */
const CARD_ROWS = 3;

export function OverviewPage() {
  const path = useHashPath();
  const [data, setData] = useState<Overview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const warningsRef = useRef<HTMLDivElement>(null);
  const load = useCallback(async () => {
    try {
      setData(await api['overview.get']({}));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load, reloadKey]);
  useEffect(() => {
    if (data && (path === '/overview/warnings' || path === '/orgs/overview')) warningsRef.current?.scrollIntoView({ block: 'start' });
  }, [data, path]);

  const classification = useMemo(
    () => (data ? [...data.byClassification, { label: '未分类', count: data.unclassified }] : []),
    [data],
  );
  const classOption = useMemo(() => barOption(classification, { horizontal: true }), [classification]);
  const ageOption = useMemo(
    () => barOption(data?.byAge.filter((b) => b.label !== '年龄不详' || b.count > 0) ?? [], { color: '#d4862f', axisLabel: shortAge }),
    [data],
  );
  const eduOption = useMemo(
    () => barOption(data?.byEducation.filter((b) => b.label !== '学历不详' || b.count > 0) ?? [], { horizontal: true, color: '#8c6d3f' }),
    [data],
  );

  return (
    <div className="page overview-page">
      <div className="page-title">
        <h1>概览</h1>
        {data && <span className="panel-note overview-today">按 {data.today} 在册党员计算</span>}
        <div className="actions">
          <Button icon={<ReloadOutlined />} onClick={() => setReloadKey((k) => k + 1)}>
            刷新
          </Button>
          <Button type="primary" icon={<BarChartOutlined />} onClick={() => navigate('/returns')}>
            生成统计报表
          </Button>
        </div>
      </div>
      {error && <Alert type="error" showIcon style={{ marginBottom: 12 }} title="概览没有加载出来" description={error} action={<Button onClick={() => void load()}>重试</Button>} />}
      {!data ? (
        !error && <Skeleton active />
      ) : data.members.total === 0 && data.orgs.organisations === 0 ? (
        <section className="panel">
          <Empty description="还没有党组织和党员。请先在“组织管理”中建立党组织，再在“党员名册”中登记或导入党员。">
            <Button type="primary" onClick={() => navigate('/orgs')}>
              去建立党组织
            </Button>
          </Empty>
        </section>
      ) : (
        <>
          <section className="panel overview-figures" aria-label="党员概况">
            <Figure label="党员总数" value={data.members.total} unit="名" onClick={() => navigate('/members')} strong />
            <Figure label="正式党员" value={data.members.full} unit="名" />
            <Figure label="预备党员" value={data.members.probationary} unit="名" />
            <Figure label="女党员" value={data.members.female} unit="名" note={pct(data.members.female, data.members.total)} />
            <Figure label="少数民族" value={data.members.minorities} unit="名" note={pct(data.members.minorities, data.members.total)} />
            <Figure label="大专及以上" value={data.collegeOrAbove} unit="名" note={pct(data.collegeOrAbove, data.members.total)} />
            <Figure label="失联党员" value={data.members.lostContact} unit="名" warn={data.members.lostContact > 0} />
            <Figure label="流出 / 流入" value={`${data.members.floatingOut} / ${data.members.floatingIn}`} unit="名" onClick={() => navigate('/floating')} />
            <Figure label="党组织 / 党支部" value={`${data.orgs.organisations} / ${data.orgs.branches}`} unit="个" onClick={() => navigate('/orgs')} />
          </section>

          <div className="overview-grid">
            <section className="panel" aria-label="党员分类">
              <h2 className="panel-title">
                党员分类 <span className="panel-note">一人可有几个分类</span>
              </h2>
              <Chart
                option={classOption}
                height={156}
                label={`党员分类：${classification.map((c) => `${c.label} ${c.count} 名`).join('，')}`}
                onClickLabel={() => navigate('/members')}
              />
            </section>
            <section className="panel" aria-label="年龄结构">
              <h2 className="panel-title">年龄结构</h2>
              <Chart option={ageOption} height={156} label={`年龄结构：${data.byAge.map((c) => `${c.label} ${c.count} 名`).join('，')}`} />
            </section>
            <section className="panel" aria-label="学历结构">
              <h2 className="panel-title">
                学历结构 <span className="panel-note">大专及以上 {data.collegeOrAbove} 名，占 {pct(data.collegeOrAbove, data.members.total)}</span>
              </h2>
              <Chart option={eduOption} height={156} label={`学历结构：${data.byEducation.map((c) => `${c.label} ${c.count} 名`).join('，')}`} />
            </section>
          </div>

          <div className="overview-grid">
            <section className="panel overview-todo" aria-label="需要调整的党组织">
              <h2 className="panel-title">
                需要调整的党组织 <span className="panel-note">{data.orgs.warnings ? `${data.orgs.warnings} 条提醒` : '暂无'}</span>
                {data.orgs.warnings > 0 && (
                  <Button type="link" className="overview-more" onClick={() => warningsRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' })}>
                    全部提醒 <RightOutlined />
                  </Button>
                )}
              </h2>
              {data.orgs.top.length === 0 ? (
                <div className="muted">所有党组织都符合组织设置规则。</div>
              ) : (
                <ul className="overview-list">
                  {data.orgs.top.slice(0, CARD_ROWS).map((o) => (
                    <li key={o.orgId}>
                      <RecordLink to={`/orgs/${o.orgId}`} title={ORG_KIND_LABELS[o.kind]}>
                        {o.orgName}
                      </RecordLink>
                      {o.titles.map((t) => (
                        <Tag key={t} color="orange">
                          {t}
                        </Tag>
                      ))}
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section className="panel overview-todo" aria-label="介绍信回执逾期">
              <h2 className="panel-title">
                介绍信回执逾期 <span className="panel-note">{data.transfers.overdue ? `${data.transfers.overdue} 封` : '暂无'}</span>
                {data.transfers.overdue > Math.min(CARD_ROWS, data.transfers.items.length) && (
                  <Button type="link" className="overview-more" onClick={() => navigate('/transfers')}>
                    查看全部 {data.transfers.overdue} 封 <RightOutlined />
                  </Button>
                )}
              </h2>
              {data.transfers.items.length === 0 ? (
                <div className="muted">转出的介绍信都已按时收到回执，或尚未满一个月。</div>
              ) : (
                <ul className="overview-list">
                  {data.transfers.items.slice(0, CARD_ROWS).map((t) => (
                    <li key={t.id}>
                      <RecordLink to={`/transfers/${t.id}`}>
                        {t.letterNo} {t.name}
                      </RecordLink>
                      <span className="muted"> → {t.to}</span>
                      {t.receiptDue && <Tag color="red">应于 {t.receiptDue} 前寄回</Tag>}
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section className="panel overview-todo" aria-label="三会一课未按期开展">
              <h2 className="panel-title">
                三会一课未按期开展{' '}
                <span className="panel-note">{data.threeMeetings.gaps ? `${data.threeMeetings.year}年 ${data.threeMeetings.branchesWithGaps} 个支部，共 ${data.threeMeetings.gaps} 次` : '暂无'}</span>
                <Button type="link" className="overview-more" onClick={() => navigate('/minutes/overview')}>
                  三会一课一览 <RightOutlined />
                </Button>
              </h2>
              {data.threeMeetings.top.length === 0 ? (
                <div className="muted">{data.threeMeetings.year}年已结束的月份和季度，各党支部的“三会一课”都已开展。</div>
              ) : (
                <ul className="overview-list">
                  {data.threeMeetings.top.slice(0, CARD_ROWS).map((b) => (
                    <li key={b.orgId} title={b.parentName ?? undefined}>
                      <RecordLink to="/minutes/overview">{b.orgName}</RecordLink>
                      <Tag color="orange">缺 {b.gaps} 次</Tag>
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section className="panel overview-todo" aria-label="两新组织党建覆盖">
              <h2 className="panel-title">
                两新组织党建覆盖 <span className="panel-note">{data.coverage.organisations ? `在营 ${data.coverage.organisations} 个` : '暂无登记'}</span>
                <Button type="link" className="overview-more" onClick={() => navigate('/two-new')}>
                  去两新组织 <RightOutlined />
                </Button>
              </h2>
              {data.coverage.organisations === 0 ? (
                <div className="muted">还没有登记在营的两新组织，覆盖率无从计算。</div>
              ) : (
                <ul className="overview-list">
                  <li>
                    党的组织覆盖率 <strong>{formatRate(data.coverage.organisationCoverage)}</strong>
                  </li>
                  <li>
                    党的工作覆盖率 <strong>{formatRate(data.coverage.workCoverage)}</strong>
                  </li>
                  {data.coverage.qualifiedUncovered > 0 && (
                    <li>
                      应单独组建而未组建 <Tag color="orange">{data.coverage.qualifiedUncovered} 个</Tag>
                    </li>
                  )}
                </ul>
              )}
            </section>
            <section className="panel overview-todo" aria-label="共建协议即将到期">
              <h2 className="panel-title">
                共建协议即将到期 <span className="panel-note">{data.agreements.expiring ? `${data.agreements.expiring} 份` : '暂无'}</span>
                <Button type="link" className="overview-more" onClick={() => navigate('/cobuilding/agreements')}>
                  {data.agreements.expiring > Math.min(CARD_ROWS, data.agreements.items.length) ? `查看全部 ${data.agreements.expiring} 份` : '去共驻共建'} <RightOutlined />
                </Button>
              </h2>
              {data.agreements.items.length === 0 ? (
                <div className="muted">{EXPIRY_NOTICE_DAYS} 天内没有到期的共建协议。</div>
              ) : (
                <ul className="overview-list">
                  {data.agreements.items.slice(0, CARD_ROWS).map((a) => (
                    <li key={a.id} title={a.communityName}>
                      <RecordLink to={`/cobuilding/agreements/${a.id}`}>
                        {a.title}
                      </RecordLink>
                      <Tag color={a.daysLeft <= 30 ? 'red' : 'orange'}>{a.daysLeft === 0 ? '今天到期' : `${a.daysLeft} 天后到期`}</Tag>
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section className="panel overview-todo" aria-label="流动党员活动证年审">
              <h2 className="panel-title">
                流动党员活动证年审
                <Button type="link" className="overview-more" onClick={() => navigate('/floating')}>
                  去流动党员活动证 <RightOutlined />
                </Button>
              </h2>
              {data.floating.reviewsDue === 0 ? (
                <div className="muted">在外党员的活动证今年都已年审。</div>
              ) : (
                <p>
                  有 <strong className="text-error">{data.floating.reviewsDue}</strong> 本在外党员的活动证今年还没有年审。
                </p>
              )}
            </section>
          </div>

          <div ref={warningsRef} className="overview-warnings">
            <RuleWarnings reloadKey={reloadKey} />
          </div>
        </>
      )}
    </div>
  );
}

function Figure({ label, value, unit, note, onClick, strong, warn }: { label: string; value: number | string; unit: string; note?: string; onClick?: () => void; strong?: boolean; warn?: boolean }) {
  const body = (
    <>
      <div className="overview-figure-label">{label}</div>
      <div className={`overview-figure-value${strong ? ' strong' : ''}${warn ? ' warn' : ''}`}>
        {value}
        <span className="overview-figure-unit">{unit}</span>
      </div>
      {note && <div className="overview-figure-note">占 {note}</div>}
    </>
  );
  return onClick ? (
    <button type="button" className="overview-figure link" onClick={onClick} aria-label={`${label} ${value} ${unit}`}>
      {body}
    </button>
  ) : (
    <div className="overview-figure">{body}</div>
  );
}
