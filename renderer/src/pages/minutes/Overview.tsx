/**
 * 三会一课: per branch, which required meetings were held each month (支委会, 党小组会) or quarter (支部党员大会, 党课) of
 * the chosen year; a period that has ended without one is a gap, shown in red.
 */
import { Fragment, useCallback, useEffect, useState } from 'react';
import { Alert, InputNumber, Switch } from 'antd';
import dayjs from 'dayjs';
import { api } from '../../api/client';
import { errorText } from '../../lib/format';
import { MEETING_TYPE_LABELS, type MinutesOverview, type OverviewCell } from '../../../../shared/minutes';
import { ListToolbar } from '../../components/RecordList';

const MONTHS = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);

function Cell({ c, span, required }: { c: OverviewCell; span: number; required: boolean }) {
  if (!required)
    return c.held > 0 ? (
      <td colSpan={span} className="ov-extra" title={`召开 ${c.held} 次（不要求）`}>
        {c.held > 1 ? `✓ ${c.held}次` : '✓'}
      </td>
    ) : (
      <td colSpan={span} className="ov-na" />
    );
  const cls = c.gap ? 'ov-gap' : c.held > 0 ? 'ov-held' : c.period === 'current' ? 'ov-current' : 'ov-future';
  const text = c.held > 0 ? (c.held > 1 ? `✓ ${c.held}次` : '✓') : c.gap ? '缺' : c.period === 'current' ? '进行中' : '';
  const title = c.held > 0 ? `召开 ${c.held} 次` : c.gap ? '没有召开' : c.period === 'current' ? '本期尚未结束' : '尚未到期';
  return (
    <td colSpan={span} className={cls} title={title}>
      {text}
    </td>
  );
}

export function OverviewPage() {
  const [year, setYear] = useState(dayjs().year());
  const [data, setData] = useState<MinutesOverview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [onlyGaps, setOnlyGaps] = useState(false);
  const load = useCallback(async () => {
    try {
      setData(await api['minutes.overview']({ year }));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }, [year]);
  useEffect(() => {
    void load();
  }, [load]);
  const branches = (data?.branches ?? []).filter((b) => !onlyGaps || b.gaps > 0);
  return (
    <div className="minutes-overview">
      <ListToolbar>
        <span className="filter">
          <label className="filter-label" htmlFor="ov-year">
            年度
          </label>
          <InputNumber id="ov-year" min={2000} max={2100} precision={0} value={year} onChange={(v) => v && setYear(v)} style={{ width: 100 }} />
        </span>
        <span className="filter">
          <Switch checked={onlyGaps} onChange={setOnlyGaps} aria-label="只看有缺项的党支部" />
          <span>只看有缺项的党支部</span>
        </span>
        {data && (
          <span className={data.gaps ? 'text-error' : 'muted'} role="status">
            {data.gaps ? `${year}年已结束的月份和季度中，共有 ${data.gaps} 项应开未开` : `${year}年已结束的月份和季度中，应开的会都已召开`}
          </span>
        )}
        <span className="muted" style={{ marginLeft: 'auto' }}>
          支部党员大会、党课每季度一次；支委会、党小组会每月一次（党小组会限设有党小组的支部，支委会限设有支委会的支部）
        </span>
      </ListToolbar>
      {error && <Alert type="error" showIcon title={error} />}
      {data && branches.length === 0 && <div className="muted">{onlyGaps ? '没有缺项的党支部。' : '还没有党支部。请先在“组织管理”中建立党支部。'}</div>}
      {branches.length > 0 && (
        <table className="ov-table" data-testid="minutes-overview">
          <thead>
            <tr>
              <th className="ov-branch">党支部</th>
              <th className="ov-type">会议</th>
              {MONTHS.map((m) => (
                <th key={m}>{m}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {branches.map((b) => (
              <Fragment key={b.orgId}>
                {b.rows.map((r, i) => (
                  <tr key={r.type} className={i === 0 ? 'ov-first' : undefined}>
                    {i === 0 && (
                      <th rowSpan={b.rows.length} className="ov-branch" scope="rowgroup">
                        {b.orgName}
                        {b.parentName && <div className="muted ov-parent">{b.parentName}</div>}
                        {b.gaps > 0 && <div className="text-error ov-count">缺 {b.gaps} 项</div>}
                      </th>
                    )}
                    <th className="ov-type" scope="row">
                      {MEETING_TYPE_LABELS[r.type]}
                      {!r.required && <span className="muted">（不适用）</span>}
                    </th>
                    {r.cells.map((c, k) => (
                      <Cell key={k} c={c} span={r.every === 'quarter' ? 3 : 1} required={r.required} />
                    ))}
                  </tr>
                ))}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
