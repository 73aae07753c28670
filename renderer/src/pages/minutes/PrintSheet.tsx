/**
 * One meeting record as a clean A4 document: title, a table of its details, attendees, agenda, minutes, decisions,
 * follow-ups, and signature lines for the host and the recorder. The page shows it as it will print; 打印 opens the
 * system's print dialog (which also saves as PDF). Long minutes run on over as many pages as they need.
 */
import { useEffect, useState } from 'react';
import { Alert, Button } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { api } from '../../api/client';
import { errorText } from '../../lib/format';
import { navigate } from '../../lib/router';
import { MEETING_TYPE_LABELS, type Meeting } from '../../../../shared/minutes';
import { timeText } from './MeetingDetail';

const cn = (iso: string) => `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;

export function PrintPage({ id }: { id: number }) {
  const [m, setM] = useState<Meeting | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api['minutes.get']({ id })
      .then(setM)
      .catch((e) => setError(errorText(e)));
  }, [id]);
  if (error) return <div className="page"><Alert type="error" showIcon title={error} /></div>;
  if (!m) return <div className="page muted">正在读取…</div>;
  return (
    <div className="page minutes-print-page">
      <div className="transfer-preview-bar no-print">
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/minutes/${m.id}`)}>
          返回
        </Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          打印
        </Button>
        <span className="muted">A4 纸纵向。打印对话框中选择“另存为 PDF”即可得到 PDF 文件。</span>
      </div>
      <div className="minutes-print-scroll">
        <MinutesSheet m={m} />
      </div>
    </div>
  );
}

export function MinutesSheet({ m }: { m: Meeting }) {
  const present = m.attendees.filter((a) => a.present);
  const absent = m.attendees.filter((a) => !a.present);
  const none = '\u00a0';
  return (
    <article className="minutes-sheet" data-testid="minutes-sheet" aria-label={`会议记录：${m.title}`}>
      <h1>{m.title}</h1>
      <p className="sheet-sub">{MEETING_TYPE_LABELS[m.type]}记录</p>
      <table className="sheet-meta">
        <tbody>
          <tr>
            <th>会议时间</th>
            <td>{timeText(m).replace(m.heldOn, cn(m.heldOn))}</td>
            <th>会议地点</th>
            <td>{m.place ?? none}</td>
          </tr>
          <tr>
            <th>组织</th>
            <td>{m.orgName ?? none}</td>
            <th>会议类型</th>
            <td>{MEETING_TYPE_LABELS[m.type]}</td>
          </tr>
          <tr>
            <th>主持人</th>
            <td>{m.host ?? none}</td>
            <th>记录人</th>
            <td>{m.recorder ?? none}</td>
          </tr>
          <tr>
            <th>出席人员</th>
            <td colSpan={3}>
              {present.length ? `${present.map((a) => a.name).join('、')}（共 ${present.length} 人）` : none}
            </td>
          </tr>
          <tr>
            <th>缺席人员</th>
            <td colSpan={3}>{absent.length ? absent.map((a) => `${a.name}${a.reason ? `（${a.reason}）` : ''}`).join('、') : '无'}</td>
          </tr>
        </tbody>
      </table>
      {m.agenda && (
        <section>
          <h2>会议议题</h2>
          <div className="sheet-text">{m.agenda}</div>
        </section>
      )}
      <section>
        <h2>会议内容</h2>
        <div className="sheet-text">{m.minutes ?? none}</div>
      </section>
      {m.decisions && (
        <section>
          <h2>决定事项</h2>
          <div className="sheet-text">{m.decisions}</div>
        </section>
      )}
      {m.followUps.length > 0 && (
        <section>
          <h2>后续事项</h2>
          <table className="sheet-follow">
            <thead>
              <tr>
                <th style={{ width: '3.2em' }}>序号</th>
                <th>事项</th>
                <th style={{ width: '6em' }}>责任人</th>
                <th style={{ width: '7.5em' }}>完成期限</th>
              </tr>
            </thead>
            <tbody>
              {m.followUps.map((f, i) => (
                <tr key={i}>
                  <td>{i + 1}</td>
                  <td>{f.item}</td>
                  <td>{f.owner ?? ''}</td>
                  <td>{f.dueOn ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {m.attachmentList.length > 0 && (
        <p className="sheet-attachments">附件：{m.attachmentList.map((a) => a.fileName).join('；')}</p>
      )}
      <div className="sheet-sign">
        <span>
          主持人（签字）：<span className="sign-line" />
        </span>
        <span>
          记录人（签字）：<span className="sign-line" />
        </span>
      </div>
      <p className="sheet-date">{cn(m.heldOn)}</p>
    </article>
  );
}
