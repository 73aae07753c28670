/**
 * In the member's drawer: their 组织关系介绍信 (转出, and 转入 once placed) and their 流动党员活动证, each with its
 * number, status and dates, the number linking to the letter's or the certificate's own page.
 */
import { useEffect, useState } from 'react';
import { Alert, Skeleton, Table, Tag } from 'antd';
import { api } from '../../api/client';
import { errorText } from '../../lib/format';
import { RecordLink } from '../../components/RecordLink';
import { TRANSFER_DIRECTION_LABELS, type TransferRow } from '../../../../shared/transfers';
import { FLOATING_DIRECTION_LABELS, type FloatingCertificateRow } from '../../../../shared/floating';
import { StatusTag } from '../transfers/TransfersPage';
import { StatusTags } from '../floating/FloatingPage';

/** Loads a list again whenever `key` changes. */
function useList<T>(load: () => Promise<T[]>, key: string): { rows: T[] | null; error: string | null } {
  const [rows, setRows] = useState<T[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setRows(null);
    setError(null);
    load().then(
      (r) => live && setRows(r),
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [key]); // `load` is a new function on every render; the key says when its answer changes

  return { rows, error };
}

const DATES: React.CSSProperties = { fontSize: 12, lineHeight: 1.5, whiteSpace: 'nowrap' };


/** 组织关系介绍信: newest first. */
export function MemberTransfers({ memberId, reloadKey }: { memberId: number; reloadKey: number }) {
  const { rows, error } = useList(() => api['transfers.list']({ memberId }), `${memberId}-${reloadKey}`);
  if (error) return <Alert type="error" showIcon title="介绍信没有加载出来" description={error} />;
  if (!rows) return <Skeleton active paragraph={{ rows: 1 }} />;
  if (!rows.length) return <div className="muted">没有组织关系介绍信</div>;
  return (
    <Table<TransferRow>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={rows}
      columns={[
        { title: '介绍信编号', dataIndex: 'letterNo', width: 130, render: (v: string, r) => <RecordLink to={`/transfers/${r.id}`}>{v}</RecordLink> },
        { title: '类型', dataIndex: 'direction', width: 60, render: (v: TransferRow['direction']) => TRANSFER_DIRECTION_LABELS[v] },
        {
          title: '转往／转自',
          key: 'where',
          ellipsis: { showTitle: true },
          render: (_: unknown, r) => (r.direction === 'out' ? r.to : r.from),
        },
        {
          title: '日期',
          key: 'dates',
          width: 170,
          render: (_: unknown, r) => (
            <div style={DATES}>
              <div>{r.direction === 'out' ? '开具' : '收到'} {r.date}</div>
              {r.confirmedOn && <div>转出 {r.confirmedOn}</div>}
              {r.receiptOn && <div>回执 {r.receiptOn}</div>}
              {r.placedOn && <div>转入 {r.placedOn}</div>}
              {r.cancelledOn && <div>作废 {r.cancelledOn}</div>}
            </div>
          ),
        },
        { title: '状态', key: 'status', width: 150, render: (_: unknown, r) => <StatusTag t={r} /> },
      ]}
    />
  );
}

/** 流动党员活动证: newest first. */
export function MemberCertificates({ memberId, reloadKey }: { memberId: number; reloadKey: number }) {
  const { rows, error } = useList(() => api['floating.list']({ memberId }), `${memberId}-${reloadKey}`);
  if (error) return <Alert type="error" showIcon title="流动党员活动证没有加载出来" description={error} />;
  if (!rows) return <Skeleton active paragraph={{ rows: 1 }} />;
  if (!rows.length) return <div className="muted">没有流动党员活动证</div>;
  return (
    <Table<FloatingCertificateRow>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={rows}
      columns={[
        { title: '活动证编号', dataIndex: 'certificateNo', width: 130, render: (v: string, r) => <RecordLink to={`/floating/${r.id}`}>{v}</RecordLink> },
        { title: '类型', dataIndex: 'direction', width: 60, render: (v: FloatingCertificateRow['direction']) => FLOATING_DIRECTION_LABELS[v] },
        { title: '流向／原所在地', dataIndex: 'destination', ellipsis: { showTitle: true } },
        {
          title: '日期',
          key: 'dates',
          width: 170,
          render: (_: unknown, r) => (
            <div style={DATES}>
              <div>发证 {r.issueDate}</div>
              <div>{r.direction === 'inflow' ? '流入' : '外出'} {r.dateOut}</div>
              {r.dateBack && <div>返回 {r.dateBack}</div>}
            </div>
          ),
        },
        {
          title: '状态',
          key: 'status',
          width: 150,
          render: (_: unknown, r) => (
            <span>
              <StatusTags c={r} />
              {r.dateBack == null && r.lastReviewYear != null && !r.reviewedThisYear && <Tag>上次年审 {r.lastReviewYear}年</Tag>}
            </span>
          ),
        },
      ]}
    />
  );
}
