/** The register's spreadsheet buttons: 下载导入模板 and 导出名册 (a job with progress and cancel). */
import { useState } from 'react';
import { App, Button, Modal, Radio } from 'antd';
import { ExportOutlined, FileExcelOutlined } from '@ant-design/icons';
import { api } from '../../api/client';
import type { FileDownload, MemberListQuery } from '../../../../shared/contract';
import { EXPORT_DATA_LABELS, type ExportData } from '../../../../shared/domain/labels';
import { errorText } from '../../lib/format';
import { saveDownload } from '../../lib/files';
import { JobProgress, useJob } from '../../lib/jobs';

export function TemplateButton({ type = 'default' }: { type?: 'default' | 'link' }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const onClick = async () => {
    setBusy(true);
    try {
      const file = await api['members.template']({});
      saveDownload(file);
      void message.success(`已生成导入模板“${file.fileName}”`);
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button type={type} icon={<FileExcelOutlined />} loading={busy} onClick={() => void onClick()}>
      下载导入模板
    </Button>
  );
}

/**
 * Exports what the register shows: its filters, search and sort (every page, not just the one on screen).
 * The clerk chooses the data first: 隐藏身份证号和电话 (the default, for printing and passing on) or
 * 完整数据（用于重新导入）, which the main process records in the audit log.
 */
export function ExportButton({ query, total }: { query: MemberListQuery; total: number | null }) {
  const { message, modal } = App.useApp();
  const job = useJob();
  const [open, setOpen] = useState(false);
  const [data, setData] = useState<ExportData>('masked');
  const start = async () => {
    try {
      const s = await job.run(() => api['members.export']({ query: { ...query, page: 1 }, data }));
      if (!s) return;
      if (s.state === 'done' && s.result && 'dataBase64' in s.result) {
        const file = s.result as FileDownload;
        saveDownload(file);
        setOpen(false);
        void message.success(total != null ? `已导出 ${total} 人到“${file.fileName}”` : `已导出到“${file.fileName}”`);
      } else if (s.state === 'cancelled') {
        setOpen(false);
        void message.info('已取消导出');
      } else if (s.state === 'failed') modal.error({ title: '导出没有完成', content: s.error?.message ?? errorText(null) });
    } catch (e) {
      modal.error({ title: '导出没有完成', content: errorText(e) });
    }
  };
  return (
    <>
      <Button
        icon={<ExportOutlined />}
        loading={job.running}
        disabled={total === 0}
        onClick={() => {
          setData('masked');
          setOpen(true);
        }}
      >
        导出名册
      </Button>
      <Modal
        open={open}
        title="导出名册"
        onCancel={() => !job.running && setOpen(false)}
        closable={!job.running}
        mask={{ closable: false }}
        destroyOnHidden
        footer={
          job.running ? null : (
            <>
              <Button onClick={() => setOpen(false)}>取消</Button>
              <Button type="primary" onClick={() => void start()}>
                开始导出
              </Button>
            </>
          )
        }
      >
        <p className="muted" style={{ marginTop: 0 }}>
          按名册当前的筛选、搜索和排序导出{total != null ? `，共 ${total} 人` : ''}。
        </p>
        {job.running ? (
          <JobProgress title="正在导出" status={job.status} onCancel={() => void job.cancel()} cancelLabel="取消导出" />
        ) : (
          <Radio.Group className="export-choice" value={data} onChange={(e) => setData(e.target.value as ExportData)} aria-label="导出的内容">
            <Radio value="masked">
              <strong>{EXPORT_DATA_LABELS.masked}</strong>
              <div className="muted">身份证号只显示前 6 位和后 4 位，手机号只显示前 3 位和后 4 位。适合打印、报送和传阅；这样的文件不能用来重新导入。</div>
            </Radio>
            <Radio value="full">
              <strong>{EXPORT_DATA_LABELS.full}</strong>
              <div className="muted">包含完整的身份证号和电话，修改后可以重新导入。这次导出会记入操作日志，请妥善保管文件，用完及时删除。</div>
            </Radio>
          </Radio.Group>
        )}
      </Modal>
    </>
  );
}
